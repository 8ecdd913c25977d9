package dev.longsight.kernels.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Layout properties for every pattern and preset. */
class BlockLayoutTest {

    static List<String> specs() {
        List<String> s = new ArrayList<>();
        Patterns.entries().forEach(e -> s.add(e.name()));
        s.addAll(Patterns.presetNames());
        s.add("sliding:window=2,sink=0|power:window=1,sink=0");
        return s;
    }

    @ParameterizedTest
    @MethodSource("specs")
    void causalDiagonalAndCountsMatchTheRule(String spec) {
        Pattern p = Patterns.parse(spec);
        int seqLen = 1000, block = 16; // 63 blocks, last one short
        BlockLayout l = BlockLayout.of(p, seqLen, block);
        assertEquals(63, l.numQBlocks());
        long pairs = 0;
        for (int q = 0; q < l.numQBlocks(); q++) {
            int[] row = l.row(q);
            assertEquals(q, row[row.length - 1], "diagonal last in row " + q);
            int expected = 1;
            for (int k = 0; k < q; k++) if (p.keeps(q, k)) expected++;
            assertEquals(expected, row.length, "row " + q + " count");
            for (int i = 0; i < l.fullKvNumBlocks(q); i++) assertTrue(l.fullKvIndex(q, i) < q);
            assertEquals(1, l.kvNumBlocks(q));
            assertEquals(q, l.kvIndex(q, 0));
        }
        // pairs() agrees with a token-level count.
        for (int i = 0; i < seqLen; i++) {
            for (int kb : l.row(i / block)) {
                for (int j = kb * block; j < Math.min(seqLen, (kb + 1) * block); j++) if (j <= i) pairs++;
            }
        }
        assertEquals(pairs, l.pairs());
    }

    @ParameterizedTest
    @MethodSource("dev.longsight.kernels.pattern.PatternsTest#presetBudgets")
    void presetsStayWithinThePapersBudget(String preset, int maxBlocks) {
        BlockLayout l = BlockLayout.of(Patterns.parse(preset), 32768, 256);
        assertTrue(l.maxBlocksPerRow() <= maxBlocks, preset + " has " + l.maxBlocksPerRow() + " blocks in a row");
    }

    @Test
    void fullPairsAreTheCausalTriangle() {
        BlockLayout l = BlockLayout.of(Patterns.parse("full"), 1001, 64);
        assertEquals(1001L * 1002 / 2, l.pairs());
    }

    @Test
    void fromRowsEqualsTheConverter() {
        Pattern p = Patterns.parse("paper-power");
        BlockLayout a = BlockLayout.of(p, 777, 32);
        int[][] rows = new int[a.numQBlocks()][];
        for (int q = 0; q < rows.length; q++) rows[q] = a.row(q);
        BlockLayout b = BlockLayout.fromRows(777, 32, rows);
        assertArrayEquals(a.mergedIndices(), b.mergedIndices());
        assertArrayEquals(a.mergedOffsets(), b.mergedOffsets());
    }

    @Test
    void rejectsNonCausalOrUnsortedRows() {
        assertThrows(IllegalArgumentException.class,
                () -> new BlockLayout(32, 16, new int[] {0, 1, 1}, new int[] {1}, new int[] {0, 1, 2}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new BlockLayout(48, 16, new int[] {0, 0, 0, 2}, new int[] {1, 0}, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new BlockLayout(32, 16, new int[] {0, 0, 0}, new int[] {}, new int[] {0, 1, 1}, new int[] {0}));
    }
}
