package dev.longsight.job.probe;

/** Rotary position embedding (RoFormer): pair i of a vector at position t turns by t * 10000^(-2i/dim). */
final class Rotary {
    private Rotary() {}

    /** (n, dim/2, 2) cos and sin of every position and pair. */
    static float[] table(int n, int dim) {
        int pairs = dim / 2;
        float[] tab = new float[n * pairs * 2]; // (n, pairs, 2) cos, sin
        for (int i = 0; i < pairs; i++) {
            double freq = Math.pow(10000, -2.0 * i / dim);
            for (int t = 0; t < n; t++) {
                double a = t * freq;
                tab[(t * pairs + i) * 2] = (float) Math.cos(a);
                tab[(t * pairs + i) * 2 + 1] = (float) Math.sin(a);
            }
        }
        return tab;
    }

    /** Rotates x (dim) in place by position t's angles. */
    static void apply(float[] tab, int t, float[] x, int dim) {
        int pairs = dim / 2;
        for (int i = 0; i < pairs; i++) {
            float cos = tab[(t * pairs + i) * 2], sin = tab[(t * pairs + i) * 2 + 1];
            float a = x[2 * i], b = x[2 * i + 1];
            x[2 * i] = a * cos - b * sin;
            x[2 * i + 1] = a * sin + b * cos;
        }
    }
}
