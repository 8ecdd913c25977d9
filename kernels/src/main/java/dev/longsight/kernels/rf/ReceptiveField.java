package dev.longsight.kernels.rf;

import dev.longsight.kernels.layout.BlockLayout;
import java.util.BitSet;
import java.util.function.IntFunction;

/**
 * Receptive fields on a pattern's block graph (PowerAttention, Appendix A). After L layers, the last
 * query block has seen every key block reachable by at most L attention hops; coverage is the share
 * of all blocks reachable. A breadth-first search over layout rows: each block is expanded once,
 * so the cost is the number of layout entries visited, never token pairs.
 */
public final class ReceptiveField {
    private ReceptiveField() {}

    /** Coverage of the last query block after each layer count in {@code layers} (ascending or not). */
    public static double[] coverage(BlockLayout layout, int[] layers) {
        return coverage(layout.numQBlocks(), layout::row, layout.numQBlocks() - 1, layers);
    }

    /**
     * Coverage for {@code target} on a graph given by its rows (row q = key blocks q attends).
     * Returns, per entry of {@code layers}, reachable blocks / numBlocks.
     */
    public static double[] coverage(int numBlocks, IntFunction<int[]> rows, int target, int[] layers) {
        int maxL = 0;
        for (int l : layers) {
            if (l < 0) throw new IllegalArgumentException("layers must be >= 0, got " + l);
            maxL = Math.max(maxL, l);
        }
        int[] reachedAt = reachDepth(numBlocks, rows, target, maxL);
        double[] out = new double[layers.length];
        for (int i = 0; i < layers.length; i++) {
            int count = 0;
            for (int depth : reachedAt) if (depth >= 0 && depth <= layers[i]) count++;
            out[i] = (double) count / numBlocks;
        }
        return out;
    }

    /** Hops needed from each block to {@code target} (-1 if more than maxLayers). */
    public static int[] reachDepth(int numBlocks, IntFunction<int[]> rows, int target, int maxLayers) {
        int[] depth = new int[numBlocks];
        java.util.Arrays.fill(depth, -1);
        depth[target] = 0;
        int[] frontier = {target};
        int frontierSize = 1;
        BitSet seen = new BitSet(numBlocks);
        seen.set(target);
        for (int l = 1; l <= maxLayers && frontierSize > 0; l++) {
            int[] next = new int[Math.max(16, frontierSize * 4)];
            int nextSize = 0;
            for (int f = 0; f < frontierSize; f++) {
                for (int k : rows.apply(frontier[f])) {
                    if (!seen.get(k)) {
                        seen.set(k);
                        depth[k] = l;
                        if (nextSize == next.length) next = java.util.Arrays.copyOf(next, nextSize * 2);
                        next[nextSize++] = k;
                    }
                }
            }
            frontier = next;
            frontierSize = nextSize;
        }
        return depth;
    }
}
