package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.attention.ResidentTiming;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Times block-sparse prefill per pattern and length: kernel time on device-resident data (median
 * of {@code repeats} launches after {@code warmup}; device time from OpenCL events where there are
 * any, with the wall time around each launch beside it), end-to-end time (put, kernel, get; median of
 * {@code e2eRepeats}), optional check against the exact reference. No Spark.
 */
public final class PrefillBench {
    private PrefillBench() {}

    /**
     * Runs every (length, pattern) case; rows of one length are emitted together once its patterns
     * are done (speedup needs full's time). Progress and timing spread go to {@code log}.
     */
    public static List<BenchRow> run(BenchConfig cfg, Consumer<BenchRow> out, PrintStream log) {
        return run(cfg, out, log, w -> { });
    }

    /** The same, calling {@code workDone} with {@link #work} of each (length, pattern) case when it is done. */
    public static List<BenchRow> run(BenchConfig cfg, Consumer<BenchRow> out, PrintStream log, LongConsumer workDone) {
        List<BenchRow> all = new ArrayList<>();
        try (PrefillLauncher launcher = new PrefillLauncher(cfg.device(), cfg.variant(), cfg.precision())) {
            String impl = "longsight-aparapi-" + launcher.variant(cfg.block()).id();
            log.println("# device: " + launcher.deviceName() + "; kernel: " + launcher.kernelSource(cfg.block()));
            int batches = cfg.heads() / cfg.batchHeads();
            for (int n : cfg.lengths()) {
                AttentionShape s = new AttentionShape(cfg.batchHeads(), cfg.batchKvHeads(), n, cfg.headDim());
                float[][] inputs = null; // {q, k, v} of batch 0, reused across patterns when there is one batch
                List<BenchRow> rows = new ArrayList<>();
                for (String pattern : cfg.patterns()) {
                    BlockLayout layout = BlockLayout.of(Patterns.parse(pattern), n, cfg.block());
                    double ms = 0, launchMs = 0, e2e = 0, err = cfg.check() ? 0 : Double.NaN;
                    boolean deviceTime = true;
                    for (int b = 0; b < batches; b++) {
                        float[][] in = b == 0 && inputs != null ? inputs : inputs(s, cfg.seed() + 7L * b);
                        if (batches == 1) inputs = in;
                        ResidentTiming t = launcher.timeResident(s, layout, in[0], in[1], in[2], cfg.warmup(), cfg.repeats());
                        deviceTime &= t.hasDeviceTime();
                        double wallMed = median(t.runsMs()), med = t.hasDeviceTime() ? median(t.deviceMs()) : wallMed;
                        ms += med;
                        launchMs += wallMed;
                        if (cfg.check()) {
                            err = Math.max(err, SampleCheck.maxError(s, layout, in[0], in[1], in[2], t.result(), cfg.checkRows(), cfg.seed()));
                        }
                        double[] walls = new double[cfg.e2eRepeats()];
                        int chunk = (n + cfg.block() - 1) / cfg.block() * cfg.block();
                        for (int r = 0; r < walls.length; r++) walls[r] = launcher.prefill(s, layout, in[0], in[1], in[2], chunk).wallMs();
                        e2e += walls.length == 0 ? Double.NaN : median(walls);
                        double[] timed = t.hasDeviceTime() ? t.deviceMs() : t.runsMs();
                        log.printf(Locale.ROOT, "# %s n=%d batch %d/%d: kernel ms (%s) median %.3f min %.3f max %.3f; launch ms median %.3f; e2e ms %s%n",
                                pattern, n, b + 1, batches, t.result().kernelMsFrom(), med,
                                Arrays.stream(timed).min().orElse(0), Arrays.stream(timed).max().orElse(0), wallMed, Arrays.toString(walls));
                    }
                    rows.add(new BenchRow(impl, cfg.precision(), pattern, n, cfg.heads(), cfg.headDim(), cfg.block(), ms, layout.pairs(), e2e, Double.NaN, err,
                            launchMs, deviceTime ? BenchRow.DEVICE_EVENTS : BenchRow.LAUNCH_WALL));
                    workDone.accept(work(cfg, layout.pairs()));
                }
                double full = rows.stream().filter(r -> Patterns.parse(r.pattern()).spec().equals("full")).mapToDouble(BenchRow::ms).findFirst().orElse(Double.NaN);
                for (BenchRow r : rows) {
                    BenchRow done = r.withSpeedup(full / r.ms());
                    all.add(done);
                    out.accept(done);
                }
            }
        }
        return all;
    }

    /**
     * Runs the benchmark and prints its CSV to {@code out} (header first), progress and failed checks
     * to {@code log}; returns 0, or 1 if a check exceeded its tolerance.
     */
    public static int printCsv(BenchConfig cfg, PrintStream out, PrintStream log) {
        return printCsv(cfg, out, log, w -> { });
    }

    /** The same, reporting each finished case's {@link #work} to {@code workDone} (a progress line). */
    public static int printCsv(BenchConfig cfg, PrintStream out, PrintStream log, LongConsumer workDone) {
        boolean[] started = {false}; // the header follows a successful device check, so a device error prints alone
        List<BenchRow> rows = run(cfg, r -> {
            if (!started[0]) out.println(BenchRow.HEADER);
            started[0] = true;
            out.println(r.csv());
        }, log, workDone);
        List<BenchRow> bad = failedChecks(rows);
        for (BenchRow r : bad) log.println("bench: check failed: " + r.pattern() + " n=" + r.n() + " max error " + r.checkErr()
                + " > " + SampleCheck.tolerance(r.precision()) + " (" + r.precision().id() + ")");
        return bad.isEmpty() ? 0 : 1;
    }

    /** Checked rows whose error exceeded the tolerance (NaN outputs count as infinite error). */
    public static List<BenchRow> failedChecks(List<BenchRow> rows) {
        return rows.stream().filter(r -> !Double.isNaN(r.checkErr()) && r.checkErr() > SampleCheck.tolerance(r.precision())).toList();
    }

    /**
     * The relative cost of one case: kept pairs x heads x head dim x launches (untimed, timed and
     * end-to-end). Launch time is about proportional to it, so it drives an ETA across lengths whose
     * costs differ by orders of magnitude.
     */
    public static long work(BenchConfig cfg, long pairs) {
        return pairs * cfg.heads() * cfg.headDim() * (cfg.warmup() + cfg.repeats() + cfg.e2eRepeats());
    }

    /** {@link #work} of every case of the run, to size a progress line before it starts. */
    public static long totalWork(BenchConfig cfg) {
        long total = 0;
        for (int n : cfg.lengths()) for (String p : cfg.patterns()) total += work(cfg, BlockLayout.of(Patterns.parse(p), n, cfg.block()).pairs());
        return total;
    }

    private static float[][] inputs(AttentionShape s, long seed) {
        return new float[][] {BenchInputs.gaussian(s.qSize(), seed), BenchInputs.gaussian(s.kvSize(), seed + 1),
            BenchInputs.gaussian(s.kvSize(), seed + 2)};
    }

    static double median(double[] xs) {
        double[] a = xs.clone();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
