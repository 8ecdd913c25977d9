package dev.longsight.kernels.topk;

import dev.longsight.kernels.layout.BlockLayout;

/**
 * The token-level top-k reference on the CPU, for small n: each query row keeps exactly its
 * {@code keep[i]} largest causal scores (the ideal selection at that cost), computed in double.
 * Comparing it with block top-k at the same per-row key counts shows what block granularity costs.
 */
public final class TokenTopk {
    private TokenTopk() {}

    /** Output of one head: o (seqLen, headDim) and lse (seqLen), rounded to float like the kernels'. */
    public record Result(float[] o, float[] lse) {}

    /** Keys each query row attends under a layout (causal keys of its row's blocks): (seqLen). */
    public static int[] keysPerRow(BlockLayout layout) {
        int n = layout.seqLen(), bs = layout.blockSize();
        int[] keep = new int[n];
        for (int qb = 0; qb < layout.numQBlocks(); qb++) {
            int[] row = layout.row(qb);
            for (int i = qb * bs; i < Math.min(n, (qb + 1) * bs); i++) {
                int c = 0;
                for (int kb : row) c += Math.max(0, Math.min(i + 1, kb * bs + layout.blockLen(kb)) - kb * bs);
                keep[i] = c;
            }
        }
        return keep;
    }

    /** One head: q, k, v (seqLen, headDim) row-major; keep (seqLen) keys per row, clamped to [1, i+1]. */
    public static Result compute(int seqLen, int headDim, float[] q, float[] k, float[] v, int[] keep) {
        int n = seqLen, d = headDim;
        double scale = 1.0 / Math.sqrt(d);
        float[] o = new float[n * d];
        float[] lse = new float[n];
        double[] s = new double[n];      // (keys of one row)
        double[] sorted = new double[n]; // (keys of one row)
        double[] acc = new double[d];
        for (int i = 0; i < n; i++) {
            int m = i + 1;
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int c = 0; c < d; c++) dot += (double) q[i * d + c] * k[j * d + c];
                s[j] = dot * scale;
            }
            int kk = Math.max(1, Math.min(m, keep[i]));
            System.arraycopy(s, 0, sorted, 0, m);
            java.util.Arrays.sort(sorted, 0, m);
            double threshold = sorted[m - kk];
            double max = sorted[m - 1];
            int above = 0;
            for (int j = 0; j < m; j++) if (s[j] > threshold) above++;
            int tiesLeft = kk - above; // keep exactly kk keys even when scores tie at the threshold
            double sum = 0;
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < m; j++) {
                boolean kept = s[j] > threshold || (s[j] == threshold && tiesLeft-- > 0);
                if (!kept) continue;
                double p = Math.exp(s[j] - max);
                sum += p;
                for (int c = 0; c < d; c++) acc[c] += p * v[j * d + c];
            }
            for (int c = 0; c < d; c++) o[i * d + c] = (float) (acc[c] / sum);
            lse[i] = (float) (max + Math.log(sum));
        }
        return new Result(o, lse);
    }
}
