package dev.longsight.job.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void linearTicksAreRoundAndCoverTheRange() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, Ticks.linear(0, 1, 5), 0);
        assertArrayEquals(new double[] {0, 20, 40, 60, 80}, Ticks.linear(0, 73, 5), 0);
        assertArrayEquals(new double[] {-10, -5, 0, 5}, Ticks.linear(-7, 3, 3), 0);
    }

    @Test
    void logTicksAreDecadesWithFineStepsOverShortRanges() {
        assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, Ticks.log(3e-4, 0.5), 0);
        assertArrayEquals(new double[] {100, 200, 500, 1000, 2000, 5000, 10000}, Ticks.log(150, 9000), 0);
        assertArrayEquals(new double[] {10, 20, 50, 100}, Ticks.log(30, 30), 0);
    }
}
