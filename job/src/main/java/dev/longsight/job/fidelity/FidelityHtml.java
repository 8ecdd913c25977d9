package dev.longsight.job.fidelity;

import dev.longsight.job.report.Fmt;
import dev.longsight.job.report.Html;
import dev.longsight.job.report.HtmlReport;
import dev.longsight.job.report.RunInfo;
import dev.longsight.job.report.HtmlTable;
import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * report.html of a fidelity sweep: error and cost vs length per pattern and budget as inline SVG
 * charts, the verdicts on the n^C claims, every row as a table, and the configuration. The page
 * shell (CSS, navigation, Content-Security-Policy) is the run report's.
 */
public final class FidelityHtml {
    private FidelityHtml() {}

    public static String render(String header, String commandLine, Map<String, String> settings, List<FidelityResult> rs) {
        return render(header, commandLine, settings, rs, List.of(), List.of());
    }

    /** As above, with the verdicts per claim (slopes per document) and, where the source has several, per layer and head. */
    public static String render(String header, String commandLine, Map<String, String> settings, List<FidelityResult> rs,
                                List<HeadResult> heads, List<DocumentResult> docs) {
        Map<String, List<FidelityResult>> byPattern = FidelityReport.byPattern(rs);
        List<HtmlReport.Part> parts = new ArrayList<>();
        parts.add(new HtmlReport.Part("fidelity", "Error vs length", note(header) + note("Dropped mass: softmax mass outside the "
                + "pattern per query row (the total-variation distance to exact attention, 1 - exp(LSE_sparse - LSE_exact)); "
                + "output error: |o_sparse - o_exact| / |o_exact|. The last position bucket holds the rows that attend about n keys, "
                + "the rows the n^C claims speak of. Dashed: the token-level top-k reference at the same keys a row. "
                + "Zeros (patterns that keep every key) are not drawn on log axes; the table lists them.")
                + "<div class=\"charts\">"
                + chart("Dropped mass, last position bucket", "dropped mass (log)", Scale.LOG, byPattern, FidelityResult::droppedLate)
                + chart("Dropped mass, all rows", "dropped mass (log)", Scale.LOG, byPattern, FidelityResult::droppedMean)
                + chart("Output relative L2 error, all rows", "relative L2 error (log)", Scale.LOG, byPattern, FidelityResult::relL2Mean)
                + chart("Cost: key blocks per query block", "key blocks a row (log)", Scale.LOG, byPattern, FidelityResult::blocksPerRow)
                + "</div>"));
        parts.add(new HtmlReport.Part("claims", "The paper's claims, as this data shows them", claims(FidelityReport.claims(rs))
                + markdownBlocks(FidelityReport.verdictsAndHeads(rs, heads, docs))));
        HtmlTable t = new HtmlTable("fidelity", "pattern", "granularity", "#length", "#blocks a row", "#density", "#dropped mean",
                "#dropped last bucket", "#dropped p99", "#rel. L2 mean", "#rel. L2 last bucket", "#kernel time", "device");
        for (List<FidelityResult> rows : byPattern.values())
            for (FidelityResult r : rows)
                t.row(r.pattern(), r.granularity(), Fmt.length(r.length()), Fmt.sig(r.blocksPerRow()), Fmt.sig(r.density()),
                        Fmt.sig(r.droppedMean()), Fmt.sig(r.droppedLate()), Fmt.sig(r.droppedP99()), Fmt.sig(r.relL2Mean()),
                        Fmt.sig(r.relL2Late()), Fmt.ms(r.kernelMs()), r.device());
        parts.add(new HtmlReport.Part("table", "Every pattern and length", t.html()));
        HtmlTable c = new HtmlTable("config", "setting", "value");
        settings.forEach(c::row);
        parts.add(new HtmlReport.Part("run", "Run configuration", "<h3>Command line</h3><pre class=\"command\"><code>"
                + Html.esc(commandLine) + "</code></pre><h3>Configuration</h3>" + c.html()));
        return HtmlReport.page("LongSight fidelity report", HtmlReport.provenance(RunInfo.current(null)), parts);
    }

