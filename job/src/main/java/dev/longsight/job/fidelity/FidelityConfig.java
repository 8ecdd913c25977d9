package dev.longsight.job.fidelity;

import dev.longsight.job.config.Values;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.topk.DynamicSpec;
import java.util.List;

/**
 * One fidelity sweep, validated once: lengths x patterns over a Q/K/V source. Every failure is
 * one line naming the option and what was expected.
 *
 * @param precision    arithmetic of the patterns' prefill; exact attention stays fp32, so with tf32/bf16 the
 *                     'full' pattern measures the precision's own error
 * @param tokenTopkMax lengths up to this also get the token-level top-k reference (CPU, O(n^2 d))
 * @param buckets      query-position buckets in the per-bucket table
 */
public record FidelityConfig(List<Integer> lengths, List<String> patterns, String source, int heads, int kvHeads,
                             int headDim, int blockSize, int chunkSize, DeviceSpec device, Precision precision, long seed, String output,
                             ScoreScale scoreStd, int tokenTopkMax, int buckets) {

    public FidelityConfig {
        if (precision == null) throw new IllegalArgumentException("precision must be set (fp32, tf32 or bf16)");
        lengths = List.copyOf(lengths);
        patterns = List.copyOf(patterns);
        if (lengths.isEmpty()) throw bad("--lengths", "at least one length", "none");
        for (int n : lengths) if (n <= 0) throw bad("--lengths", "positive lengths", Integer.toString(n));
        if (patterns.isEmpty()) throw bad("--patterns", "at least one pattern spec", "none");
        for (String p : patterns) {
            if (p.trim().equals("full") && !precision.tensorCores()) throw bad("--patterns", "patterns other than 'full' (in fp32, full is the exact reference every pattern is compared with)", p);
            if (DynamicSpec.isDynamic(p)) DynamicSpec.parse(p); // throws a one-line error naming the spec
            else Patterns.parse(p);
        }
        if (!source.equals("gaussian") && !source.equals("probe") && !source.startsWith("npy:")) {
            throw bad("--source", "gaussian, probe or npy:<manifest-uri>", source);
        }
        positive("--heads", heads);
        positive("--kv-heads", kvHeads);
        if (heads % kvHeads != 0) throw bad("--kv-heads", "a divisor of --heads (" + heads + ")", Integer.toString(kvHeads));
        if (headDim <= 0 || headDim > 128) throw bad("--head-dim", "1..128", Integer.toString(headDim));
        positive("--block", blockSize);
        if (chunkSize <= 0 || chunkSize % blockSize != 0) {
            throw bad("--chunk", "a positive multiple of --block (" + blockSize + ")", Integer.toString(chunkSize));
        }
        Values.checkBlockForPrecision(precision, blockSize);
        if (tokenTopkMax < 0) throw bad("--token-topk-max", "a length >= 0 (0 = off)", Integer.toString(tokenTopkMax));
        positive("--buckets", buckets);
    }

    private static void positive(String option, int v) {
        if (v <= 0) throw bad(option, "a positive integer", Integer.toString(v));
    }

    static IllegalArgumentException bad(String option, String expected, String got) {
        return new IllegalArgumentException("option '" + option + "': expected " + expected + ", got " + got);
    }
}
