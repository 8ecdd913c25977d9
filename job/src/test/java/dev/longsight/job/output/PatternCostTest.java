package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatternCostTest {
    @Test
    void fullAttentionIsDenseOnALengthThatIsNotAMultipleOfTheBlock() {
        // 10 tokens in blocks of 4, 4 and 2: 55 causal pairs; rows keep 1, 2 and 3 blocks
        PatternCost c = PatternCost.of("full", 10, 4).orElseThrow();
        assertEquals(55, c.causalPairs());
        assertEquals(55, c.keptPairs());
        assertEquals(1.0, c.density());
        assertEquals(2.0, c.blocksPerRow());
    }

    @Test
    void aOneBlockWindowKeepsOnlyTheCausalDiagonalBlocks() {
        // blocks of 4, 4, 2 tokens, each attending itself causally: 10 + 10 + 3 pairs
        PatternCost c = PatternCost.of("sliding:window=1,sink=0", 10, 4).orElseThrow();
        assertEquals(23, c.keptPairs());
        assertEquals(23.0 / 55, c.density(), 1e-15);
        assertEquals(1.0, c.blocksPerRow());
    }

    @Test
    void powerAtThePapersBudgetKeepsAboutTenBlocksARow() {
        // 32K tokens, 256-token blocks: 128 rows of at most 10 blocks (design section 3)
        PatternCost c = PatternCost.of("paper-power", 32768, 256).orElseThrow();
        assertTrue(c.blocksPerRow() > 8 && c.blocksPerRow() <= 10, "blocks per row " + c.blocksPerRow());
        // every block is whole: each row keeps its diagonal (256 * 257 / 2 pairs) and blocksPerRow - 1 full blocks
        assertEquals(128 * ((c.blocksPerRow() - 1) * 256 * 256 + 256 * 257 / 2.0) / (32768.0 * 32769 / 2), c.density(), 1e-12);
    }

    @Test
    void aSpecThatIsNotAStaticPatternHasNoCost() {
        assertTrue(PatternCost.of("dilated(4)", 4096, 64).isEmpty());
        assertTrue(PatternCost.of("full", 4096, 0).isEmpty(), "no block size: nothing was run");
    }
}
