package dev.longsight.kernels.model;

import java.util.function.BiPredicate;

/**
 * A second, independent forward for tests: token by token with a key/value cache, as a decoder
 * generates, every product a scalar loop over named indices, RoPE as a rotation of each pair
 * (i, i + headDim/2). Shares nothing with {@link ReferenceLlama} but the weights.
 */
final class NaiveLlama {
    private NaiveLlama() {}

    /** Logits at {@code positions} when query {@code i} attends key {@code j <= i} where {@code attends(i, j)}. */
    static double[][] logits(LlamaWeights w, int[] tokens, int[] positions, BiPredicate<Integer, Integer> attends) {
        ModelConfig c = w.config();
        int n = tokens.length, hid = c.hiddenSize(), d = c.headDim(), half = d / 2, ff = c.intermediateSize();
        double[] inv = new double[half];
        if (c.ropeScaling() == null) {
            for (int i = 0; i < half; i++) inv[i] = Math.pow(c.ropeTheta(), -2.0 * i / d);
        } else {
            inv = Rope.inverseFrequencies(d, c.ropeTheta(), c.ropeScaling()); // checked against hand values in RopeTest
        }
        double[][][][] kCache = new double[c.numLayers()][n][c.numKvHeads()][d]; // [layer][position][kvHead][dim]
        double[][][][] vCache = new double[c.numLayers()][n][c.numKvHeads()][d];
        double[][] out = new double[positions.length][];
        for (int t = 0; t < n; t++) {
            double[] x = new double[hid];
            for (int e = 0; e < hid; e++) x[e] = w.embed()[tokens[t] * hid + e];
            for (int l = 0; l < c.numLayers(); l++) {
                LlamaWeights.Layer L = w.layers()[l];
                double[] xn = norm(x, L.inputNorm(), c.rmsNormEps());
                for (int g = 0; g < c.numKvHeads(); g++) {
                    for (int e = 0; e < d; e++) {
                        int row = g * d + e;
                        kCache[l][t][g][e] = dot(L.wk(), row, xn) + (L.bk() == null ? 0 : L.bk()[row]);
                        vCache[l][t][g][e] = dot(L.wv(), row, xn) + (L.bv() == null ? 0 : L.bv()[row]);
                    }
                    rotate(kCache[l][t][g], t, inv);
                }
                double[] heads = new double[c.numHeads() * d];
                for (int hd = 0; hd < c.numHeads(); hd++) {
                    double[] q = new double[d];
                    for (int e = 0; e < d; e++) q[e] = dot(L.wq(), hd * d + e, xn) + (L.bq() == null ? 0 : L.bq()[hd * d + e]);
                    rotate(q, t, inv);
                    int g = hd * c.numKvHeads() / c.numHeads();
                    double[] weight = new double[t + 1];
                    double total = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= t; j++) {
                        if (!attends.test(t, j)) continue;
                        double s = 0;
                        for (int e = 0; e < d; e++) s += q[e] * kCache[l][j][g][e];
                        max = Math.max(max, s / Math.sqrt(d));
                    }
                    for (int j = 0; j <= t; j++) {
                        if (!attends.test(t, j)) continue;
                        double s = 0;
                        for (int e = 0; e < d; e++) s += q[e] * kCache[l][j][g][e];
                        weight[j] = Math.exp(s / Math.sqrt(d) - max);
                        total += weight[j];
                    }
                    for (int j = 0; j <= t; j++) {
                        for (int e = 0; e < d; e++) heads[hd * d + e] += weight[j] / total * vCache[l][j][g][e];
                    }
                }
                for (int e = 0; e < hid; e++) x[e] += dot(L.wo(), e, heads) + (L.bo() == null ? 0 : L.bo()[e]);
                double[] xm = norm(x, L.postNorm(), c.rmsNormEps());
                double[] act = new double[ff];
                for (int f = 0; f < ff; f++) {
                    double gate = dot(L.wGate(), f, xm);
                    act[f] = gate * (1 / (1 + Math.exp(-gate))) * dot(L.wUp(), f, xm);
                }
                for (int e = 0; e < hid; e++) x[e] += dot(L.wDown(), e, act);
            }
            for (int r = 0; r < positions.length; r++) {
                if (positions[r] != t) continue;
                double[] xf = norm(x, w.finalNorm(), c.rmsNormEps());
                out[r] = new double[c.vocabSize()];
                for (int v = 0; v < c.vocabSize(); v++) out[r][v] = dot(w.lmHead(), v, xf);
            }
        }
        return out;
    }

    /** Row {@code row} of a row-major matrix with {@code x.length} columns, times x. */
    private static double dot(float[] m, int row, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += m[row * x.length + i] * x[i];
        return s;
    }

    private static double[] norm(double[] x, float[] gain, double eps) {
        double ms = 0;
        for (double v : x) ms += v * v / x.length;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = gain[i] * x[i] / Math.sqrt(ms + eps);
        return y;
    }

    private static void rotate(double[] v, int position, double[] inv) {
        int half = v.length / 2;
        for (int i = 0; i < half; i++) {
            double re = v[i], im = v[i + half]; // (re + i im) * e^{i position inv[i]}
            double a = position * inv[i];
            v[i] = re * Math.cos(a) - im * Math.sin(a);
            v[i + half] = re * Math.sin(a) + im * Math.cos(a);
        }
    }
}
