package dev.longsight.job.probe;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.output.Csv;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.TextCorpus;
import dev.longsight.job.workload.Workloads;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Probe calibration without Spark: runs a sweep through {@link UnitRunner} and prints a CSV of
 * accuracy and receptive-field accuracy per task x length x pattern. Needs only the kernels and job
 * jars (and Aparapi); {@code ./longsight calibrate} is its command line.
 */
public final class Calibrate {
    private Calibrate() {}

    /** The CSV's header; one row per task x length x pattern follows. */
    public static final String HEADER = "task,length,pattern,units,accuracy,rf_accuracy,mean_score,kernel_ms_per_unit,device";

    /**
     * Runs every unit of {@code sweep} with {@code shape}, prints the CSV to {@code out} and progress
     * and failed units to {@code log}; returns 0, or 1 if a unit failed. Tasks other than passkey
     * draw their haystacks from the {@code *.txt} documents of {@code corpus}.
     */
    public static int run(SweepSpec sweep, ModelShape shape, Path corpus, PrintStream out, PrintStream log) {
        boolean needsCorpus = sweep.tasks().stream().anyMatch(t -> !t.equals("passkey"));
        List<WorkUnit> units = Workloads.expand(sweep, needsCorpus ? TextCorpus.load(corpus) : List.of());
        Map<String, Cell> cells = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int failed = 0;
        try (UnitRunner runner = new UnitRunner(shape)) {
            log.println("calibrate: " + units.size() + " units on " + runner.deviceName());
            for (WorkUnit u : units) {
                UnitResult r = runner.run(u, "calibrate");
                if (!r.status().equals("ok")) {
                    failed++;
                    log.println("calibrate: " + r.error());
                    continue;
                }
                cells.computeIfAbsent(r.task() + "," + r.length() + "," + Csv.field(r.pattern()), k -> new Cell()).add(r);
            }
        }
        out.println(HEADER);
        cells.forEach((k, c) -> out.println(k + "," + c.line()));
        log.printf(Locale.ROOT, "calibrate: %d units (%d failed) in %.1f s%n", units.size(), failed, (System.nanoTime() - t0) / 1e9);
        return failed == 0 ? 0 : 1;
    }

    /** Running totals of one task x length x pattern cell. */
    private static final class Cell {
        int units, exact, reachable;
        double score, kernelMs;
        String device;

        void add(UnitResult r) {
            units++;
            exact += r.exactMatch() ? 1 : 0;
            reachable += r.rfReachable() ? 1 : 0;
            score += r.score();
            kernelMs += r.kernelMs();
            device = r.device();
        }

        String line() {
            return String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.1f,%s", units, (double) exact / units,
                    (double) reachable / units, score / units, kernelMs / units, Csv.field(device));
        }
    }
}
