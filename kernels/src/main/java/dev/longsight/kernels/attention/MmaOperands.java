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
        int n = s.seqLen(), d = s.headDim(), slabs = seqPad / SLAB;
        boolean bf16 = p == Precision.BF16;
        int qn = s.heads() * seqPad * dPad, kvn = s.kvHeads() * seqPad * dPad;
        int[] qb = new int[bf16 ? qn / 2 : 1], kb = new int[bf16 ? kvn / 2 : 1], vb = new int[bf16 ? kvn / 2 : 1];
        float[] qf = new float[bf16 ? 1 : qn], kf = new float[bf16 ? 1 : kvn], vf = new float[bf16 ? 1 : kvn];
        Store qs = store(p, qb, qf), ks = store(p, kb, kf), vs = store(p, vb, vf);
        // Parallel over 64-row slabs of every head (a head at a time would leave one core busy at 1M tokens).
        // (heads, n, d) -> (heads, seqPad, dPad); V (kvHeads, n, d) -> V^T (kvHeads, dPad, seqPad)
        IntStream.range(0, s.heads() * slabs).parallel().forEach(w -> rows(q, qs, w / slabs, (w % slabs) * SLAB, n, seqPad, d, dPad));
        IntStream.range(0, s.kvHeads() * slabs).parallel().forEach(w -> {
            int h = w / slabs, t0 = (w % slabs) * SLAB;
            rows(k, ks, h, t0, n, seqPad, d, dPad);
            for (int c = 0; c < d; c++) {
                for (int t = t0; t < Math.min(t0 + SLAB, n); t++) vs.at((h * dPad + c) * seqPad + t, v[(h * n + t) * d + c]);
            }
        });
        return new MmaOperands(seqPad, dPad, qb, kb, vb, qf, kf, vf);
    }

    /** Rows per parallel task: even, so the two halves of a bf16 pair are always written by one task. */
    private static final int SLAB = 64;

    private interface Store {
        void at(int index, float x);
    }

    /** bf16: the pattern goes into half (index % 2) of int index / 2; tf32: the rounded value. */
    private static Store store(Precision p, int[] pairs, float[] values) {
        if (p == Precision.BF16) return (i, x) -> pairs[i >> 1] |= (HalfFloats.floatToBfloat16(x) & 0xffff) << ((i & 1) << 4);
        return (i, x) -> values[i] = p.round(x);
    }

    private static void rows(float[] src, Store dst, int h, int t0, int n, int seqPad, int d, int dPad) {
        for (int t = t0; t < Math.min(t0 + SLAB, n); t++) {
            for (int c = 0; c < d; c++) dst.at((h * seqPad + t) * dPad + c, src[(h * n + t) * d + c]);
        }
    }

    static int roundUp(int x, int m) { return (x + m - 1) / m * m; }
}
