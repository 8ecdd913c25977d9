package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.AttentionResult;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.reference.ExactAttention;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Compares a prefill with {@link ExactAttention} (double) on a sample of query rows, all heads:
 * every row when the length is at most {@code rows}, else the first and last rows and seeded random
 * ones (the double reference over all 128K rows would take hours).
 */
public final class SampleCheck {
    private SampleCheck() {}

    /** The bound every fp32 kernel must meet (same as the kernel tests). */
    public static final double TOLERANCE = 1e-4;

    /**
     * The bound per precision, against the exact attention of the fp32 inputs: fp32 as the kernel
     * tests; tf32 and bf16 about 3x the largest error MmaKernelTest measured on unit-variance inputs
     * (tf32 1.3e-3, bf16 1.1e-2), where the rounding of the inputs dominates.
     */
    public static double tolerance(dev.longsight.kernels.attention.Precision p) {
        return switch (p) {
            case FP32 -> TOLERANCE;
            case TF32 -> 5e-3;
            case BF16 -> 3e-2;
        };
    }

    /** max(|O - O_ref|, |LSE - LSE_ref| / max(1, |LSE_ref|)) over the sampled rows. */
    public static double maxError(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                                  AttentionResult got, int rows, long seed) {
        int n = s.seqLen(), d = s.headDim();
        int[] sample = sample(n, rows, seed);
        double[] o = new double[s.qSize()];              // (heads, seqLen, headDim), sampled rows only
        double[] lse = new double[s.heads() * n];        // (heads, seqLen)
        java.util.Arrays.stream(sample).parallel().forEach(i -> ExactAttention.compute(s, layout, q, k, v, i, i + 1, o, lse));
        double err = 0;
        for (int h = 0; h < s.heads(); h++) {
            for (int i : sample) {
                for (int c = 0; c < d; c++) {
                    int at = (h * n + i) * d + c;
                    err = Math.max(err, Math.abs(o[at] - got.o()[at]));
                }
                double ref = lse[h * n + i];
                err = Math.max(err, Math.abs(ref - got.lse()[h * n + i]) / Math.max(1, Math.abs(ref)));
            }
        }
        return Double.isNaN(err) ? Double.POSITIVE_INFINITY : err; // NaN outputs fail the check
    }

    static int[] sample(int n, int rows, long seed) {
        if (n <= rows) return java.util.stream.IntStream.range(0, n).toArray();
        TreeSet<Integer> set = new TreeSet<>();
        set.add(0);
        set.add(n - 1);
        SplittableRandom r = new SplittableRandom(seed);
        while (set.size() < rows) set.add(r.nextInt(n));
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
