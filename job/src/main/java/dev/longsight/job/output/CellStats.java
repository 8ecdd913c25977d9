package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.io.Serializable;
import java.util.TreeSet;

/**
 * Running totals over units of one summary cell (pattern x length, or an executor); {@link #merge}
 * combines partial totals in any order. Failed units count in {@code units} and {@code failed}
 * only; rates are over the units that completed.
 *
 * @param devices devices that ran these units, sorted, joined by "; "
 * @param kernels prefill code that ran these units (e.g. "mma-bf16 (inline PTX mma.sync)"), sorted, joined by "; "
 */
public record CellStats(long units, long failed, long exact, double scoreSum, long rfReachable, double rfCoverageSum,
                        long tokens, double wallMs, double kernelMs, double flops, String devices, String kernels) implements Serializable {

    public static final CellStats EMPTY = new CellStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "");

    public static CellStats of(UnitResult r) {
        String device = r.device() == null ? "" : r.device(), kernel = r.kernel() == null ? "" : r.kernel();
        if (!"ok".equals(r.status())) return new CellStats(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, device, kernel);
        return new CellStats(1, 0, r.exactMatch() ? 1 : 0, r.score(), r.rfReachable() ? 1 : 0, r.rfCoverage(),
                r.tokens(), r.wallMs(), r.kernelMs(), r.flops(), device, kernel);
    }

    public CellStats merge(CellStats o) {
        return new CellStats(units + o.units, failed + o.failed, exact + o.exact, scoreSum + o.scoreSum, rfReachable + o.rfReachable,
                rfCoverageSum + o.rfCoverageSum, tokens + o.tokens, wallMs + o.wallMs, kernelMs + o.kernelMs, flops + o.flops,
                union(devices, o.devices), union(kernels, o.kernels));
    }

    /** Union of two "; "-joined name sets, sorted, so merging is order-independent. */
    private static String union(String a, String b) {
        TreeSet<String> d = new TreeSet<>();
        for (String s : (a + "; " + b).split("; ")) if (!s.isBlank()) d.add(s);
        return String.join("; ", d);
    }

    public long completed() { return units - failed; }

    /** Share of completed units whose answer matched exactly. */
    public double accuracy() { return ratio(exact, completed()); }

    /** Share of completed units whose question block is reachable from every needle within the layers. */
    public double rfAccuracy() { return ratio(rfReachable, completed()); }

    public double meanScore() { return ratio(scoreSum, completed()); }

    public double meanRfCoverage() { return ratio(rfCoverageSum, completed()); }

    /** Tokens per second of unit wall time (one device's throughput, not the cluster's). */
    public double tokensPerSecond() { return ratio(tokens, wallMs / 1e3); }

    /** Attention TFLOP/s over kernel time. */
    public double tflops() { return ratio(flops / 1e12, kernelMs / 1e3); }

    /** The 95% Wilson interval {low, high} of {@link #accuracy()}. */
    public double[] accuracyInterval() { return Wilson.interval(exact, completed()); }

    /** Mean kernel time of a completed unit (all layers, heads and chunks). */
    public double meanKernelMs() { return ratio(kernelMs, completed()); }

    /** Mean wall time of a completed unit: the kernels plus the probe's work around them and transfers. */
    public double meanWallMs() { return ratio(wallMs, completed()); }

    /** Mean attention FLOPs of a completed unit (4 x head dim x kept pairs, over layers and heads). */
    public double meanFlops() { return ratio(flops, completed()); }

    /** The kinds of {@link #devices()}, e.g. "GPU" or "CPU (OpenCL)", sorted, joined by "; ". */
    public String deviceKinds() {
        TreeSet<String> kinds = new TreeSet<>();
        for (String d : devices.split("; ")) if (!d.isBlank()) kinds.add(DeviceKind.of(d).label());
        return String.join("; ", kinds);
    }

    /** Whether every device that ran these units is a CPU (OpenCL or Java threads). */
    public boolean cpuOnly() {
        return !devices.isBlank() && java.util.Arrays.stream(devices.split("; ")).allMatch(d -> DeviceKind.of(d).isCpu());
    }

    private static double ratio(double a, double b) { return b > 0 ? a / b : Double.NaN; }
}
