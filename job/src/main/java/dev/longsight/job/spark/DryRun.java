package dev.longsight.job.spark;

import dev.longsight.job.config.RunConfig;
import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.output.Progress;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code run --dry-run}: how many units and tasks a run has, and about how long it takes, from
 * one small unit timed on the configured device. Starts no Spark session, reads no documents
 * (they decide the units' text, not their number or cost) and writes nothing.
 */
public final class DryRun {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?");
    /** Calibration length: short enough to time in about a second on a CPU, long enough that kernels dominate. */
    static final int CALIBRATION_LENGTH = 1024;

    private DryRun() {}

    /** What the dry run found: units, tasks (0 when the cluster decides), seconds of the calibration unit and of the whole sweep. */
    public record Estimate(int units, int batches, int calibrationLength, double calibrationSeconds, double seconds, String device) {}

    public static Estimate print(RunConfig config, PrintStream out) {
        SweepSpec sweep = config.sweep();
        int units = sweep.tasks().size() * sweep.lengths().size() * sweep.depths().size() * sweep.samples() * sweep.patterns().size();
        String master = System.getProperty("spark.master", config.master()); // spark-submit passes its master as this property
        Matcher m = LOCAL.matcher(master.trim());
        int slots = !m.matches() ? 0 : m.group(1) == null ? 1 : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(m.group(1));
        int batches = slots == 0 ? 0 : (units + Sharding.batchSize(units, slots) - 1) / Sharding.batchSize(units, slots);
        out.printf(Locale.ROOT, "units: %d (%d tasks x %d lengths x %d depths x %d samples x %d patterns)%s%n", units, sweep.tasks().size(),
                sweep.lengths().size(), sweep.depths().size(), sweep.samples(), sweep.patterns().size(),
                slots == 0 ? "; tasks: set by the cluster's task slots (about a tenth of the units each, at least 2 a slot), one Spark job"
                        : String.format(Locale.ROOT, " in %d task(s) of up to %d on %s (%d task slots), one Spark job, each task committed as it finishes",
                        batches, Sharding.batchSize(units, slots), master, slots));

        if (config.model() != null) {
            out.println("model: " + dev.longsight.job.config.Redaction.uris(config.model()) + " scores each of these units "
                    + (config.withProbe() ? "as well as the probe (twice the units)" : "instead of the probe")
                    + "; the checkpoint is checked and the model's forward timed only by the run itself, so the estimate below "
                    + "is the probe's");
        }
        int n0 = Math.min(CALIBRATION_LENGTH, sweep.lengths().stream().mapToInt(Integer::intValue).min().orElseThrow());
        int n1 = Math.max(1, n0 / 2);
        int block = config.shape().blockSize();
        double t0, t1;
        String device;
        try (UnitRunner runner = new UnitRunner(config.shape())) {
            device = runner.deviceName();
            time(runner, n1, sweep.seed()); // the first unit also pays for kernel compilation
            t1 = time(runner, n1, sweep.seed());
            t0 = time(runner, n0, sweep.seed());
        }
        // A unit's time is a part that follows its attended pairs (the kernels) and a part that follows its
        // tokens (launch overheads, the probe's host work); two full units of different lengths separate them.
        // Scaling by pairs alone put the sample sweep at 12 min on PoCL with 2 busy cores; this fit said 4m19s,
        // and the run's units then took 5m25s (at a higher load).
        double p0 = BlockLayout.of(Patterns.parse("full"), n0, block).pairs(), p1 = BlockLayout.of(Patterns.parse("full"), n1, block).pairs();
        double perPair = n0 == n1 ? 0 : Math.max(0, (t0 - t1 * n0 / n1) / (p0 - p1 * n0 / n1));
        double perToken = Math.max(0, (t0 - perPair * p0) / n0);
        if (perPair == 0 && perToken == 0) perToken = t0 / n0;
        double total = 0;
        for (String p : sweep.patterns()) {
            for (int n : sweep.lengths()) total += perPair * BlockLayout.of(Patterns.parse(p), n, block).pairs() + perToken * n;
        }
        total *= (double) sweep.tasks().size() * sweep.depths().size() * sweep.samples();
        double seconds = t0;
        out.printf(Locale.ROOT, "calibration: passkey units, full attention, on %s: %.2f s at %d tokens, %.2f s at %d tokens%n", device,
                t1, n1, t0, n0);
        out.println("estimate: about " + Progress.preciseDuration(total) + " of unit work on this device, run one unit at a time (each "
                + "unit's time fitted as a part per attended pair plus a part per token); Spark's start-up adds seconds, and a cluster "
                + "divides the work by its devices");
        return new Estimate(units, batches, n0, seconds, total, device);
    }

    /** Seconds one passkey unit of full attention at length {@code n} takes. */
    private static double time(UnitRunner runner, int n, long seed) {
        // passkey fills its haystack with generated text, so the calibration needs no documents
        WorkUnit unit = Workloads.expand(new SweepSpec(List.of("passkey"), List.of(n), List.of(0.5), 1, List.of("full"), seed), List.of()).get(0);
        long t0 = System.nanoTime();
        UnitResult r = runner.run(unit, "dry-run");
        double s = (System.nanoTime() - t0) / 1e9;
        if (!"ok".equals(r.status())) throw new IllegalStateException("the calibration unit failed: " + r.error());
        return s;
    }
}
