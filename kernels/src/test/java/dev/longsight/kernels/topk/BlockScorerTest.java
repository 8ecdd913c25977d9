package dev.longsight.kernels.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.layout.BlockLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The block-score kernel against its double reference, and the selection it feeds, on JTP and OpenCL. */
class BlockScorerTest {
    private static final Map<String, BlockScorer> SCORERS = new HashMap<>();

    static BlockScorer scorer(String device) {
        var spec = TestDevices.require(device);
        return SCORERS.computeIfAbsent(device, d -> new BlockScorer(spec));
    }

    @AfterAll
    static void dispose() { SCORERS.values().forEach(BlockScorer::close); SCORERS.clear(); }

    record Case(String name, int heads, int kvHeads, int seqLen, int headDim, int block) {}

    static Stream<Arguments> cases() {
        Case[] cs = {
            new Case("GQA 4:2, short last block", 4, 2, 301, 64, 16),
            new Case("head dim 128", 2, 2, 256, 128, 32),
            new Case("one-token blocks, odd dim", 1, 1, 40, 17, 1),
        };
        return TestDevices.all().stream().flatMap(d -> Stream.of(cs).map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void scoresMatchReferenceAndSelectionKeepsTheBest(String device, Case c) {
        AttentionShape s = new AttentionShape(c.heads(), c.kvHeads(), c.seqLen(), c.headDim());
        float[] q = Tensors.gaussian(s.qSize(), 11, 1.5), k = Tensors.gaussian(s.kvSize(), 12, 1.5);
        double[] ref = BlockScoresReference.scores(s, c.block(), q, k);
        float[] got = scorer(device).scores(s, c.block(), q, k);
        int nb = (c.seqLen() + c.block() - 1) / c.block();
        assertEquals(ref.length, got.length);
        for (int h = 0; h < c.heads(); h++) {
            for (int qb = 0; qb < nb; qb++) {
                for (int kb = 0; kb < nb; kb++) {
                    int i = (h * nb + qb) * nb + kb;
                    if (kb <= qb) assertEquals(ref[i], got[i], 1e-4 * Math.max(1, Math.abs(ref[i])), "score " + h + "," + qb + "," + kb);
                    else assertTrue(got[i] < -1e37, "non-causal score must be masked");
                }
            }
        }
        int kBlocks = 3;
        for (int h = 0; h < c.heads(); h++) {
            BlockLayout l = TopkSelector.select(got, h, c.seqLen(), c.block(), kBlocks);
            for (int qb = 0; qb < nb; qb++) {
                int[] row = l.row(qb);
                assertEquals(Math.min(kBlocks, qb + 1), row.length, "row " + qb);
                assertTrue(java.util.Arrays.binarySearch(row, qb) >= 0, "diagonal kept");
                // every dropped causal block scores no higher (in the reference) than every kept off-diagonal one, up to float noise
                double minKept = Double.POSITIVE_INFINITY, maxDropped = Double.NEGATIVE_INFINITY;
                for (int kb = 0; kb < qb; kb++) {
                    double r = ref[(h * nb + qb) * nb + kb];
                    if (java.util.Arrays.binarySearch(row, kb) >= 0) minKept = Math.min(minKept, r);
                    else maxDropped = Math.max(maxDropped, r);
                }
                assertTrue(maxDropped <= minKept + 1e-4, "row " + qb + ": dropped " + maxDropped + " > kept " + minKept);
            }
        }
        assertTrue(scorer(device).deviceName().startsWith(device.equals("jtp") ? "JTP" : "OpenCL"));
    }
}
