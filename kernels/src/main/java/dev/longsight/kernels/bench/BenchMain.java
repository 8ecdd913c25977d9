package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.KernelVariant;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceFallbackException;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.pattern.SpecList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark without Spark or picocli (what runs on a bare GPU host with only the kernels jar):
 * {@code java -cp ... dev.longsight.kernels.bench.BenchMain --device gpu --lengths 16384 ...}.
 * Same options and output as {@code ./longsight bench}. Exit 0 ok, 1 check failed, 2 bad input, 3 device error.
 */
public final class BenchMain {
    private BenchMain() {}

    /** Defaults, shared with {@code ./longsight bench}'s options. */
    public static final String DEVICE = "auto", VARIANT = "auto", PRECISION = "fp32", PATTERNS = "full,paper-sliding,paper-power",
            LENGTHS = "16384,32768,131072", HEADS = "8", KV_HEADS = "8", HEAD_DIM = "128", BLOCK = "128", WARMUP = "2",
            REPEATS = "5", E2E_REPEATS = "3", CHECK_ROWS = "256", HEAD_BATCH = "0", SEED = "42";

    static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("--device", DEVICE), Map.entry("--variant", VARIANT), Map.entry("--precision", PRECISION),
            Map.entry("--patterns", PATTERNS), Map.entry("--lengths", LENGTHS), Map.entry("--heads", HEADS),
            Map.entry("--kv-heads", KV_HEADS), Map.entry("--head-dim", HEAD_DIM), Map.entry("--block", BLOCK),
            Map.entry("--warmup", WARMUP), Map.entry("--repeats", REPEATS), Map.entry("--e2e-repeats", E2E_REPEATS),
            Map.entry("--check-rows", CHECK_ROWS), Map.entry("--head-batch", HEAD_BATCH), Map.entry("--seed", SEED));
    private static final Set<String> FLAGS = Set.of("--check");

    public static void main(String[] args) {
        DeviceTime.enable();
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchConfig cfg;
        try {
            cfg = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        try {
            return execute(cfg, System.out, System.err);
        } catch (Devices.DeviceUnavailableException | DeviceFallbackException e) {
            System.err.println("bench: device error: " + e.getMessage());
            return 3;
        }
    }

    /** Prints the CSV to {@code out}, progress to {@code log}; returns 0, or 1 if a check failed. */
    public static int execute(BenchConfig cfg, java.io.PrintStream out, java.io.PrintStream log) {
        boolean[] started = {false}; // the header follows a successful device check, so errors print alone
        List<BenchRow> rows = PrefillBench.run(cfg, r -> {
            if (!started[0]) out.println(BenchRow.HEADER);
            started[0] = true;
            out.println(r.csv());
        }, log);
        List<BenchRow> bad = PrefillBench.failedChecks(rows);
        for (BenchRow r : bad) log.println("bench: check failed: " + r.pattern() + " n=" + r.n() + " max error " + r.checkErr()
                + " > " + SampleCheck.tolerance(r.precision()) + " (" + r.precision().id() + ")");
        return bad.isEmpty() ? 0 : 1;
    }

    static BenchConfig parse(String[] args) {
        Map<String, String> o = new HashMap<>(DEFAULTS);
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (FLAGS.contains(a)) {
                check = true;
            } else if (DEFAULTS.containsKey(a) && i + 1 < args.length) {
                o.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: '" + a + "' (options: " + DEFAULTS.keySet() + ", --check)");
            }
        }
        return new BenchConfig(DeviceSpec.parse(o.get("--device")), variant(o.get("--variant")), precision(o.get("--precision")), SpecList.split(o.get("--patterns")),
                BenchConfig.ints("--lengths", o.get("--lengths")), integer(o, "--heads"), integer(o, "--kv-heads"), integer(o, "--head-dim"),
                integer(o, "--block"), integer(o, "--warmup"), integer(o, "--repeats"), integer(o, "--e2e-repeats"), check,
                integer(o, "--check-rows"), integer(o, "--head-batch"), integer(o, "--seed"));
    }

    /** "auto" (tile policy decides) or a variant name. */
    public static KernelVariant variant(String s) { return "auto".equalsIgnoreCase(s.trim()) ? null : KernelVariant.parse(s); }

    /** Names the option on a bad value. */
    public static Precision precision(String s) {
        try {
            return Precision.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--precision': expected fp32, tf32 or bf16, got '" + s + "'");
        }
    }

    private static int integer(Map<String, String> o, String option) { return BenchConfig.ints(option, o.get(option)).get(0); }
}
