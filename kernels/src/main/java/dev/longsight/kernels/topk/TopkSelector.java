package dev.longsight.kernels.topk;

import dev.longsight.kernels.layout.BlockLayout;
import java.util.Arrays;

/**
 * Host-side selection: per query block, the diagonal block plus the {@code k - 1} causal key blocks
 * with the highest estimated score (ties go to the more recent block), as a {@link BlockLayout}.
 */
public final class TopkSelector {
    private TopkSelector() {}

    /**
     * The layout of query head {@code head} from scores (heads, numBlocks, numBlocks), keeping
     * {@code k} blocks a row (all causal blocks where a row has fewer).
     */
    public static BlockLayout select(float[] scores, int head, int seqLen, int blockSize, int k) {
        int nb = (seqLen + blockSize - 1) / blockSize;
        if (k <= 0) throw new IllegalArgumentException("k must be > 0, got " + k);
        if (scores.length < (long) (head + 1) * nb * nb) throw new IllegalArgumentException("scores too short for head " + head);
        int[][] rows = new int[nb][];
        long[] keyed = new long[nb]; // (causal blocks of one row): sortable (score, block) pairs
        for (int qb = 0; qb < nb; qb++) {
            if (qb + 1 <= k) {
                rows[qb] = range(qb + 1);
                continue;
            }
            int base = (head * nb + qb) * nb;
            for (int kb = 0; kb < qb; kb++) keyed[kb] = sortKey(scores[base + kb], kb);
            Arrays.sort(keyed, 0, qb);
            int[] row = new int[k];
            row[0] = qb;
            for (int i = 1; i < k; i++) row[i] = (int) (keyed[qb - i] & 0xffffffffL);
            rows[qb] = row;
        }
        return BlockLayout.fromRows(seqLen, blockSize, rows);
    }

    /** A long whose order is (score, block index): float bits mapped to an order-preserving int. */
    static long sortKey(float score, int block) {
        int bits = Float.floatToIntBits(score);
        int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
        return ((long) ordered << 32) | (block & 0xffffffffL);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
