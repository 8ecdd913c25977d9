package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonTest {
    @Test
    void matchesPublishedValues() {
        // Newcombe (1998), Table I: 81 of 263 -> [0.2553, 0.3662]; 15 of 148 -> [0.0624, 0.1605]
        double[] a = Wilson.interval(81, 263), b = Wilson.interval(15, 148);
        assertEquals(0.2553, a[0], 5e-5);
        assertEquals(0.3662, a[1], 5e-5);
        assertEquals(0.0624, b[0], 5e-5);
        assertEquals(0.1605, b[1], 5e-5);
    }

    @Test
    void allOrNothingKeepsTheExactEndAndAWideOtherEnd() {
        // 5 of 5: the lower end is n / (n + z^2) = 5 / 8.8415
        double[] all = Wilson.interval(5, 5), none = Wilson.interval(0, 5);
        assertEquals(1.0, all[1]);
        assertEquals(5 / (5 + Wilson.Z95 * Wilson.Z95), all[0], 1e-12);
        assertEquals(0.0, none[0]);
        assertEquals(1 - all[0], none[1], 1e-12);
    }

    @Test
    void narrowsWithMoreUnitsAndIsSymmetric() {
        double[] small = Wilson.interval(5, 10), large = Wilson.interval(500, 1000);
        assertTrue(large[1] - large[0] < (small[1] - small[0]) / 5);
        assertEquals(1 - small[1], small[0], 1e-12);
    }

    @Test
    void undefinedWithoutUnitsAndRejectsImpossibleCounts() {
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, Wilson.interval(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(3, 2));
    }
}
