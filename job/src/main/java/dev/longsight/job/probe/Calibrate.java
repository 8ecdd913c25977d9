package dev.longsight.job.probe;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.model.ModelShape;
import dev.longsight.job.model.UnitResult;
import dev.longsight.job.model.WorkUnit;
import dev.longsight.job.output.Csv;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.TextCorpus;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.attention.Precision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probe calibration without Spark: runs a sweep through {@link UnitRunner} and prints a CSV of
 * accuracy and receptive-field accuracy per task x length x pattern. Needs only the kernels and job
 * jars (and Aparapi). Arguments are {@code key=value}; defaults in {@link #DEFAULTS}. Example:
 * <pre>java -cp ... dev.longsight.job.probe.Calibrate lengths=8192,131072 patterns=full device=gpu</pre>
 */
public final class Calibrate {
    private Calibrate() {}

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("tasks", "passkey,niah-single,niah-multikey,niah-multivalue,niah-multiquery");
        DEFAULTS.put("lengths", "1024,2048,4096,8192");
        DEFAULTS.put("depths", "0,0.25,0.5,0.75,1");
        DEFAULTS.put("samples", "1");
        DEFAULTS.put("patterns", "full");
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("layers", "3");
        DEFAULTS.put("heads", "2");
        DEFAULTS.put("kv-heads", "1");
        DEFAULTS.put("head-dim", "64");
        DEFAULTS.put("block", "64");
        DEFAULTS.put("chunk", "1024");
        DEFAULTS.put("device", "auto");
        DEFAULTS.put("corpus", "sample-data/corpus");
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("calibrate: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !DEFAULTS.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument '" + arg + "': expected key=value with key one of " + DEFAULTS.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Origin o = Origin.ARGUMENTS;
        SweepSpec sweep = Rules.sweep(o, list(a.get("tasks"), ","), list(a.get("lengths"), ",").stream().map(s -> integer("lengths", s)).toList(),
                list(a.get("depths"), ",").stream().map(s -> number("depths", s)).toList(), integer("samples", a.get("samples")),
                list(a.get("patterns"), ";"), seed(a.get("seed")));
        ModelShape shape = Rules.shape(o, integer("layers", a.get("layers")), integer("heads", a.get("heads")),
                integer("kv-heads", a.get("kv-heads")), integer("head-dim", a.get("head-dim")), integer("block", a.get("block")),
                integer("chunk", a.get("chunk")), a.get("device"), Precision.FP32);
        Rules.lengthsFit(o, sweep.lengths(), shape.heads(), shape.kvHeads(), shape.headDim());
        boolean needsCorpus = sweep.tasks().stream().anyMatch(t -> !t.equals("passkey"));
        List<WorkUnit> units = Workloads.expand(sweep, needsCorpus ? TextCorpus.load(Path.of(a.get("corpus"))) : List.of());
        Map<String, Cell> cells = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int failed = 0;
        try (UnitRunner runner = new UnitRunner(shape)) {
            System.err.println("calibrate: " + units.size() + " units on " + runner.deviceName());
            for (WorkUnit u : units) {
                UnitResult r = runner.run(u, "calibrate");
                if (!r.status().equals("ok")) {
                    failed++;
                    System.err.println("calibrate: " + r.error());
                    continue;
                }
                cells.computeIfAbsent(r.task() + "," + r.length() + "," + Csv.field(r.pattern()), k -> new Cell()).add(r);
            }
        }
        System.out.println("task,length,pattern,units,accuracy,rf_accuracy,mean_score,kernel_ms_per_unit,device");
        cells.forEach((k, c) -> System.out.println(k + "," + c.line()));
        System.err.printf("calibrate: %d units (%d failed) in %.1f s%n", units.size(), failed, (System.nanoTime() - t0) / 1e9);
        return failed == 0 ? 0 : 1;
    }

    private static List<String> list(String s, String sep) {
        return Arrays.stream(s.split(sep)).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static int integer(String key, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw Origin.ARGUMENTS.bad(key, "an integer", "'" + s + "'");
        }
    }

    private static long seed(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw Origin.ARGUMENTS.bad("seed", "an integer", "'" + s + "'");
        }
    }

    private static double number(String key, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw Origin.ARGUMENTS.bad(key, "a number", "'" + s + "'");
        }
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
            return String.format(java.util.Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.1f,%s", units, (double) exact / units,
                    (double) reachable / units, score / units, kernelMs / units, Csv.field(device));
        }
    }
}
