package dev.longsight.kernels.bench;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded standard-normal inputs, generated in parallel (128K-token tensors hold 134M floats). */
final class BenchInputs {
    private BenchInputs() {}

    private static final int CHUNK = 1 << 20;

    static float[] gaussian(int size, long seed) {
        float[] a = new float[size];
        IntStream.range(0, (size + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c);
            for (int i = c * CHUNK, end = Math.min(size, i + CHUNK); i < end; i++) {
                double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
                a[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
            }
        });
        return a;
    }
}