    /** One line per "pattern [granularity]"; a token row shares its block row's colour, dashed. */
    private static String chart(String title, String yLabel, Scale scale, Map<String, List<FidelityResult>> byPattern,
                                ToDoubleFunction<FidelityResult> metric) {
        List<String> colours = new ArrayList<>(); // one per pattern spec
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<FidelityResult>> e : byPattern.entrySet()) {
            List<FidelityResult> rows = e.getValue();
            String spec = rows.get(0).pattern();
            if (!colours.contains(spec)) colours.add(spec);
            double[] x = new double[rows.size()], y = new double[rows.size()]; // (lengths)
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).length();
                y[i] = metric.applyAsDouble(rows.get(i));
            }
            series.add(new Series(e.getKey(), colours.indexOf(spec), rows.get(0).granularity().equals("token"), x, y));
        }
        Axis lengths = Axis.atData("context length (tokens)", Scale.LOG, v -> Fmt.length((long) v));
        return "<figure class=\"figure\">" + new LineChart(title + " vs length", lengths, Axis.auto(yLabel, scale, Fmt::sig), series).svg()
                + "</figure>";
    }

    /** The claims' markdown as HTML: a numbered claim is a paragraph, each "   - " line an item under it. */
    static String claims(String markdown) {
        StringBuilder b = new StringBuilder();
        boolean inList = false;
        for (String line : markdown.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("###")) continue;
            if (l.startsWith("- ")) {
                if (!inList) b.append("<ul>");
                inList = true;
                b.append("<li>").append(Html.esc(l.substring(2))).append("</li>");
            } else {
                if (inList) b.append("</ul>");
                inList = false;
                b.append(note(l));
            }
        }
        if (inList) b.append("</ul>");
        return b.toString();
    }

    /**
     * The verdicts' and per-head tables' markdown as HTML: headings, "- " items (their **bold** kept),
     * pipe tables, paragraphs. Only the forms {@link FidelityReport} writes.
     */
    static String markdownBlocks(String markdown) {
        StringBuilder b = new StringBuilder();
        List<String> table = new ArrayList<>();
        boolean inList = false;
        for (String line : (markdown + "\n").split("\n")) {
            String l = line.strip();
            if (!l.startsWith("|") && !table.isEmpty()) {
                b.append(pipeTable(table));
                table.clear();
            }
            if (!l.startsWith("- ") && inList) {
                b.append("</ul>");
                inList = false;
            }
            if (l.isEmpty()) continue;
            if (l.startsWith("|")) table.add(l);
            else if (l.startsWith("#### ")) b.append("<h4>").append(Html.esc(l.substring(5))).append("</h4>");
            else if (l.startsWith("### ")) b.append("<h3>").append(Html.esc(l.substring(4))).append("</h3>");
            else if (l.startsWith("- ")) {
                if (!inList) b.append("<ul>");
                inList = true;
                b.append("<li>").append(Html.esc(l.substring(2)).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>")).append("</li>");
            } else b.append(note(l));
        }
        return b.toString();
    }

    /** A markdown pipe table (header, separator, rows) as an HtmlTable; numeric columns after the first. */
    private static String pipeTable(List<String> lines) {
        java.util.function.Function<String, String[]> cells = l -> l.substring(1, l.length() - 1).split("\\|", -1);
        String[] head = cells.apply(lines.get(0));
        String[] cols = new String[head.length];
        for (int i = 0; i < head.length; i++) cols[i] = (i == 0 ? "" : "#") + head[i].strip();
        HtmlTable t = new HtmlTable("heads", cols);
        for (String l : lines.subList(Math.min(2, lines.size()), lines.size())) {
            String[] c = cells.apply(l);
            for (int i = 0; i < c.length; i++) c[i] = c[i].strip();
            t.row(c);
        }
        return t.html();
    }

    private static String note(String text) {
        return "<p class=\"note\">" + Html.esc(text) + "</p>";
    }
}
