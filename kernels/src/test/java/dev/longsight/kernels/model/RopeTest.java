package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RopeTest {
    /**
     * Llama 3.1 8B (head_dim 128, rope_theta 500000, factor 8, low 1, high 4, original context 8192):
     * wavelengths under 2048 are kept, over 8192 divided by 8, between them interpolated. By hand for
     * i = 32: inv = 500000^(-64/128) = 1/707.107 = 0.00141421; wavelength 2 pi / inv = 4442.88;
     * smooth = (8192 / 4442.88 - 1) / (4 - 1) = 0.281282; (1 - smooth) inv / 8 + smooth inv = 0.000524846.
     */
    @Test
    void llama3ScalingMatchesHandComputedFrequencies() {
        double[] inv = Rope.inverseFrequencies(128, 500000, new RopeScaling(8, 1, 4, 8192));
        assertEquals(64, inv.length);
        assertEquals(1.0, inv[0], 1e-15);                                 // wavelength 6.3: kept
        assertEquals(0.8146172338565447, inv[1], 1e-15);                  // 500000^(-2/128): kept
        assertEquals(0.003211445994752591, inv[28], 1e-15);               // wavelength 1956 < 2048: kept
        assertEquals(0.0021311195369119653, unscaled(30), 1e-15);
        assertEquals(0.0013718935677611381, inv[30], 1e-12);              // wavelength 2948: interpolated
        assertEquals(0.000524846, inv[32], 1e-9);                          // the hand computation above
        assertEquals(0.00017850781276799638, inv[34], 1e-12);             // interpolated, wavelength 6695
        assertEquals(0.0007644969883171747 / 8, inv[35], 1e-15);          // wavelength 8219 > 8192: divided by 8
        assertEquals(2.455140791131609e-06 / 8, inv[63], 1e-18);
    }

    private static double unscaled(int i) { return Math.pow(500000, -2.0 * i / 128); }

    @Test
    void withoutScalingTheFrequenciesAreThetaPowers() {
        double[] inv = Rope.inverseFrequencies(8, 10000, null);
        assertEquals(1.0, inv[0], 0);
        assertEquals(0.1, inv[1], 1e-15);
        assertEquals(0.01, inv[2], 1e-15);
        assertEquals(0.001, inv[3], 1e-15);
    }

    /** transformers' q * cos + rotate_half(q) * sin, with rotate_half(x) = cat(-x[d/2:], x[:d/2]) and cos, sin of cat(freqs, freqs). */
    @Test
    void rotatesAsRotateHalfDoes() {
        double[] inv = {0.7, 0.05};
        double[] x = {1, 2, 3, 4, 5, 6}; // offset 2: the head is {3, 4, 5, 6}
        Rope.apply(x, 2, 3, inv);
        double[] q = {3, 4, 5, 6}, rotated = {-5, -6, 3, 4};
        double[] angle = {3 * 0.7, 3 * 0.05, 3 * 0.7, 3 * 0.05};
        assertEquals(1, x[0], 0);
        assertEquals(2, x[1], 0);
        for (int i = 0; i < 4; i++) assertEquals(q[i] * Math.cos(angle[i]) + rotated[i] * Math.sin(angle[i]), x[2 + i], 1e-15);
    }
}
