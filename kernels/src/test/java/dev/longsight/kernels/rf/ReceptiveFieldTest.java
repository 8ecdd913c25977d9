package dev.longsight.kernels.rf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    @Test
    void paperSlidingAt32kOneLayerIsTenOf128() {
        BlockLayout l = BlockLayout.of(Patterns.parse("paper-sliding"), 32768, 256);
        assertEquals(10.0 / 128, ReceptiveField.coverage(l, new int[] {1})[0], 1e-12);
    }

    @Test
    void slidingGrowsLinearlyWithLayers() {
        BlockLayout l = BlockLayout.of(Patterns.parse("sliding:window=4,sink=0"), 64 * 100, 64);
        double[] c = ReceptiveField.coverage(l, new int[] {1, 2, 3});
        // window 4 reaches 3 new blocks per hop.
        assertEquals(4 / 100.0, c[0], 1e-12);
        assertEquals(7 / 100.0, c[1], 1e-12);
        assertEquals(10 / 100.0, c[2], 1e-12);
    }

    @Test
    void powerReachesTwoToTheLBlocksAfterLLayers() {
        int blocks = 1 << 12;
        BlockLayout l = BlockLayout.of(Patterns.parse("power:window=1,sink=0"), blocks * 16, 16);
        int[] layers = {1, 2, 3, 4, 5, 6};
        double[] c = ReceptiveField.coverage(l, layers);
        for (int i = 0; i < layers.length; i++) {
            // distances reachable in L hops of powers of two: all sums of <= L powers of two below 2^12.
            long expected = 0;
            for (int dist = 0; dist < blocks; dist++) if (Integer.bitCount(dist) <= layers[i]) expected++;
            assertEquals(expected, Math.round(c[i] * blocks), "layers " + layers[i]);
        }
        // 12 layers cover everything: log2(4096).
        assertEquals(1.0, ReceptiveField.coverage(l, new int[] {12})[0], 1e-12);
        assertTrue(ReceptiveField.coverage(l, new int[] {11})[0] < 1.0);
    }

    @Test
    void fullIsOneHopEverywhere() {
        BlockLayout l = BlockLayout.of(Patterns.parse("full"), 1000, 64);
        assertEquals(1.0, ReceptiveField.coverage(l, new int[] {1})[0], 1e-12);
    }

    @Test
    void millionTokensWith64TokenBlocksIsFast() {
        long t0 = System.nanoTime();
        BlockLayout l = BlockLayout.of(Patterns.parse("paper-power"), 1 << 20, 64);
        double[] c = ReceptiveField.coverage(l, new int[] {1, 2, 4});
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(c[2] > c[1] && c[1] > c[0], "coverage grows");
        // A loose bound that only a token-pair algorithm would break (measured ~1 s on 2 cores).
        assertTrue(seconds < 30, "took " + seconds + " s");
    }
}
