package dev.longsight.job.report;

import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Dropped softmax mass and output error vs length, one line per pattern and budget. */
final class FidelitySection implements Section {
    @Override
    public String id() { return "fidelity"; }

    @Override
    public String heading() { return "Fidelity to exact attention"; }

    /** Only reports that carry fidelity rows have the section: run measures retrieval and cost, not fidelity. */
    @Override
    public boolean shown(ReportModel m) { return !m.in.fidelity().isEmpty(); }

    @Override
    public String body(ReportModel m) {
        Map<String, List<FidelityRow>> byLine = new LinkedHashMap<>();
        for (FidelityRow r : m.in.fidelity())
            byLine.computeIfAbsent(r.pattern() + " / " + r.budget(), k -> new ArrayList<>()).add(r);
        byLine.values().forEach(rows -> rows.sort(java.util.Comparator.comparingInt(FidelityRow::length)));
        List<Series> mass = new ArrayList<>(), error = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<FidelityRow>> e : byLine.entrySet()) {
            mass.add(line(e.getKey() + " mean", colour, false, e.getValue(), FidelityRow::droppedMassMean));
            mass.add(line(e.getKey() + " p99", colour, true, e.getValue(), FidelityRow::droppedMassP99));
            error.add(line(e.getKey(), colour, false, e.getValue(), FidelityRow::outputErrorMean));
            colour++;
        }
        Axis lengths = AccuracySection.lengthAxis();
        String charts = "<div class=\"charts\">"
                + Section.figure(new LineChart("Dropped softmax mass vs length", lengths,
                        Axis.auto("dropped mass (log)", Scale.LOG, Fmt::sig), mass).svg())
                + Section.figure(new LineChart("Output relative L2 error vs length", lengths,
                        Axis.auto("relative L2 error (log)", Scale.LOG, Fmt::sig), error).svg())
                + "</div>";
        HtmlTable t = new HtmlTable("fidelity", "pattern", "budget", "#length", "#dropped mass mean", "#dropped mass p99",
                "#output error mean");
        for (List<FidelityRow> rows : byLine.values())
            for (FidelityRow r : rows)
                t.row(r.pattern(), r.budget(), Fmt.length(r.length()), Fmt.sig(r.droppedMassMean()),
                        Fmt.sig(r.droppedMassP99()), Fmt.sig(r.outputErrorMean()));
        return Section.note("Dropped mass: softmax mass outside the pattern, per query row (= total-variation distance "
                + "to exact attention). Zeros (exact patterns) are not drawn on the log axes; the table lists them.")
                + charts + t.html();
    }

    private static Series line(String name, int colour, boolean dashed, List<FidelityRow> rows, ToDoubleFunction<FidelityRow> f) {
        return ReportModel.series(name, colour, dashed, rows.stream().map(r -> new double[] {r.length(), f.applyAsDouble(r)}).toList());
    }
}
