package dev.longsight.job.report;

import dev.longsight.job.output.DeviceKind;
import dev.longsight.job.output.Wilson;
import dev.longsight.job.unit.UnitResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aggregate of a group of units (a pattern x length cell, an executor, ...). Accuracies count only
 * units with status ok; throughput sums tokens and FLOPs over ok units and divides by their summed time.
 */
public final class UnitStats {
    private int units, ok, exact, reachable;
    private double coverage, scoreSum, kernelMs, wallMs, flops;
    private long tokens;
    private final Map<String, Integer> devices = new TreeMap<>();
    private final Map<String, Integer> kernels = new TreeMap<>();

    public void add(UnitResult r) {
        units++;
        if (!"ok".equals(r.status())) return;
        ok++;
        if (r.exactMatch()) exact++;
        if (r.rfReachable()) reachable++;
        coverage += r.rfCoverage();
        scoreSum += r.score();
        kernelMs += r.kernelMs();
        wallMs += r.wallMs();
        tokens += r.tokens();
        flops += r.flops();
        devices.merge(r.device() == null ? "unknown" : r.device(), 1, Integer::sum);
        kernels.merge(r.kernel() == null ? "unknown" : r.kernel(), 1, Integer::sum);
    }

    /** Groups results by {@code key} in one pass. */
    public static <K> Map<K, UnitStats> groupBy(List<UnitResult> results, Function<UnitResult, K> key) {
        Map<K, UnitStats> m = new HashMap<>();
        for (UnitResult r : results) m.computeIfAbsent(key.apply(r), k -> new UnitStats()).add(r);
        return m;
    }

    public int units() { return units; }
    public int ok() { return ok; }
    public int exact() { return exact; }

    /** Share of ok units whose answer was decoded exactly; NaN without ok units. */
    public double accuracy() { return share(exact); }

    /** Share of ok units whose question block is reachable from every needle within the layers. */
    public double rfAccuracy() { return share(reachable); }

    public double meanRfCoverage() { return ok == 0 ? Double.NaN : coverage / ok; }

    public double meanScore() { return ok == 0 ? Double.NaN : scoreSum / ok; }

    public double meanKernelMs() { return ok == 0 ? Double.NaN : kernelMs / ok; }

    public double meanWallMs() { return ok == 0 ? Double.NaN : wallMs / ok; }

    /** Mean attention FLOPs of an ok unit, over its layers and heads. */
    public double meanFlops() { return ok == 0 ? Double.NaN : flops / ok; }

    /** The 95% Wilson interval {low, high} of {@link #accuracy()}. */
    public double[] accuracyInterval() { return Wilson.interval(exact, ok); }

    /** Whether every ok unit ran on a CPU (OpenCL or Java threads): its TFLOP/s is not a GPU figure. */
    public boolean cpuOnly() {
        return !devices.isEmpty() && devices.keySet().stream().allMatch(d -> DeviceKind.of(d).isCpu());
    }

    /** The kinds of the devices, e.g. "GPU" or "CPU (OpenCL)", joined with ", ". */
    public String deviceKinds() {
        return String.join(", ", devices.keySet().stream().map(d -> DeviceKind.of(d).label()).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Tokens per second of wall time (what a user waits for). */
    public double tokensPerSecond() { return wallMs > 0 ? tokens / (wallMs / 1000) : Double.NaN; }

    /** Tera-FLOP per second of kernel time (comparable to the peers of design section 8). */
    public double tflops() { return kernelMs > 0 ? flops / (kernelMs / 1000) / 1e12 : Double.NaN; }

    public double wallSeconds() { return wallMs / 1000; }

    public long tokens() { return tokens; }

    /** Devices that ran the ok units, with unit counts, by name. */
    public Map<String, Integer> devices() { return devices; }

    /** The device names joined with ", ". */
    public String deviceNames() { return String.join(", ", devices.keySet()); }

    /** Prefill code that ran the ok units ("mma-bf16 (inline PTX mma.sync)", ...), with unit counts, by name. */
    public Map<String, Integer> kernels() { return kernels; }

    /** The kernel names joined with ", ". */
    public String kernelNames() { return String.join(", ", kernels.keySet()); }

    private double share(int n) { return ok == 0 ? Double.NaN : (double) n / ok; }
}
