package dev.longsight.job.fidelity;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
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
        if (!source.equals("gaussian") && !source.equals("probe") && !source.startsWith("npy:")) {
            throw o.bad("source", "gaussian, probe or npy:<manifest-uri>", source);
        }
        Rules.heads(o, heads, kvHeads);
        Rules.headDim(o, headDim);
        if (source.equals("probe")) Rules.probeHeadDim(o, headDim);
        Rules.blocks(o, blockSize, chunkSize, precision);
        if (tokenTopkMax < 0) throw o.bad("token-topk-max", "a length >= 0 (0 = off)", tokenTopkMax);
        Rules.positive(o, "buckets", buckets);
    }
}
