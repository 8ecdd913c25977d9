package dev.longsight.job.report;

import dev.longsight.job.output.Wilson;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.report.chart.Heatmap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One needle-in-a-haystack heatmap per pattern: needle depth (rows) x context length (columns). */
final class HeatmapSection implements Section {
    @Override
    public String id() { return "heatmaps"; }

    @Override
    public String heading() { return "Needle in a haystack: accuracy by depth and length"; }

    /** Depths are grouped at one-in-a-million resolution so that 0.1 + 0.2 and 0.3 share a row. */
    private record Cell(String pattern, int length, long depth) {}

    private static long depthKey(double d) {
        return Math.round(d * 1e6);
    }

    @Override
    public String body(ReportModel m) {
        TreeSet<Long> depths = new TreeSet<>();
        for (UnitResult r : m.in.results()) depths.add(depthKey(r.depth()));
        Map<Cell, UnitStats> cells = UnitStats.groupBy(m.in.results(),
                r -> new Cell(ReportModel.pattern(r), r.length(), depthKey(r.depth())));
        List<String> rows = depths.stream().map(d -> Fmt.depth(d / 1e6)).toList();
        List<String> cols = m.lengths.stream().map(Fmt::length).toList();
        java.util.IntSummaryStatistics n = cells.values().stream().mapToInt(UnitStats::ok).filter(k -> k > 0).summaryStatistics();
        String sizes = n.getCount() == 0 ? "" : n.getMin() == n.getMax() ? String.valueOf(n.getMin()) : n.getMin() + " to " + n.getMax();
        StringBuilder b = new StringBuilder(Section.note("Cell: exact-match accuracy (%) over the units with status ok; "
                + "grey: no ok unit. Depth 0% puts the needle at the start of the document."
                + (sizes.isEmpty() ? "" : " Each cell rests on " + sizes + " ok unit(s): with " + n.getMin() + ", an observed 100% has "
                + "a 95% Wilson interval of " + Fmt.interval(Wilson.interval(n.getMin(), n.getMin())) + "; the tooltips give each cell's.")));
        b.append("<div class=\"charts\">");
        for (String p : m.patterns) {
            double[][] values = new double[rows.size()][cols.size()]; // (depths, lengths)
            String[][] tips = new String[rows.size()][cols.size()];   // (depths, lengths)
            List<Long> ds = new ArrayList<>(depths);
            for (int r = 0; r < ds.size(); r++)
                for (int c = 0; c < m.lengths.size(); c++) {
                    UnitStats s = cells.get(new Cell(p, m.lengths.get(c), ds.get(r)));
                    values[r][c] = s == null ? Double.NaN : s.accuracy();
                    tips[r][c] = p + ", " + cols.get(c) + ", depth " + rows.get(r) + ": " + (s == null ? "no units"
                            : s.exact() + " of " + s.ok() + " ok units exact, 95% interval " + Fmt.interval(s.accuracyInterval())
                              + (s.units() > s.ok() ? ", " + (s.units() - s.ok()) + " failed" : ""));
                }
            Heatmap h = new Heatmap(p + (sizes.isEmpty() ? "" : " (n = " + (n.getMin() == n.getMax() ? String.valueOf(n.getMin())
                    : n.getMin() + "\u2013" + n.getMax()) + " per cell)"), "needle depth", "context length (tokens)", rows, cols, values, tips,
                    v -> String.valueOf(Math.round(100 * v)));
            b.append(Section.figure(h.svg()));
        }
        return b.append("</div>").toString();
    }
}
