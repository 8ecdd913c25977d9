package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.KernelVariant;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Patterns;
import java.util.List;

/**
 * One benchmark run, validated once: which device and kernel, which patterns and lengths, the
 * attention shape, and how to time and check.
 *
 * @param variant    kernel variant, or null to let the tile policy choose per block size
 * @param precision  fp32 (CUDA-core kernels) or tf32 / bf16 (tensor-core mma kernel)
 * @param headBatch  heads per prefill: 0 = all at once; h runs the heads in batches of h (for lengths
 *                   where heads x length x head-dim exceeds one buffer), times summed
 * @param checkRows  rows (all heads) compared with the exact reference when --check is on; lengths up
 *                   to this many rows are checked in full
 */
public record BenchConfig(DeviceSpec device, KernelVariant variant, Precision precision, List<String> patterns, List<Integer> lengths,
                          int heads, int kvHeads, int headDim, int block, int warmup, int repeats, int e2eRepeats,
                          boolean check, int checkRows, int headBatch, long seed) {
    public BenchConfig {
        if (device == null) throw new IllegalArgumentException("option '--device': expected auto, gpu, gpu:<i>, cpu or jtp");
        if (precision == null) throw new IllegalArgumentException("option '--precision': expected fp32, tf32 or bf16");
        if (variant != null && variant.precision() != precision) {
            throw new IllegalArgumentException("option '--variant': " + variant.id() + " computes in " + variant.precision().id()
                    + ", but --precision is " + precision.id());
        }
        if (patterns == null || patterns.isEmpty()) throw new IllegalArgumentException("option '--patterns': expected at least one pattern");
        for (String p : patterns) {
            try {
                Patterns.parse(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--patterns': " + e.getMessage());
            }
        }
        if (lengths == null || lengths.isEmpty()) throw new IllegalArgumentException("option '--lengths': expected at least one length");
        for (int n : lengths) positive("--lengths", n);
        positive("--heads", heads);
        positive("--kv-heads", kvHeads);
        positive("--head-dim", headDim);
        positive("--block", block);
        atLeast("--warmup", warmup, 0);
        positive("--repeats", repeats);
        atLeast("--e2e-repeats", e2eRepeats, 0);
        positive("--check-rows", checkRows);
        atLeast("--head-batch", headBatch, 0);
        int batch = headBatch == 0 ? heads : headBatch;
        if (heads % batch != 0 || batch % (heads / kvHeads == 0 ? 1 : heads / kvHeads) != 0) {
            throw new IllegalArgumentException("option '--head-batch': expected 0 or a divisor of --heads (" + heads
                    + ") that holds whole KV groups, got " + headBatch);
        }
        for (int n : lengths) new AttentionShape(batch, Math.max(1, batch * kvHeads / heads), n, headDim); // validates sizes
        new AttentionShape(heads, kvHeads, 1, headDim);
        patterns = List.copyOf(patterns);
        lengths = List.copyOf(lengths);
    }

    /** Heads per prefill call. */
    public int batchHeads() { return headBatch == 0 ? heads : headBatch; }

    public int batchKvHeads() { return batchHeads() * kvHeads / heads; }

    public static int positive(String option, int v) { return atLeast(option, v, 1); }

    static int atLeast(String option, int v, int min) {
        if (v < min) throw new IllegalArgumentException("option '" + option + "': expected an integer >= " + min + ", got " + v);
        return v;
    }
}
