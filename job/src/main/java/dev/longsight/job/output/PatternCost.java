package dev.longsight.job.output;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.PatternSpecException;
import dev.longsight.kernels.pattern.Patterns;
import java.util.Optional;

/**
 * What a static pattern costs at one length, counted exactly on its block layout (one head):
 *
 * @param keptPairs   (query, key) pairs the layout attends, the diagonal blocks masked token by token
 * @param causalPairs pairs of dense causal attention, n (n + 1) / 2
 * @param keptBlocks  key blocks over all query blocks, full and partial
 * @param queryBlocks query blocks, ceil(n / block)
 */
public record PatternCost(int length, int blockSize, long keptPairs, long causalPairs, long keptBlocks, int queryBlocks) {

    public static PatternCost of(BlockLayout l) {
        long n = l.seqLen();
        return new PatternCost(l.seqLen(), l.blockSize(), l.pairs(), n * (n + 1) / 2, l.totalBlocks(), l.numQBlocks());
    }

    /** The cost of a spec; empty when the spec is not a static pattern this build knows (nothing to count). */
    public static Optional<PatternCost> of(String spec, int length, int blockSize) {
        if (spec == null || length <= 0 || blockSize <= 0) return Optional.empty();
        try {
            return Optional.of(of(BlockLayout.of(Patterns.parse(spec), length, blockSize)));
        } catch (PatternSpecException e) {
            return Optional.empty();
        }
    }

    /** Kept pairs over causal pairs: 1 for full attention. */
    public double density() { return (double) keptPairs / causalPairs; }

    /** Mean key blocks per query block, the diagonal included. */
    public double blocksPerRow() { return (double) keptBlocks / queryBlocks; }
}
