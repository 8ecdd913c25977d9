package dev.longsight.kernels.topk;

import dev.longsight.kernels.attention.AttentionShape;

/** Plain-Java oracle of {@link BlockScoreKernel} in double: mean-pool blocks, then scaled dot products. */
public final class BlockScoresReference {
    private BlockScoresReference() {}

    /** (heads, numBlocks, numBlocks); non-causal entries are negative infinity. */
    public static double[] scores(AttentionShape s, int blockSize, float[] q, float[] k) {
        int n = s.seqLen(), d = s.headDim(), nb = (n + blockSize - 1) / blockSize;
        double[] qp = pool(q, s.heads(), n, d, blockSize, nb);   // (heads, nb, d)
        double[] kp = pool(k, s.kvHeads(), n, d, blockSize, nb); // (kvHeads, nb, d)
        double[] out = new double[s.heads() * nb * nb];
        double scale = 1.0 / Math.sqrt(d);
        for (int h = 0; h < s.heads(); h++) {
            int g = h / s.groupSize();
            for (int qb = 0; qb < nb; qb++) {
                for (int kb = 0; kb < nb; kb++) {
                    double dot = Double.NEGATIVE_INFINITY;
                    if (kb <= qb) {
                        dot = 0;
                        for (int c = 0; c < d; c++) dot += qp[(h * nb + qb) * d + c] * kp[(g * nb + kb) * d + c];
                        dot *= scale;
                    }
                    out[(h * nb + qb) * nb + kb] = dot;
                }
            }
        }
        return out;
    }

    private static double[] pool(float[] x, int heads, int n, int d, int bs, int nb) {
        double[] p = new double[heads * nb * d];
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < nb; b++) {
                int start = b * bs, end = Math.min(n, start + bs);
                for (int i = start; i < end; i++) {
                    for (int c = 0; c < d; c++) p[(h * nb + b) * d + c] += x[(h * n + i) * d + c];
                }
                for (int c = 0; c < d; c++) p[(h * nb + b) * d + c] /= end - start;
            }
        }
        return p;
    }
}
