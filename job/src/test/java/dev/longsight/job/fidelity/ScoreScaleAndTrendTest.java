package dev.longsight.job.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fidelity sweep's score scale and its trend fit. */
class ScoreScaleAndTrendTest {
    @Test
    void scoreScaleParsesFixedAndLogForms() {
        assertEquals(3.0, ScoreScale.parse("3").std(1000));
        assertEquals(Math.sqrt(1.5 * Math.log(4096)), ScoreScale.parse("ln:1.5").std(4096), 1e-12);
        for (String bad : new String[] {"", "-1", "ln:", "ln:-2", "abc", "NaN"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ScoreScale.parse(bad));
            assertTrue(e.getMessage().startsWith("option '--score-std'"), e.getMessage());
        }
    }

    @Test
    void trendFitsTheExponentAndIgnoresNoise() {
        List<Integer> ns = List.of(1024, 2048, 4096, 8192);
        Trend t = Trend.of(ns, ns.stream().map(n -> 3.0 / Math.sqrt(n)).toList());
        assertEquals(-0.5, t.slope(), 1e-9);
        assertTrue(t.verdict().startsWith("falls"));
        assertTrue(Trend.of(ns, List.of(0.3, 0.3, 0.31, 0.3)).verdict().startsWith("flat"));
        assertTrue(Trend.of(ns, List.of(1e-7, 1e-7, 1e-7, 0.2)).verdict().startsWith("too few"));
    }
}
