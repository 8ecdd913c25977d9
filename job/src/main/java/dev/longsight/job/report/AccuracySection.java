package dev.longsight.job.report;

import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import java.util.List;

/** Exact-match accuracy vs context length, all patterns in one chart. */
final class AccuracySection implements Section {
    @Override
    public String id() { return "accuracy"; }

    @Override
    public String heading() { return "Accuracy vs context length"; }

    static Axis lengthAxis() {
        return Axis.atData("context length (tokens)", Scale.LOG, v -> Fmt.length(Math.round(v)));
    }

    static Axis shareAxis(String label) {
        return Axis.fixed(label, 0, 1, v -> Math.round(100 * v) + "%");
    }

    @Override
    public String body(ReportModel m) {
        List<Series> series = m.patterns.stream().map(p -> m.vsLength(p, p, false, UnitStats::accuracy)).toList();
        return Section.figure(new LineChart("Exact-match accuracy vs context length", lengthAxis(),
                shareAxis("exact-match accuracy"), series).svg());
    }
}
