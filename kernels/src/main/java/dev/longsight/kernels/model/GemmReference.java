package dev.longsight.kernels.model;

import dev.longsight.kernels.io.HalfFloats;

/**
 * The exact product of {@code ls_gemm_bf16}'s operands: C (m, n) = A (m, k) x W (n, k)^T with the bf16
 * values of the packed inputs, summed in double (every bf16 product is exact in double, so the only rounding is
 * the sum's, far below fp32's). Also the packing both use.
 */
public final class GemmReference {
    private GemmReference() {}

    /**
     * @param a (m, k) bf16 pairs, row stride lda elements: element (r, i) in half i % 2 of a[(r * lda + i) / 2]
     * @param w (n, k) bf16 pairs, row stride ldw elements, starting at int wOff
     * @return (m, n) row-major
     */
    public static double[] multiply(int[] a, int lda, int[] w, int wOff, int ldw, int m, int n, int k) {
        double[] c = new double[m * n];
        double[] row = new double[k];
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < k; i++) row[i] = element(a, 0, lda, r, i);
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) s += row[i] * element(w, wOff, ldw, j, i);
                c[r * n + j] = s;
            }
        }
        return c;
    }

    /** For each output, the sum of |a| |w| over k: the scale of fp32 accumulation's error. */
    public static double[] absProducts(int[] a, int lda, int[] w, int wOff, int ldw, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int r = 0; r < m; r++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < k; i++) s += Math.abs(element(a, 0, lda, r, i) * element(w, wOff, ldw, j, i));
            c[r * n + j] = s;
        }
        return c;
    }

    /** Element (r, i) of a bf16-pair matrix with row stride ld elements, starting at int off. */
    public static float element(int[] x, int off, int ld, int r, int i) {
        int e = r * ld + i;
        return Float.intBitsToFloat((x[off + (e >> 1)] >>> (16 * (e & 1))) << 16);
    }

    /** Packs fp32 values (rows, cols) row-major into bf16 pairs, round to nearest even, row stride cols. */
    public static int[] pack(float[] x) {
        if (x.length % 2 != 0) throw new IllegalArgumentException("an odd number of elements cannot fill bf16 pairs: " + x.length);
        int[] p = new int[x.length / 2];
        for (int i = 0; i < p.length; i++) p[i] = (bf16(x[2 * i]) & 0xffff) | (bf16(x[2 * i + 1]) << 16);
        return p;
    }

    private static int bf16(float f) { return HalfFloats.floatToBfloat16(f) & 0xffff; }
}
