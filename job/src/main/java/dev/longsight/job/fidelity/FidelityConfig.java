package dev.longsight.job.fidelity;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Redaction;
import dev.longsight.job.config.Rules;
import dev.longsight.job.config.SettingsLines;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.topk.DynamicSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One fidelity sweep, validated once: lengths x patterns over a Q/K/V source. Every failure is
 * one line naming the option and what was expected.
 *
 * @param precision    arithmetic of the patterns' prefill; exact attention stays fp32, so with tf32/bf16 the
 *                     'full' pattern measures the precision's own error
 * @param tokenTopkMax lengths up to this also get the token-level top-k reference (CPU, O(n^2 d))
 * @param buckets      query-position buckets in the per-bucket table
 * @param input        documents of the model source (any Hadoop URI)
 * @param documents    sequences the model source captures, each starting at its own document
 */
public record FidelityConfig(List<Integer> lengths, List<String> patterns, String source, int heads, int kvHeads,
                             int headDim, int blockSize, int chunkSize, DeviceSpec device, Precision precision, long seed, String output,
                             ScoreScale scoreStd, int tokenTopkMax, int buckets, String input, int documents) {

    public FidelityConfig {
        if (precision == null) throw new IllegalArgumentException("precision must be set (fp32, tf32 or bf16)");
        Origin o = Origin.OPTIONS;
        lengths = List.copyOf(Rules.lengths(o, lengths));
        if (patterns == null || patterns.isEmpty()) throw o.bad("patterns", "at least one pattern spec", "none");
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            if (p.trim().equals("full") && !precision.tensorCores()) throw o.bad("patterns", "patterns other than 'full' (in fp32, full is the exact reference every pattern is compared with)", p);
            try {
                if (DynamicSpec.isDynamic(p)) DynamicSpec.parse(p);
                else Patterns.parse(p);
            } catch (IllegalArgumentException e) {
                throw o.wrap("patterns", e);
            }
        }
        if (!source.equals("gaussian") && !source.equals("probe") && !source.startsWith("npy:") && !source.startsWith(MODEL)) {
            throw o.bad("source", "gaussian, probe or npy:<manifest-uri>", source);
        }
        if (source.startsWith(MODEL) && source.length() == MODEL.length()) throw o.bad("model", "a checkpoint directory URI", "nothing");
        Rules.positive(o, "documents", documents);
        Rules.heads(o, heads, kvHeads);
        Rules.headDim(o, headDim);
        if (source.equals("probe")) Rules.probeHeadDim(o, headDim);
        Rules.blocks(o, blockSize, chunkSize, precision);
        if (tokenTopkMax < 0) throw o.bad("token-topk-max", "a length >= 0 (0 = off)", tokenTopkMax);
        Rules.positive(o, "buckets", buckets);
    }

    /** Source prefix of a checkpoint's captured attention ({@code --model URI}). */
    public static final String MODEL = "model:";

    /** A sweep over a source that reads no documents. */
    public FidelityConfig(List<Integer> lengths, List<String> patterns, String source, int heads, int kvHeads, int headDim, int blockSize,
                          int chunkSize, DeviceSpec device, Precision precision, long seed, String output, ScoreScale scoreStd,
                          int tokenTopkMax, int buckets) {
        this(lengths, patterns, source, heads, kvHeads, headDim, blockSize, chunkSize, device, precision, seed, output, scoreStd,
                tokenTopkMax, buckets, DEFAULT_INPUT, 1);
    }

    /** Documents of the model source when --input is not given: the sample corpus. */
    public static final String DEFAULT_INPUT = "sample-data/corpus";

    /** Where the output goes when --output is not given: beside, never inside, run's default {@code out}. */
    public static final String DEFAULT_OUTPUT = "out-fidelity";

    /**
     * Hash of every value that decides what the sweep measures. Output and device are left out (a
     * sweep may resume on another device); precision is in (bf16 numbers are not fp32 numbers resumed).
     */
    public String fingerprint() {
        String canonical = String.join("\n", "command=fidelity", "lengths=" + lengths, "patterns=" + patterns, "source=" + source,
                "heads=" + heads, "kvHeads=" + kvHeads, "headDim=" + headDim, "block=" + blockSize, "chunk=" + chunkSize,
                "precision=" + precision.id(), "seed=" + seed, "scoreStd=" + scoreStd, "tokenTopkMax=" + tokenTopkMax,
                "buckets=" + buckets) + (source.startsWith(MODEL) ? "\ninput=" + input + "\ndocuments=" + documents : "");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration as ordered (name, value) pairs: what the console and the report print. */
    public LinkedHashMap<String, String> settings() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        m.put("output", Redaction.uris(output));
        m.put("lengths", lengths.toString().replaceAll("[\\[\\] ]", ""));
        m.put("patterns", String.join(";", patterns));
        m.put("source", Redaction.uris(source) + (source.equals("gaussian") ? " (score std " + scoreStd + ")" : "")
                + (source.startsWith(MODEL) ? " (" + documents + " documents of " + Redaction.uris(input) + ", reference forward)" : ""));
        if (source.equals("gaussian") || source.equals("probe")) m.put("shape", heads + " heads, " + kvHeads + " kv heads, head dim " + headDim);
        m.put("kernels", "block " + blockSize + ", chunk " + chunkSize + ", precision " + precision.id() + ", device " + device);
        m.put("token top-k", tokenTopkMax == 0 ? "off" : "lengths up to " + tokenTopkMax);
        m.put("buckets", String.valueOf(buckets));
        m.put("seed", String.valueOf(seed));
        m.put("fingerprint", fingerprint());
        return m;
    }

    /** The configuration as aligned "name value" lines. */
    public List<String> describe() {
        return SettingsLines.of(settings());
    }
}
