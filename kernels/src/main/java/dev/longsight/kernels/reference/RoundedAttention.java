package dev.longsight.kernels.reference;

import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.layout.BlockLayout;

/**
 * The straightforward low-precision attention a tensor-core kernel is compared with: eager
 * attention on tensors of one precision, as {@code softmax(q @ k.T * scale) @ v} runs on bf16
 * tensors in PyTorch. Inputs are rounded to the precision; each matmul accumulates in fp32 and
 * rounds its output (scores, then O) to the precision; the softmax runs in fp32 and rounds P.
 */
public final class RoundedAttention {
    private RoundedAttention() {}

    /** O (heads, seqLen, headDim) over all rows, every element a value of {@code p}. */
    public static float[] compute(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v, Precision p) {
        int d = s.headDim(), n = s.seqLen(), bs = layout.blockSize();
        float scale = p.round(s.scale());
        float[] o = new float[s.qSize()];
        float[] scores = new float[n]; // (keys of one row, in layout order)
        int[] keys = new int[n];
        for (int h = 0; h < s.heads(); h++) {
            int kvBase = (h / s.groupSize()) * n * d;
            for (int i = 0; i < n; i++) {
                int qOff = (h * n + i) * d;
                int cnt = 0;
                float max = Float.NEGATIVE_INFINITY;
                for (int kb : layout.row(i / bs)) {
                    int end = Math.min(Math.min(n, (kb + 1) * bs), i + 1);
                    for (int j = kb * bs; j < end; j++) {
                        float dot = 0f;
                        for (int c = 0; c < d; c++) dot += p.round(q[qOff + c]) * p.round(k[kvBase + j * d + c]);
                        scores[cnt] = p.round(p.round(dot) * scale);
                        keys[cnt++] = j;
                        max = Math.max(max, scores[cnt - 1]);
                    }
                }
                float sum = 0f;
                for (int t = 0; t < cnt; t++) sum += (float) Math.exp(scores[t] - max);
                float[] acc = new float[d]; // (headDim)
                for (int t = 0; t < cnt; t++) {
                    float pt = p.round((float) Math.exp(scores[t] - max) / sum);
                    int vOff = kvBase + keys[t] * d;
                    for (int c = 0; c < d; c++) acc[c] += pt * p.round(v[vOff + c]);
                }
                for (int c = 0; c < d; c++) o[qOff + c] = p.round(acc[c]);
            }
        }
        return o;
    }
}
