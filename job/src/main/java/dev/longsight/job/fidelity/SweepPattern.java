package dev.longsight.job.fidelity;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.topk.DynamicSpec;

/**
 * One pattern of a sweep, resolved: a static pattern, a length-dependent window, or content-based
 * top-k (whose layout needs the block scores of each head).
 */
record SweepPattern(String spec, String kind, Pattern pattern, DynamicSpec dynamic) {

    static SweepPattern resolve(String spec, int[] numKeyBlocksPerLength) {
        if (!DynamicSpec.isDynamic(spec)) return new SweepPattern(spec, "static", Patterns.parse(spec), null);
        DynamicSpec d = DynamicSpec.parse(spec);
        String label = d.meanOverSweep() ? d.spec() + "(k=" + d.resolveMean(numKeyBlocksPerLength).budget().spec().substring(2) + ")" : d.spec();
        return new SweepPattern(label, d.kind() == DynamicSpec.Kind.TOPK ? "topk" : (d.meanOverSweep() ? "fixed-window" : "window"),
                null, d.resolveMean(numKeyBlocksPerLength));
    }

    boolean isTopk() { return dynamic != null && dynamic.kind() == DynamicSpec.Kind.TOPK; }

    /** Blocks a row the spec asks for at this length (0 for static patterns). */
    int budgetBlocks(int numKeyBlocks) { return dynamic == null ? 0 : dynamic.budget().blocks(numKeyBlocks); }

    /**
     * A layout of this pattern's cost at this length: its own for static patterns and windows; for
     * top-k, whose blocks depend on Q/K, a window of the same number of blocks a row.
     */
    BlockLayout costLayout(int length, int blockSize) {
        if (!isTopk()) return fixedLayout(length, blockSize);
        int nb = (length + blockSize - 1) / blockSize;
        return BlockLayout.of(Patterns.parse("sliding:window=" + budgetBlocks(nb) + ",sink=0"), length, blockSize);
    }

    /** The layout of a static pattern or window (the same for every head); top-k has none. */
    BlockLayout fixedLayout(int length, int blockSize) {
        if (isTopk()) throw new IllegalStateException("top-k layouts depend on Q/K");
        int nb = (length + blockSize - 1) / blockSize;
        Pattern p = pattern != null ? pattern : Patterns.parse("sliding:window=" + budgetBlocks(nb) + ",sink=0");
        return BlockLayout.of(p, length, blockSize);
    }
}
