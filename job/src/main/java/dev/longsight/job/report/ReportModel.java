package dev.longsight.job.report;

import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The input aggregated once for all sections: the patterns (full attention first, so it keeps the
 * first colour), lengths and layer counts present, and statistics per pattern x length.
 */
final class ReportModel {
    /** The pattern name that speedups are measured against. */
    static final String FULL = "full";

    final ReportInput in;
    final List<String> patterns;
    final List<Integer> lengths;
    final List<Integer> layers;
    final UnitStats total;
    private final Map<PatternLength, UnitStats> byPatternLength;

    record PatternLength(String pattern, int length) {}

    ReportModel(ReportInput in) {
        this.in = in;
        TreeSet<String> ps = new TreeSet<>(Comparator.comparing((String p) -> !isFull(p)).thenComparing(Comparator.naturalOrder()));
        TreeSet<Integer> ls = new TreeSet<>(), ly = new TreeSet<>();
        total = new UnitStats();
        for (UnitResult r : in.results()) {
            ps.add(pattern(r));
            ls.add(r.length());
            ly.add(r.layers());
            total.add(r);
        }
        patterns = List.copyOf(ps);
        lengths = List.copyOf(ls);
        layers = List.copyOf(ly);
        byPatternLength = UnitStats.groupBy(in.results(), r -> new PatternLength(pattern(r), r.length()));
    }

    static String pattern(UnitResult r) {
        return r.pattern() == null ? "(none)" : r.pattern();
    }

    static boolean isFull(String pattern) {
        return FULL.equalsIgnoreCase(pattern.trim());
    }

    /** Statistics of one cell, or null when the run has no unit there. */
    UnitStats stats(String pattern, int length) {
        return byPatternLength.get(new PatternLength(pattern, length));
    }

    /** Colour index of a pattern: its position, so it is the same in every chart. */
    int colour(String pattern) {
        return patterns.indexOf(pattern);
    }

    /** One pattern's metric at every length it was run at (NaN where the metric is undefined). */
    Series vsLength(String pattern, String name, boolean dashed, ToDoubleFunction<UnitStats> metric) {
        return vsLength(pattern, name, dashed, (len, s) -> metric.applyAsDouble(s));
    }

    /** Same, for metrics that also need the length (a speedup looks up the baseline there). */
    Series vsLength(String pattern, String name, boolean dashed, ToDoubleBiFunction<Integer, UnitStats> metric) {
        List<double[]> pts = new ArrayList<>();
        for (int len : lengths) {
            UnitStats s = stats(pattern, len);
            if (s != null) pts.add(new double[] {len, metric.applyAsDouble(len, s)});
        }
        return series(name, colour(pattern), dashed, pts);
    }

    /** A series from (x, y) pairs. */
    static Series series(String name, int colour, boolean dashed, List<double[]> pts) {
        double[] x = new double[pts.size()], y = new double[pts.size()]; // (points)
        for (int i = 0; i < pts.size(); i++) { x[i] = pts.get(i)[0]; y[i] = pts.get(i)[1]; }
        return new Series(name, colour, dashed, x, y);
    }

    List<UnitResult> failed() {
        return in.results().stream().filter(r -> !"ok".equals(r.status())).toList();
    }
}
