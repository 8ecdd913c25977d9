package dev.longsight.job.report;

import dev.longsight.job.output.PatternCost;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
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

    /** The input with the results the main sections show: the probe's, or the model's when the probe did not run. */
    final ReportInput in;
    /** Every result, probe and model. */
    final List<UnitResult> all;
    /** Whether the main sections show a real model's results (the probe did not run). */
    final boolean modelScored;
    final List<String> patterns;
    final List<Integer> lengths;
    final List<Integer> layers;
    /** Tasks in the order RULER lists them: by name, which keeps passkey and the niah variants together. */
    final List<String> tasks;
    final UnitStats total;
    /** The full-attention pattern of the run, the baseline of speedups and thresholds; null when none ran. */
    final String full;
    private final Map<PatternLength, UnitStats> byPatternLength;
    private final Map<TaskCell, UnitStats> byTask;
    private final Map<Integer, Integer> blockSizes = new HashMap<>(); // by length
    private final Map<PatternLength, Optional<PatternCost>> costs = new HashMap<>();

    record PatternLength(String pattern, int length) {}

    /** A pattern x task x length cell; a null task or length pools over all of them. */
    record TaskCell(String pattern, String task, Integer length) {}

    ReportModel(ReportInput input) {
        all = input.results();
        List<UnitResult> probe = all.stream().filter(r -> !r.isModel()).toList();
        modelScored = probe.isEmpty() && !all.isEmpty();
        ReportInput in = modelScored || probe.size() == all.size() ? input
                : new ReportInput(input.title(), input.commandLine(), input.info(), input.config(), probe, input.fidelity());
        this.in = in;
        TreeSet<String> ps = new TreeSet<>(Comparator.comparing((String p) -> !isFull(p)).thenComparing(Comparator.naturalOrder()));
        TreeSet<Integer> ls = new TreeSet<>(), ly = new TreeSet<>();
        TreeSet<String> ts = new TreeSet<>();
        total = new UnitStats();
        byTask = new HashMap<>();
        for (UnitResult r : in.results()) {
            ps.add(pattern(r));
            ls.add(r.length());
            ly.add(r.layers());
            ts.add(task(r));
            total.add(r);
            blockSizes.putIfAbsent(r.length(), r.blockSize());
            for (String t : new String[] {task(r), null})
                for (Integer len : new Integer[] {r.length(), null})
                    byTask.computeIfAbsent(new TaskCell(pattern(r), t, len), k -> new UnitStats()).add(r);
        }
        patterns = List.copyOf(ps);
        lengths = List.copyOf(ls);
        layers = List.copyOf(ly);
        tasks = List.copyOf(ts);
        full = patterns.stream().filter(ReportModel::isFull).findFirst().orElse(null);
        byPatternLength = UnitStats.groupBy(in.results(), r -> new PatternLength(pattern(r), r.length()));
    }

    /** What the main sections' accuracy is: "probe" or "model". */
    String scorer() { return modelScored ? "model" : "probe"; }

    static String task(UnitResult r) {
        return r.task() == null ? "(none)" : r.task();
    }

    /** Statistics of one pattern on one task (null: all tasks) at one length (null: all lengths); null when no unit ran there. */
    UnitStats stats(String pattern, String task, Integer length) {
        return byTask.get(new TaskCell(pattern, task, length));
    }

    /** The exact cost of a pattern at a length from its block layout; null when the spec is not a static pattern. */
    PatternCost cost(String pattern, int length) {
        return costs.computeIfAbsent(new PatternLength(pattern, length),
                k -> PatternCost.of(pattern, length, blockSizes.getOrDefault(length, 0))).orElse(null);
    }

    /** The block size the units of this length ran with (0 when none ran). */
    int blockSize(int length) {
        return blockSizes.getOrDefault(length, 0);
    }

    /** Mean kernel (or wall) time of full attention over the pattern's at one length; NaN without a baseline there. */
    double speedup(String pattern, int length, boolean wall) {
        UnitStats base = full == null ? null : stats(full, length), s = stats(pattern, length);
        if (base == null || s == null) return Double.NaN;
        return wall ? base.meanWallMs() / s.meanWallMs() : base.meanKernelMs() / s.meanKernelMs();
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
        return all.stream().filter(r -> !"ok".equals(r.status())).toList();
    }
}
