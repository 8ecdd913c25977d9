package dev.longsight.kernels.model;

/**
 * Rotary position embeddings in Hugging Face's convention ({@code rotate_half}): dimension {@code i} of
 * the first half pairs with dimension {@code i + headDim/2}, both turned by {@code position * invFreq[i]}.
 */
public final class Rope {
    private Rope() {}

    /** The inverse frequencies {@code theta^(-2i/headDim)}, with Llama 3.1's scaling when given. */
    public static double[] inverseFrequencies(int headDim, double theta, RopeScaling scaling) { // -> (headDim / 2)
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
        if (scaling == null) return inv;
        double lowFreqWavelen = scaling.originalMaxPositionEmbeddings() / scaling.lowFreqFactor();
        double highFreqWavelen = scaling.originalMaxPositionEmbeddings() / scaling.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            double wavelen = 2 * Math.PI / inv[i];
            if (wavelen > lowFreqWavelen) {
                inv[i] /= scaling.factor();
            } else if (wavelen >= highFreqWavelen) { // between the two: interpolate (transformers' _compute_llama3_parameters)
                double smooth = (scaling.originalMaxPositionEmbeddings() / wavelen - scaling.lowFreqFactor())
                        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                inv[i] = (1 - smooth) * inv[i] / scaling.factor() + smooth * inv[i];
            }
        }
        return inv;
    }

    /** Rotates one head vector {@code x[offset .. offset + 2 * invFreq.length)} in place for a position. */
    public static void apply(double[] x, int offset, int position, double[] invFreq) {
        int half = invFreq.length;
        for (int i = 0; i < half; i++) {
            double angle = position * invFreq[i];
            double cos = Math.cos(angle), sin = Math.sin(angle);
            double a = x[offset + i], b = x[offset + half + i];
            x[offset + i] = a * cos - b * sin;
            x[offset + half + i] = b * cos + a * sin;
        }
    }
}
