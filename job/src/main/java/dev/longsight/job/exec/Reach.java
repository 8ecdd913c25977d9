package dev.longsight.job.exec;

import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.Task;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.rf.ReceptiveField;
import dev.longsight.kernels.pattern.Patterns;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pattern's layout at one length with its receptive fields: hops from every block to a readout's
 * block on the layout's block graph (ReceptiveField.reachDepth), computed once per readout block.
 */
final class Reach {
    /** Layouts with their receptive fields per (pattern, length), the 16 most recently used: a runner's units share few. */
    static final class Cache {
        private static final int CACHED_LAYOUTS = 16;
        private final int blockSize;
        private final Map<String, Reach> reaches = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Reach> e) { return size() > CACHED_LAYOUTS; }
        };

        Cache(int blockSize) { this.blockSize = blockSize; }

        Reach get(String pattern, int length) {
            return reaches.computeIfAbsent(pattern + "@" + length, k -> new Reach(BlockLayout.of(Patterns.parse(pattern), length, blockSize)));
        }
    }

    private final BlockLayout layout;
    private final Map<Long, int[]> depths = new HashMap<>(); // (readout block, layers) -> (numBlocks) hops, -1 beyond

    Reach(BlockLayout layout) { this.layout = layout; }

    BlockLayout layout() { return layout; }

    private int[] depths(int targetBlock, int layers) {
        return depths.computeIfAbsent(((long) targetBlock << 32) | layers,
                k -> ReceptiveField.reachDepth(layout.numQBlocks(), layout::row, targetBlock, layers));
    }

    /**
     * Whether every answer needle reaches its readout's block within {@code layers} hops. Answer
     * needle i pairs with readout i; a needle spanning a block boundary counts if any of its blocks
     * reaches, because all of its tokens carry the payload.
     */
    boolean reachable(WorkUnit u, int layers) {
        int bs = layout.blockSize();
        int answerNeedles = Task.of(u.task()).answerNeedles();
        for (int i = 0; i < answerNeedles; i++) {
            int readout = u.readoutPositions()[Math.min(i, u.readoutPositions().length - 1)];
            int[] depth = depths(readout / bs, layers); // (numBlocks) hops to the readout's block
            int first = u.needlePositions()[i] / bs;
            int last = (u.needlePositions()[i] + u.needleLengths()[i] - 1) / bs;
            boolean any = false;
            for (int b = first; b <= last; b++) any |= depth[b] >= 0;
            if (!any) return false;
        }
        return true;
    }

    /** Share of all blocks that reach the question's block within {@code layers} hops. */
    double coverage(int questionPosition, int layers) {
        int[] depth = depths(questionPosition / layout.blockSize(), layers); // (numBlocks) hops
        int count = 0;
        for (int x : depth) if (x >= 0) count++;
        return (double) count / depth.length;
    }
}
