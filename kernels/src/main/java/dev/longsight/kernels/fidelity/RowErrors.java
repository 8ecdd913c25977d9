package dev.longsight.kernels.fidelity;

/**
 * Per query row, how far a sparse attention output is from exact attention, for one head.
 * Every array is (rows) over query rows {@code [0, rows)}.
 *
 * <p>Dropped mass: the sparse row attends a subset S of the exact row's keys, so
 * {@code sum_{j in S} exp(s_j) / sum_j exp(s_j) = exp(lseSparse - lseExact)} and the softmax mass it
 * drops, {@code 1 - exp(lseSparse - lseExact)}, is also the total-variation distance between the
 * two attention rows (the sparse row is the exact row conditioned on S). It is computed from the
 * kernels' fp32 LSE, so values below about 1e-6 are rounding noise; it is clamped to [0, 1].
 */
public record RowErrors(double[] droppedMass, double[] relL2, double[] maxAbs, double[] meanAbs) {

    /**
     * Compares rows of one head: o arrays (rows, headDim) and lse arrays (rows), row-major.
     * {@code relL2 = |o_s - o_e|_2 / |o_e|_2} (0 when both are zero).
     */
    public static RowErrors compare(int rows, int headDim, float[] oExact, float[] lseExact, float[] oSparse, float[] lseSparse) {
        if (oExact.length < (long) rows * headDim || oSparse.length < (long) rows * headDim
                || lseExact.length < rows || lseSparse.length < rows) {
            throw new IllegalArgumentException("arrays shorter than rows x headDim = " + rows + " x " + headDim);
        }
        double[] dropped = new double[rows], rel = new double[rows], maxAbs = new double[rows], meanAbs = new double[rows];
        for (int i = 0; i < rows; i++) {
            dropped[i] = droppedMass(lseExact[i], lseSparse[i]);
            double diff2 = 0, ref2 = 0, mx = 0, sum = 0;
            for (int c = 0; c < headDim; c++) {
                double e = oExact[i * headDim + c], s = oSparse[i * headDim + c];
                double a = Math.abs(s - e);
                diff2 += a * a;
                ref2 += e * e;
                mx = Math.max(mx, a);
                sum += a;
            }
            rel[i] = ref2 == 0 ? (diff2 == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff2 / ref2);
            maxAbs[i] = mx;
            meanAbs[i] = sum / headDim;
        }
        return new RowErrors(dropped, rel, maxAbs, meanAbs);
    }

    /** {@code 1 - exp(lseSparse - lseExact)} clamped to [0, 1]; expm1 keeps small masses accurate. */
    public static double droppedMass(double lseExact, double lseSparse) {
        double m = -Math.expm1(lseSparse - lseExact);
        return Math.min(1, Math.max(0, m));
    }

    public int rows() { return droppedMass.length; }
}
