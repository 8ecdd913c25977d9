package dev.longsight.kernels.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.reference.ExactAttention;
import dev.longsight.kernels.attention.AttentionShape;
import org.junit.jupiter.api.Test;

class TopkSelectorTest {

    @Test
    void selectsHighestScoresKeepsDiagonalAndBreaksTiesTowardsRecent() {
        int nb = 5;
        float[] s = new float[nb * nb];
        java.util.Arrays.fill(s, -3e38f);
        float[][] rows = {{0}, {1, 0}, {5, -1, 0}, {2, 2, -7, 0}, {-1, 9, -2, 8, 0}};
        for (int q = 0; q < nb; q++) for (int k = 0; k <= q; k++) s[q * nb + k] = rows[q][k];
        BlockLayout l = TopkSelector.select(s, 0, 5 * 4 - 1, 4, 3);
        assertArrayEquals(new int[] {0}, l.row(0));
        assertArrayEquals(new int[] {0, 1}, l.row(1));
        assertArrayEquals(new int[] {0, 1, 2}, l.row(2));
        assertArrayEquals(new int[] {0, 1, 3}, l.row(3)); // tie 2 vs 2 between blocks 0 and 1: 1 is more recent, but both fit
        assertArrayEquals(new int[] {1, 3, 4}, l.row(4));
        BlockLayout l2 = TopkSelector.select(s, 0, 20, 4, 2);
        assertArrayEquals(new int[] {1, 3}, l2.row(3)); // the tie goes to the more recent block
        assertThrows(IllegalArgumentException.class, () -> TopkSelector.select(s, 0, 20, 4, 0));
    }

    @Test
    void budgetsFollowTheirFormulas() {
        assertEquals(8, Budget.constant(8).blocks(100));
        assertEquals(4, Budget.constant(8).blocks(4));
        assertEquals((int) Math.ceil(2 * Math.log(1024)), Budget.log(2).blocks(1024));
        assertEquals(32, Budget.power(1, 0.5).blocks(1024));
        assertEquals(1, Budget.power(0.1, 0.5).blocks(4));
        assertEquals(64, Budget.power(2, 0.5).blocks(1024));
    }

    @Test
    void dynamicSpecsParseRoundTripAndRejectBadInput() {
        for (String spec : new String[] {"topk:k=8", "topk:c=2,log", "topk:alpha=1,C=0.5", "window:alpha=0.5,C=0.75,mean", "window:k=3"}) {
            assertEquals(spec, DynamicSpec.parse(spec).spec());
            assertTrue(DynamicSpec.isDynamic(spec));
        }
        assertTrue(!DynamicSpec.isDynamic("sliding:window=3"));
        String[][] bad = {
            {"topk", "budget is required"}, {"topk:", "budget is required"}, {"topk:c=2", "exactly one budget form"},
            {"topk:k=0", "positive integer"}, {"topk:k=x", "positive integer"}, {"topk:alpha=1", "exactly one"},
            {"topk:alpha=1,C=1.5", "(0, 1]"}, {"topk:alpha=-1,C=0.5", "> 0"}, {"topk:k=3,mean", "unknown flag 'mean'"},
            {"topk:q=3", "unknown key 'q'"}, {"topk:k=3,k=4", "twice"}, {"topk:k=3,c=2,log", "exactly one"},
            {"topk:alpha=a,C=0.5", "alpha must be a number"},
        };
        for (String[] b : bad) {
            var e = assertThrows(IllegalArgumentException.class, () -> DynamicSpec.parse(b[0]), b[0]);
            assertTrue(e.getMessage().contains("'" + b[0] + "'") && e.getMessage().contains(b[1]), e.getMessage());
        }
        DynamicSpec mean = DynamicSpec.parse("window:alpha=1,C=0.5,mean").resolveMean(new int[] {16, 64, 256});
        // adaptive k = 4, 8, 16 blocks cost 3.625, 7.5625, 15.53 blocks a row (mean 8.91); a fixed 10 costs 7.19, 9.30, 9.82 (8.77)
        assertEquals("window:k=10", mean.spec());
        assertEquals(58.0 / 16, DynamicSpec.realisedBlocksPerRow(4, 16), 1e-12);
    }

    @Test
    void tokenTopkWithEveryKeyIsExactAndKeepsTheLargestScores() {
        int n = 50, d = 8;
        AttentionShape s = new AttentionShape(1, 1, n, d);
        float[] q = Tensors.gaussian(n * d, 1, 2), k = Tensors.gaussian(n * d, 2, 2), v = Tensors.gaussian(n * d, 3, 1);
        BlockLayout full = BlockLayout.of(Patterns.parse("full"), n, 8);
        int[] keep = TokenTopk.keysPerRow(full);
        for (int i = 0; i < n; i++) assertEquals(i + 1, keep[i]);
        double[][] ref = ExactAttention.compute(s, full, q, k, v);
        TokenTopk.Result all = TokenTopk.compute(n, d, q, k, v, keep);
        for (int i = 0; i < n * d; i++) assertEquals(ref[0][i], all.o()[i], 1e-5);
        for (int i = 0; i < n; i++) assertEquals(ref[1][i], all.lse()[i], 1e-5);
        // with one key per row, row i attends its argmax: the output is that key's value
        java.util.Arrays.fill(keep, 1);
        TokenTopk.Result one = TokenTopk.compute(n, d, q, k, v, keep);
        int i = n - 1, best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
            double dot = 0;
            for (int c = 0; c < d; c++) dot += q[i * d + c] * k[j * d + c];
            if (dot > bestScore) { bestScore = dot; best = j; }
        }
        for (int c = 0; c < d; c++) assertEquals(v[best * d + c], one.o()[i * d + c], 1e-6);
        // keys per row of a sliding window: causal keys of the kept blocks
        int[] win = TokenTopk.keysPerRow(BlockLayout.of(Patterns.parse("sliding:window=2,sink=0"), n, 8));
        assertEquals(1, win[0]);
        assertEquals(8 + 1, win[8]);
        assertEquals(8 + 8, win[31]);
    }
}
