package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitStatsTest {
    @Test
    void accuraciesCountOkUnitsOnlyAndThroughputDividesSums() {
        UnitStats s = new UnitStats();
        s.add(SyntheticResults.ok("p", 1000, 0, 0, 3, true, true, 100, "e1", "gpu A"));
        s.add(SyntheticResults.ok("p", 1000, 0, 1, 3, false, true, 300, "e1", "gpu A"));
        s.add(SyntheticResults.ok("p", 1000, 0, 2, 3, true, false, 200, "e2", "gpu B"));
        s.add(SyntheticResults.failed("p", 1000, 0, "e2", "boom"));
        assertEquals(4, s.units());
        assertEquals(3, s.ok());
        assertEquals(2 / 3.0, s.accuracy(), 1e-12);
        assertEquals(2 / 3.0, s.rfAccuracy(), 1e-12);
        assertEquals(200, s.meanKernelMs(), 1e-9);
        double wallMs = (100 + 300 + 200) * 1.3 + 15;
        assertEquals(3000 / (wallMs / 1000), s.tokensPerSecond(), 1e-6);
        double flops = 3 * 4.0 * 128 * (1000L * 1000 * 8 * 3 / 2);
        assertEquals(flops / 0.6 / 1e12, s.tflops(), 1e-9);
        assertEquals(Map.of("gpu A", 2, "gpu B", 1), s.devices());
    }

    @Test
    void emptyGroupsGiveNaNNotZero() {
        UnitStats s = new UnitStats();
        s.add(SyntheticResults.failed("p", 1000, 0, "e", "x"));
        assertTrue(Double.isNaN(s.accuracy()) && Double.isNaN(s.tokensPerSecond()) && Double.isNaN(s.tflops()));
    }

    @Test
    void groupsInOnePass() {
        Map<String, UnitStats> by = UnitStats.groupBy(List.of(
                SyntheticResults.ok("a", 1, 0, 0, 3, true, true, 1, "e", "d"),
                SyntheticResults.ok("b", 1, 0, 0, 3, true, true, 1, "e", "d"),
                SyntheticResults.ok("a", 1, 0, 1, 3, false, true, 1, "e", "d")), r -> r.pattern());
        assertEquals(2, by.get("a").units());
        assertEquals(0.5, by.get("a").accuracy());
        assertEquals(1, by.get("b").units());
    }
}
