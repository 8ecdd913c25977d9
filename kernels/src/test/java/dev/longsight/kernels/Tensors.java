package dev.longsight.kernels;

import java.util.SplittableRandom;

/** Seeded random tensors for tests. */
public final class Tensors {
    private Tensors() {}

    public static float[] gaussian(int size, long seed, double std) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            // Box-Muller keeps this independent of java.util.Random's implementation.
            double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
            a[i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return a;
    }
}
