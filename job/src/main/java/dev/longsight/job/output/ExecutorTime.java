package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one executor's share of a run's wall time went, over the units it computed in this run
 * (resumed units are not counted). {@code runMs} is the run's wall time on the driver, from the
 * start of the command to its report. {@code kernelMs} and {@code unitMs} sum the units' kernel and
 * wall times; {@code busyMs} is the union of the units' [start, start + wall) intervals on the
 * executor's own clock: the time at least one of its task slots ran a unit. With one task slot (one
 * GPU, one task) busy time equals unit time; with several slots unit time can exceed the run's
 * wall time while busy time cannot. {@link #sparkDriverMs} is the rest of the run: the time the
 * executor ran no unit, which the driver (input, units, commits, results.parquet, summaries) and
 * Spark (session, scheduling, tasks, serialization) spent.
 */
public record ExecutorTime(String executor, int units, double kernelMs, double unitMs, double busyMs, double runMs) {

    public double sparkDriverMs() { return Math.max(0, runMs - busyMs); }
    public double kernelShare() { return share(kernelMs); }
    public double unitShare() { return share(unitMs); }
    public double busyShare() { return share(busyMs); }
    public double sparkDriverShare() { return share(sparkDriverMs()); }

    private double share(double ms) { return runMs > 0 ? ms / runMs : Double.NaN; }

    /** Per executor (by id), over the results computed in this run that carry a start time and a wall time. */
    public static List<ExecutorTime> of(List<UnitResult> computed, double runMs) {
        Map<String, List<UnitResult>> by = new TreeMap<>();
        for (UnitResult r : computed) {
            if (r.startEpochMs() <= 0 || !Double.isFinite(r.unitWallMs())) continue;
            by.computeIfAbsent(r.executorId() == null ? "?" : r.executorId(), k -> new ArrayList<>()).add(r);
        }
        List<ExecutorTime> out = new ArrayList<>();
        by.forEach((id, rs) -> {
            double kernel = 0, unit = 0;
            List<double[]> spans = new ArrayList<>(); // (units) [start, end) in ms since the epoch
            for (UnitResult r : rs) {
                if (Double.isFinite(r.kernelMs())) kernel += r.kernelMs();
                unit += r.unitWallMs();
                spans.add(new double[] {r.startEpochMs(), r.startEpochMs() + r.unitWallMs()});
            }
            out.add(new ExecutorTime(id, rs.size(), kernel, unit, union(spans), runMs));
        });
        return out;
    }

    /** Length of the union of [start, end) intervals. */
    static double union(List<double[]> spans) {
        List<double[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingDouble(s -> s[0]));
        double total = 0, start = Double.NaN, end = Double.NaN;
        for (double[] s : sorted) {
            if (Double.isNaN(start) || s[0] > end) {
                if (!Double.isNaN(start)) total += end - start;
                start = s[0];
                end = s[1];
            } else {
                end = Math.max(end, s[1]);
            }
        }
        return Double.isNaN(start) ? 0 : total + end - start;
    }
}
