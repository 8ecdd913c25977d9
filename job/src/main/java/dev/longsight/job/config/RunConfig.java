package dev.longsight.job.config;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.kernels.attention.Precision;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything one {@code longsight run} does, parsed once from the command line and validated here
 * by {@link Rules}: every bad value fails with one line naming the option and what was expected.
 * The sweep and model shape it hands on are built from these values and not checked again.
 *
 * @param badFiles      input files that cannot be read as documents: skipped (counted) or fatal
 * @param passkeyFiller passkey's haystack is the classic filler sentences (no --input given) rather than the input's documents
 * @param precision   prefill arithmetic: fp32 CUDA-core, or tf32/bf16 tensor-core ({@link Values#precision})
 * @param maxFailures task attempts before a throwing unit is recorded as failed (Spark's spark.task.maxFailures)
 * @param allowFailed failed units the run may have and still exit 0
 * @param sparkConf   Spark settings given with --conf, applied over spark-submit's and the defaults
 * @param model       a Hugging Face checkpoint directory (any Hadoop filesystem URI) whose model scores the units, or null
 * @param chatTemplate wrap prompts in the checkpoint's chat template (instruction-tuned models)
 * @param withProbe   with a model, score every unit with the probe too
 */
public record RunConfig(String input, InputFormat format, String jsonField, BadInput badLines, BadInput badFiles,
                        boolean passkeyFiller, String output, boolean overwrite,
                        List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns, long seed,
                        int layers, int heads, int kvHeads, int headDim, int block, int chunk, String device,
                        Precision precision, String master, int maxFailures, AllowedFailures allowFailed, java.util.Map<String, String> sparkConf,
                        String model, boolean chatTemplate, boolean withProbe, String shapeNote) implements Serializable {

    public static final String DEFAULT_INPUT = "sample-data/corpus";
    public static final String DEFAULT_OUTPUT = "out";
    public static final String DEFAULT_MASTER = "local[*]";

    public RunConfig {
        Origin o = Origin.OPTIONS;
        Rules.text(o, "input", input);
        Rules.text(o, "output", output);
        Rules.text(o, "text-field", jsonField);
        Rules.text(o, "master", master);
        if (format == null || badLines == null || badFiles == null || precision == null || allowFailed == null) {
            throw new IllegalArgumentException("format, bad-lines, bad-files, precision and allow-failed must be set");
        }
        SweepSpec sweep = Rules.sweep(o, tasks, lengths, depths, samples, patterns, seed);
        tasks = sweep.tasks();
        lengths = sweep.lengths();
        depths = sweep.depths();
        patterns = sweep.patterns();
        Rules.shape(o, layers, heads, kvHeads, headDim, block, chunk, device, precision);
        Rules.lengthsFit(o, lengths, heads, kvHeads, headDim);
        Rules.positive(o, "max-failures", maxFailures);
        sparkConf = SparkSettings.checked(sparkConf);
        Rules.modelOptions(o, model, chatTemplate, withProbe);
        shapeNote = shapeNote == null ? "" : shapeNote;
    }

    /** A run whose shape is the options' as given ({@code shapeNote} empty). */
    public RunConfig(String input, InputFormat format, String jsonField, BadInput badLines, BadInput badFiles,
                     boolean passkeyFiller, String output, boolean overwrite,
                     List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns, long seed,
                     int layers, int heads, int kvHeads, int headDim, int block, int chunk, String device,
                     Precision precision, String master, int maxFailures, AllowedFailures allowFailed, java.util.Map<String, String> sparkConf,
                     String model, boolean chatTemplate, boolean withProbe) {
        this(input, format, jsonField, badLines, badFiles, passkeyFiller, output, overwrite, tasks, lengths, depths, samples, patterns, seed,
                layers, heads, kvHeads, headDim, block, chunk, device, precision, master, maxFailures, allowFailed, sparkConf,
                model, chatTemplate, withProbe, "");
    }

    /** The same run with the probe's heads, KV heads, head dim, block, chunk and precision {@code c} chose, and its note. */
    public RunConfig withShape(ProbeShapeDefaults.Choice c) {
        return new RunConfig(input, format, jsonField, badLines, badFiles, passkeyFiller, output, overwrite, tasks, lengths, depths, samples,
                patterns, seed, layers, c.heads(), c.kvHeads(), c.headDim(), c.block(), c.chunk(), device, c.precision(), master, maxFailures,
                allowFailed, sparkConf, model, chatTemplate, withProbe, c.note());
    }

    /** A run without a model: the probe scores every unit. */
    public RunConfig(String input, InputFormat format, String jsonField, BadInput badLines, BadInput badFiles,
                     boolean passkeyFiller, String output, boolean overwrite,
                     List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns, long seed,
                     int layers, int heads, int kvHeads, int headDim, int block, int chunk, String device,
                     Precision precision, String master, int maxFailures, AllowedFailures allowFailed, java.util.Map<String, String> sparkConf) {
        this(input, format, jsonField, badLines, badFiles, passkeyFiller, output, overwrite, tasks, lengths, depths, samples, patterns, seed,
                layers, heads, kvHeads, headDim, block, chunk, device, precision, master, maxFailures, allowFailed, sparkConf, null, false, false);
    }

    /** Whether the probe scores units: always without a model, with one only when asked. */
    public boolean runsProbe() { return model == null || withProbe; }

    /** The sweep, from values the constructor has checked. */
    public SweepSpec sweep() { return new SweepSpec(tasks, lengths, depths, samples, patterns, seed); }

    /** The model and kernel sizes sent to executors, with the configured device (a task's own GPU overrides it). */
    public ModelShape shape() { return new ModelShape(layers, heads, kvHeads, headDim, block, chunk, device, precision); }

    /**
     * Hash of every value that decides which units exist and what they compute. Output location,
     * master, device, retries, allowed failures and Spark settings are left out: moving a run to another cluster or device may resume it.
     * Precision is in: bf16 or tf32 arithmetic is a different run, not the same one resumed. The
     * bad-files policy is out: when failing on a bad file reads, skipping reads the same documents.
     * Passkey's haystack is in only when it is the input's (older outputs of filler runs still resume).
     */
    public String fingerprint() { return fingerprint(null); }

    /**
     * The same with the model: its URI, hash ({@code ModelSource.hash}: config.json and the weights'
     * headers), chat template and whether the probe runs too. Without a model, as before models existed.
     */
    public String fingerprint(String modelHash) {
        String canonical = String.join("\n", "input=" + input, "format=" + format, "jsonField=" + jsonField, "badLines=" + badLines,
                "tasks=" + tasks, "lengths=" + lengths, "depths=" + depths, "samples=" + samples, "patterns=" + patterns,
                "seed=" + seed, "layers=" + layers, "heads=" + heads, "kvHeads=" + kvHeads, "headDim=" + headDim,
                "block=" + block, "chunk=" + chunk, "precision=" + precision.id())
                + (!passkeyFiller && tasks.contains("passkey") ? "\npasskeyHaystack=input" : "")
                + (model == null ? "" : "\nmodel=" + model + "\nmodelHash=" + modelHash + "\nchatTemplate=" + chatTemplate + "\nwithProbe=" + withProbe);
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
        m.put("input", Redaction.uris(input) + " (format " + format + ", text field '" + jsonField + "', bad lines: " + badLines + ", bad files: " + badFiles + ")");
        m.put("output", Redaction.uris(output) + (overwrite ? " (overwrite)" : ""));
        m.put("tasks", String.join(",", tasks) + (tasks.contains("passkey") ? " (passkey haystack: " + (passkeyFiller ? "filler sentences" : "the input's documents") + ")" : ""));
        m.put("lengths", join(lengths));
        m.put("depths", join(depths));
        m.put("samples", String.valueOf(samples));
        m.put("patterns", String.join(",", patterns));
        m.put(model == null ? "model" : "probe", (runsProbe() ? "" : "not run (the model scores the units); ") + layers + " layers, "
                + heads + " heads, " + kvHeads + " kv heads, head dim " + headDim);
        if (model != null) {
            m.put("model", Redaction.uris(model) + " (prompts: RULER's wording, " + (chatTemplate ? "the checkpoint's chat template" : "plain text")
                    + "; lengths in the model's tokens; scored by teacher forcing" + (withProbe ? "; the probe scores the same cells" : "") + ")");
        }
        m.put("kernels", "block " + block + ", chunk " + chunk + ", precision " + precision.id() + ", device " + device);
        if (!shapeNote.isEmpty()) m.put("shape", shapeNote);
        m.put("spark", "master " + Redaction.uris(master) + " (unless spark-submit sets one), " + maxFailures + " attempts per task, failed units allowed: " + allowFailed.text());
        if (!sparkConf.isEmpty()) m.put("spark conf", SparkSettings.text(sparkConf));
        m.put("seed", String.valueOf(seed));
        m.put("fingerprint", fingerprint());
        return m;
    }

    /** The configuration as aligned "name value" lines, printed back to the user at start. */
    public List<String> describe() {
        return SettingsLines.of(settings());
    }

    private static String join(List<?> xs) {
        StringBuilder b = new StringBuilder();
        for (Object x : xs) b.append(b.length() == 0 ? "" : ",").append(x);
        return b.toString();
    }
}
