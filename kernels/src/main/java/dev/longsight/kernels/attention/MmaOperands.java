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
 * @param qBits   bf16 pairs (heads, seqPad, dPad / 2); with {@code qFragments}, in fragment order ({@link #element})
 * @param kBits   bf16 pairs (kvHeads, seqPad, dPad / 2)
 * @param vtBits  bf16 pairs (kvHeads, dPad, seqPad / 2)
 * @param qValues tf32 (heads, seqPad, dPad)
 * @param kValues tf32 (kvHeads, seqPad, dPad)
 * @param vtValues tf32 (kvHeads, dPad, seqPad)
 */
record MmaOperands(int seqPad, int dPad, int[] qBits, int[] kBits, int[] vtBits,
                   float[] qValues, float[] kValues, float[] vtValues) {

    static MmaOperands pack(AttentionShape s, Precision p, float[] q, float[] k, float[] v) { return pack(s, p, q, k, v, false); }

    /** As {@link #pack(AttentionShape, Precision, float[], float[], float[])}; {@code qFragments} (bf16) stores Q in fragment order. */
    static MmaOperands pack(AttentionShape s, Precision p, float[] q, float[] k, float[] v, boolean qFragments) {
        int seqPad = seqPad(s.seqLen()), dPad = dPad(s.headDim());
        long padded = (long) s.heads() * seqPad * dPad;
        if (padded > Integer.MAX_VALUE - 8) {
            // element() indexes Q in ints; the bf16 pairs would fit a Java array, their indices would not.
            throw new IllegalArgumentException("Q padded for the tensor cores, (heads, seqPad, dPad) = (" + s.heads() + ", " + seqPad + ", "
                    + dPad + "), has " + padded + " elements, over the " + (Integer.MAX_VALUE - 8) + " that int indices reach (precision "
                    + p.id() + "); pack fewer heads at a time (PrefillLauncher splits the heads to fit the device)");
        }
        int n = s.seqLen(), d = s.headDim(), slabs = seqPad / SLAB;
        boolean bf16 = p == Precision.BF16;
        int qn = s.heads() * seqPad * dPad, kvn = s.kvHeads() * seqPad * dPad;
        int[] qb = new int[bf16 ? qn / 2 : 1], kb = new int[bf16 ? kvn / 2 : 1], vb = new int[bf16 ? kvn / 2 : 1];
        float[] qf = new float[bf16 ? 1 : qn], kf = new float[bf16 ? 1 : kvn], vf = new float[bf16 ? 1 : kvn];
        Store qs = store(p, qb, qf), ks = store(p, kb, kf), vs = store(p, vb, vf);
        // Parallel over 64-row slabs of every head (a head at a time would leave one core busy at 1M tokens).
        // (heads, n, d) -> (heads, seqPad, dPad); V (kvHeads, n, d) -> V^T (kvHeads, dPad, seqPad)
        boolean frag = qFragments && bf16;
        IntStream.range(0, s.heads() * slabs).parallel().forEach(w -> rows(q, qs, w / slabs, (w % slabs) * SLAB, n, seqPad, d, dPad, frag));
        IntStream.range(0, s.kvHeads() * slabs).parallel().forEach(w -> {
            int h = w / slabs, t0 = (w % slabs) * SLAB;
            rows(k, ks, h, t0, n, seqPad, d, dPad, false);
            for (int c = 0; c < d; c++) {
                for (int t = t0; t < Math.min(t0 + SLAB, n); t++) vs.at((h * dPad + c) * seqPad + t, v[(h * n + t) * d + c]);
            }
        });
        return new MmaOperands(seqPad, dPad, qb, kb, vb, qf, kf, vf);
    }

    /**
     * Where the element (head h, row t, dim c) of Q or K is stored. Row-major, or (Q with {@link MmaTraits#qFromL1}) in
     * fragment order: the bf16 mma's
     * A-fragment of a lane holds, in this order, words (2-dim pairs) i = 0 and 1 of its 16-byte chunk of
     * row r and of row r + 8, then words 2 and 3 of both (r = t % 16 < 8 within a 16-row tile). Stored
     * so, one 16-byte load is one fragment: words i of rows r + 8e go to row r + 8 (i / 2) of the tile,
     * word 2 (i % 2) + e of the same chunk. A permutation within each 16-row tile and 16-byte chunk, so
     * padding and 64-row slabs keep their rows.
     */
    static int element(int seqPad, int dPad, int h, int t, int c, boolean fragmentOrder) {
        if (!fragmentOrder) return (h * seqPad + t) * dPad + c;
        int word = c >> 1, i = word & 3, e = (t >> 3) & 1;
        int row = (t & ~15) | ((i >> 1) << 3) | (t & 7);
        int col = (((word & ~3) | ((i & 1) << 1) | e) << 1) | (c & 1);
        return (h * seqPad + row) * dPad + col;
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

    private static void rows(float[] src, Store dst, int h, int t0, int n, int seqPad, int d, int dPad, boolean fragmentOrder) {
        for (int t = t0; t < Math.min(t0 + SLAB, n); t++) {
            for (int c = 0; c < d; c++) dst.at(element(seqPad, dPad, h, t, c, fragmentOrder), src[(h * n + t) * d + c]);
        }
    }

    /** The padded length: a multiple of the largest query tile. */
    static int seqPad(int seqLen) { return roundUp(seqLen, MmaPrefillSource.MAX_BM); }

    /** The padded head dim: a multiple of the mma's k-step. */
    static int dPad(int headDim) { return roundUp(headDim, MmaPrefillSource.D_ALIGN); }

    static int roundUp(int x, int m) { return (x + m - 1) / m * m; }
}
