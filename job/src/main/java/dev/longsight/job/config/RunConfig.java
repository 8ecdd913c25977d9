package dev.longsight.job.config;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Patterns;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything one {@code longsight run} does, parsed once from the command line and validated here:
 * every bad value fails with one line naming the option and what was expected.
 *
 * @param precision   prefill arithmetic: fp32 CUDA-core, or tf32/bf16 tensor-core ({@link Values#precision})
 * @param maxFailures task attempts before a throwing unit is recorded as failed (Spark's spark.task.maxFailures)
 * @param faults      test-only fault injection; {@link FaultPlan#NONE} in normal runs
 */
public record RunConfig(String input, InputFormat format, String jsonField, BadLines badLines,
                        String output, boolean overwrite,
                        List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns, long seed,
                        int layers, int heads, int kvHeads, int headDim, int block, int chunk, String device,
                        Precision precision, String master, int maxFailures, FaultPlan faults) implements Serializable {

    public static final String DEFAULT_INPUT = "sample-data/corpus";
    public static final String DEFAULT_OUTPUT = "out";
    public static final String DEFAULT_MASTER = "local[*]";

    public RunConfig {
        requireText("--input", input);
        requireText("--output", output);
        requireText("--text-field", jsonField);
        requireText("--master", master);
        if (format == null || badLines == null || faults == null || precision == null) {
            throw new IllegalArgumentException("format, bad-lines, precision and faults must be set");
        }
        tasks = nonEmpty("--tasks", tasks, "task names");
        lengths = nonEmpty("--lengths", lengths, "context lengths");
        depths = nonEmpty("--depths", depths, "needle depths");
        patterns = nonEmpty("--patterns", patterns, "pattern specs or presets");
        for (int len : lengths) if (len <= 0) throw bad("--lengths", "positive token counts", String.valueOf(len));
        for (double d : depths) if (!(d >= 0 && d <= 1)) throw bad("--depths", "needle depths in [0, 1]", String.valueOf(d));
        positive("--samples", samples);
        positive("--layers", layers);
        positive("--heads", heads);
        positive("--kv-heads", kvHeads);
        positive("--block", block);
        positive("--chunk", chunk);
        positive("--max-failures", maxFailures);
        if (heads % kvHeads != 0) throw bad("--kv-heads", "a divisor of --heads (" + heads + ")", String.valueOf(kvHeads));
        if (headDim <= 0 || headDim > AttentionShape.MAX_HEAD_DIM) {
            throw bad("--head-dim", "1.." + AttentionShape.MAX_HEAD_DIM + " (the kernels' private arrays are sized for 128; 64 and 128 are the tuned sizes)",
                    String.valueOf(headDim));
        }
        if (chunk % block != 0) throw bad("--chunk", "a multiple of --block (" + block + ")", String.valueOf(chunk));
        Values.checkBlockForPrecision(precision, block);
        for (String p : patterns) {
            try {
                Patterns.parse(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--patterns': " + e.getMessage());
            }
        }
        for (int len : lengths) {
            try {
                new AttentionShape(heads, kvHeads, len, headDim);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--lengths': length " + len + " is not representable: " + e.getMessage());
            }
        }
        try {
            DeviceSpec.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--device': " + e.getMessage());
        }
        sweep(tasks, lengths, depths, samples, patterns, seed); // SweepSpec validates the tasks
    }

    private static SweepSpec sweep(List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns, long seed) {
        try {
            return new SweepSpec(tasks, lengths, depths, samples, patterns, seed);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m != null && m.startsWith("option") ? m : "option '--tasks': " + m);
        }
    }

    public SweepSpec sweep() { return sweep(tasks, lengths, depths, samples, patterns, seed); }

    /** The model and kernel sizes sent to executors, with the configured device (a task's own GPU overrides it). */
    public ModelShape shape() { return new ModelShape(layers, heads, kvHeads, headDim, block, chunk, device, precision); }

    /**
     * Hash of every value that decides which units exist and what they compute. Output location,
     * master, device and retries are left out: moving a run to another cluster or device may resume it.
     * Precision is in: bf16 or tf32 arithmetic is a different run, not the same one resumed.
     */
    public String fingerprint() {
        String canonical = String.join("\n", "input=" + input, "format=" + format, "jsonField=" + jsonField, "badLines=" + badLines,
                "tasks=" + tasks, "lengths=" + lengths, "depths=" + depths, "samples=" + samples, "patterns=" + patterns,
                "seed=" + seed, "layers=" + layers, "heads=" + heads, "kvHeads=" + kvHeads, "headDim=" + headDim,
                "block=" + block, "chunk=" + chunk, "precision=" + precision.id());
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration as ordered (name, value) pairs: what the console and the report print. */
    public java.util.LinkedHashMap<String, String> settings() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("input", input + " (format " + format + ", text field '" + jsonField + "', bad lines: " + badLines + ")");
        m.put("output", output + (overwrite ? " (overwrite)" : ""));
        m.put("tasks", String.join(",", tasks));
        m.put("lengths", join(lengths));
        m.put("depths", join(depths));
        m.put("samples", String.valueOf(samples));
        m.put("patterns", String.join(",", patterns));
        m.put("model", layers + " layers, " + heads + " heads, " + kvHeads + " kv heads, head dim " + headDim);
        m.put("kernels", "block " + block + ", chunk " + chunk + ", precision " + precision.id() + ", device " + device);
        m.put("spark", "master " + master + " (unless spark-submit sets one), " + maxFailures + " attempts per task");
        m.put("seed", String.valueOf(seed));
        m.put("fingerprint", fingerprint());
        if (!faults.isEmpty()) m.put("TEST FAULTS", String.valueOf(faults));
        return m;
    }

    /** The configuration as aligned "name value" lines, printed back to the user at start. */
    public List<String> describe() {
        List<String> rows = new ArrayList<>();
        settings().forEach((k, v) -> rows.add(String.format("  %-12s %s", k, v)));
        return rows;
    }

    private static String join(List<?> xs) {
        StringBuilder b = new StringBuilder();
        for (Object x : xs) b.append(b.length() == 0 ? "" : ",").append(x);
        return b.toString();
    }

    private static <T> List<T> nonEmpty(String option, List<T> xs, String what) {
        if (xs == null || xs.isEmpty()) throw bad(option, "a non-empty comma-separated list of " + what, "nothing");
        for (T x : xs) if (x == null) throw bad(option, what + " without empty items", xs.toString());
        return List.copyOf(xs);
    }

    private static void requireText(String option, String s) {
        if (s == null || s.isBlank()) throw bad(option, "a non-empty value", "'" + s + "'");
    }

    private static void positive(String option, int v) {
        if (v <= 0) throw bad(option, "a positive integer", String.valueOf(v));
    }

    static IllegalArgumentException bad(String option, String expected, String got) {
        return new IllegalArgumentException("option '" + option + "': expected " + expected + ", got " + got);
    }
}
