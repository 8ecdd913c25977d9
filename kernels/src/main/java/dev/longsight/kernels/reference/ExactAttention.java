package dev.longsight.kernels.reference;

import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.layout.BlockLayout;

/**
 * The oracle: causal block-sparse attention in double precision, two passes per row (max, then
 * exponentials), no tiling. Every kernel is checked against it.
 */
public final class ExactAttention {
    private ExactAttention() {}

    /**
     * Computes rows [qStart, qEnd) of o (heads, seqLen, headDim) and lse (heads, seqLen) in place.
     */
    public static void compute(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                               int qStart, int qEnd, double[] o, double[] lse) {
        int d = s.headDim(), n = s.seqLen(), bs = layout.blockSize();
        double scale = 1.0 / Math.sqrt(d);
        double[] scores = new double[n]; // (keys of one row, in layout order)
        int[] keys = new int[n];
        for (int h = 0; h < s.heads(); h++) {
            int kvBase = (h / s.groupSize()) * n * d;
            for (int i = qStart; i < qEnd; i++) {
                int qOff = (h * n + i) * d;
                int cnt = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int kb : layout.row(i / bs)) {
                    int end = Math.min(Math.min(n, (kb + 1) * bs), i + 1);
                    for (int j = kb * bs; j < end; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) dot += (double) q[qOff + c] * k[kvBase + j * d + c];
                        scores[cnt] = dot * scale;
                        keys[cnt++] = j;
                        max = Math.max(max, dot * scale);
                    }
                }
                double sum = 0;
                for (int t = 0; t < cnt; t++) sum += Math.exp(scores[t] - max);
                int oOff = (h * n + i) * d;
                for (int c = 0; c < d; c++) o[oOff + c] = 0;
                for (int t = 0; t < cnt; t++) {
                    double p = Math.exp(scores[t] - max) / sum;
                    int vOff = kvBase + keys[t] * d;
                    for (int c = 0; c < d; c++) o[oOff + c] += p * v[vOff + c];
                }
                lse[h * n + i] = max + Math.log(sum);
            }
        }
    }

    /** Convenience: all rows, results as fresh double arrays {o, lse}. */
    public static double[][] compute(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v) {
        double[] o = new double[s.qSize()];
        double[] lse = new double[s.heads() * s.seqLen()];
        compute(s, layout, q, k, v, 0, s.seqLen(), o, lse);
        return new double[][] {o, lse};
    }
}
