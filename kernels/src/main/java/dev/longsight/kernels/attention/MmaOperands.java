package dev.longsight.kernels.attention;

import dev.longsight.kernels.io.HalfFloats;
import java.util.stream.IntStream;

/**
 * Q, K, V as the tensor-core kernel reads them: rounded to the precision, lengths padded with zero
 * rows to a multiple of 128 ({@code seqPad}, the largest query tile), head dims with zero columns to a multiple of 32
 * ({@code dPad}), V transposed so that the P V mma's B-fragments are consecutive keys. bf16 operands
 * are 16-bit patterns two to an {@code int} (lower index in the low half), tf32 operands fp32 values with the low 13 mantissa
 * bits zero; the other precision's three arrays are 1-element placeholders (Aparapi binds every
 * kernel argument).
 *
 * @param qBits   bf16 pairs (heads, seqPad, dPad / 2)
 * @param kBits   bf16 pairs (kvHeads, seqPad, dPad / 2)
 * @param vtBits  bf16 pairs (kvHeads, dPad, seqPad / 2)
 * @param qValues tf32 (heads, seqPad, dPad)
 * @param kValues tf32 (kvHeads, seqPad, dPad)
 * @param vtValues tf32 (kvHeads, dPad, seqPad)
 */
record MmaOperands(int seqPad, int dPad, int[] qBits, int[] kBits, int[] vtBits,
                   float[] qValues, float[] kValues, float[] vtValues) {

    static MmaOperands pack(AttentionShape s, Precision p, float[] q, float[] k, float[] v) {
        int seqPad = roundUp(s.seqLen(), MmaPrefillSource.MAX_BM);
        int dPad = roundUp(s.headDim(), MmaPrefillSource.D_ALIGN);
        long padded = (long) s.heads() * seqPad * dPad;
        if (padded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("heads x padded length x padded head-dim = " + padded + " exceeds one Java array ("
                    + Integer.MAX_VALUE + " elements) for precision " + p.id() + "; use fewer heads per prefill");
        }
        int d = s.headDim();
        // (heads, seqLen, d) -> (heads, seqPad, dPad); (kvHeads, seqLen, d) -> V^T (kvHeads, dPad, seqPad)
        float[] qp = new float[s.heads() * seqPad * dPad];
        float[] kp = new float[s.kvHeads() * seqPad * dPad];
        float[] vt = new float[s.kvHeads() * dPad * seqPad];
        IntStream.range(0, s.heads()).parallel().forEach(h -> rows(q, qp, h, s.seqLen(), seqPad, d, dPad, p));
        IntStream.range(0, s.kvHeads()).parallel().forEach(h -> {
            rows(k, kp, h, s.seqLen(), seqPad, d, dPad, p);
            for (int t = 0; t < s.seqLen(); t++) {
                for (int c = 0; c < d; c++) vt[(h * dPad + c) * seqPad + t] = p.round(v[(h * s.seqLen() + t) * d + c]);
            }
        });
        if (p == Precision.BF16) {
            return new MmaOperands(seqPad, dPad, bits(qp), bits(kp), bits(vt), new float[1], new float[1], new float[1]);
        }
        return new MmaOperands(seqPad, dPad, new int[1], new int[1], new int[1], qp, kp, vt);
    }

    private static void rows(float[] src, float[] dst, int h, int n, int seqPad, int d, int dPad, Precision p) {
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < d; c++) dst[(h * seqPad + t) * dPad + c] = p.round(src[(h * n + t) * d + c]);
        }
    }

    /** Even-length (dPad and seqPad are even) array of bf16-exact floats -> bf16 pairs. */
    private static int[] bits(float[] rounded) {
        int[] out = new int[rounded.length / 2];
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = (HalfFloats.floatToBfloat16(rounded[2 * i]) & 0xffff)
                | (HalfFloats.floatToBfloat16(rounded[2 * i + 1]) << 16));
        return out;
    }

    static int roundUp(int x, int m) { return (x + m - 1) / m * m; }
}
