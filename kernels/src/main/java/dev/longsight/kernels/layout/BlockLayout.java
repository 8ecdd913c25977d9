package dev.longsight.kernels.layout;

import dev.longsight.kernels.pattern.Pattern;
import java.util.Arrays;

/**
 * A causal block-sparse attention layout in compressed rows (the format of FlexAttention's
 * BlockMask, FlashInfer's BSR and DeepSpeed's layouts).
 *
 * <h2>Format</h2>
 * <ul>
 *   <li>{@code numQBlocks = ceil(seqLen / blockSize)}; query block {@code q} holds tokens
 *       {@code [q*blockSize, min((q+1)*blockSize, seqLen))}; key blocks are numbered the same way.</li>
 *   <li>Full blocks of row {@code q}: {@code fullKvIndices[fullKvOffsets[q] .. fullKvOffsets[q+1])},
 *       strictly ascending, every index {@code < q}: every query of the block attends every key.</li>
 *   <li>Partial blocks of row {@code q}: {@code kvIndices[kvOffsets[q] .. kvOffsets[q+1])}, strictly
 *       ascending, every index {@code <= q}, always containing {@code q} itself: a query at position
 *       {@code i} attends key {@code j} of such a block only if {@code j <= i} (token-level causal mask).</li>
 *   <li>A key block is either full or partial in a row, never both.</li>
 * </ul>
 * Every row therefore attends itself: no query row is ever empty.
 */
public final class BlockLayout {
    private final int seqLen;
    private final int blockSize;
    private final int[] fullKvOffsets; // (numQBlocks + 1)
    private final int[] fullKvIndices; // (total full blocks), rows concatenated
    private final int[] kvOffsets;     // (numQBlocks + 1)
    private final int[] kvIndices;     // (total partial blocks), rows concatenated

    public BlockLayout(int seqLen, int blockSize, int[] fullKvOffsets, int[] fullKvIndices, int[] kvOffsets, int[] kvIndices) {
        if (seqLen <= 0) throw new IllegalArgumentException("seqLen must be > 0, got " + seqLen);
        if (blockSize <= 0) throw new IllegalArgumentException("blockSize must be > 0, got " + blockSize);
        this.seqLen = seqLen;
        this.blockSize = blockSize;
        this.fullKvOffsets = fullKvOffsets.clone();
        this.fullKvIndices = fullKvIndices.clone();
        this.kvOffsets = kvOffsets.clone();
        this.kvIndices = kvIndices.clone();
        validate();
    }

    /** The generic converter: every causal (q, k) block pair the rule keeps, plus the diagonal. */
    public static BlockLayout of(Pattern pattern, int seqLen, int blockSize) {
        if (seqLen <= 0) throw new IllegalArgumentException("length must be > 0, got " + seqLen);
        if (blockSize <= 0) throw new IllegalArgumentException("block size must be > 0, got " + blockSize);
        int nq = ceilDiv(seqLen, blockSize);
        int[] fullOffsets = new int[nq + 1];
        IntList full = new IntList();
        int[] partialOffsets = new int[nq + 1];
        int[] partial = new int[nq];
        for (int q = 0; q < nq; q++) {
            for (int k = 0; k < q; k++) {
                if (pattern.keeps(q, k)) full.add(k);
            }
            fullOffsets[q + 1] = full.size();
            partial[q] = q;
            partialOffsets[q + 1] = q + 1;
        }
        return new BlockLayout(seqLen, blockSize, fullOffsets, full.toArray(), partialOffsets, partial);
    }

    /** A layout from explicit rows of key blocks (any order, diagonal added), for dynamic patterns. */
    public static BlockLayout fromRows(int seqLen, int blockSize, int[][] rows) { // rows: (numQBlocks, *)
        int nq = ceilDiv(seqLen, blockSize);
        if (rows.length != nq) throw new IllegalArgumentException("expected " + nq + " rows, got " + rows.length);
        int[] fullOffsets = new int[nq + 1];
        IntList full = new IntList();
        int[] partialOffsets = new int[nq + 1];
        int[] partial = new int[nq];
        for (int q = 0; q < nq; q++) {
            int[] r = rows[q].clone();
            Arrays.sort(r);
            int prev = -1;
            for (int k : r) {
                if (k != q && k != prev) full.add(k);
                prev = k;
            }
            fullOffsets[q + 1] = full.size();
            partial[q] = q;
            partialOffsets[q + 1] = q + 1;
        }
        return new BlockLayout(seqLen, blockSize, fullOffsets, full.toArray(), partialOffsets, partial);
    }

    private void validate() {
        int nq = numQBlocks();
        checkRows("full", fullKvOffsets, fullKvIndices, nq, false);
        checkRows("partial", kvOffsets, kvIndices, nq, true);
        for (int q = 0; q < nq; q++) {
            boolean diag = false;
            for (int i = kvOffsets[q]; i < kvOffsets[q + 1]; i++) diag |= kvIndices[i] == q;
            if (!diag) throw new IllegalArgumentException("row " + q + ": diagonal block missing from partial blocks");
            for (int i = kvOffsets[q]; i < kvOffsets[q + 1]; i++) {
                if (Arrays.binarySearch(fullKvIndices, fullKvOffsets[q], fullKvOffsets[q + 1], kvIndices[i]) >= 0) {
                    throw new IllegalArgumentException("row " + q + ": block " + kvIndices[i] + " is both full and partial");
                }
            }
        }
    }

    private static void checkRows(String what, int[] offsets, int[] indices, int nq, boolean allowDiagonal) {
        if (offsets.length != nq + 1 || offsets[0] != 0 || offsets[nq] != indices.length) {
            throw new IllegalArgumentException(what + " offsets must have " + (nq + 1) + " entries from 0 to " + indices.length);
        }
        for (int q = 0; q < nq; q++) {
            if (offsets[q + 1] < offsets[q]) throw new IllegalArgumentException(what + " offsets decrease at row " + q);
            int prev = -1;
            for (int i = offsets[q]; i < offsets[q + 1]; i++) {
                int k = indices[i];
                if (k <= prev) throw new IllegalArgumentException(what + " row " + q + " is not strictly ascending");
                if (k < 0 || k > q || (!allowDiagonal && k == q)) {
                    throw new IllegalArgumentException(what + " row " + q + ": key block " + k + " is not causal");
                }
                prev = k;
            }
        }
    }

    public int seqLen() { return seqLen; }
    public int blockSize() { return blockSize; }
    public int numQBlocks() { return ceilDiv(seqLen, blockSize); }
    public int fullKvNumBlocks(int q) { return fullKvOffsets[q + 1] - fullKvOffsets[q]; }
    public int kvNumBlocks(int q) { return kvOffsets[q + 1] - kvOffsets[q]; }
    public int fullKvIndex(int q, int i) { return fullKvIndices[fullKvOffsets[q] + i]; }
    public int kvIndex(int q, int i) { return kvIndices[kvOffsets[q] + i]; }

    /** All key blocks of row q, full and partial, ascending. */
    public int[] row(int q) {
        int[] r = new int[fullKvNumBlocks(q) + kvNumBlocks(q)];
        System.arraycopy(fullKvIndices, fullKvOffsets[q], r, 0, fullKvNumBlocks(q));
        System.arraycopy(kvIndices, kvOffsets[q], r, fullKvNumBlocks(q), kvNumBlocks(q));
        Arrays.sort(r);
        return r;
    }

    public int maxBlocksPerRow() {
        int m = 0;
        for (int q = 0; q < numQBlocks(); q++) m = Math.max(m, fullKvNumBlocks(q) + kvNumBlocks(q));
        return m;
    }

    public long totalBlocks() { return fullKvIndices.length + (long) kvIndices.length; }

    /** Number of tokens in block b (the last block may be short). */
    public int blockLen(int b) { return Math.min(blockSize, seqLen - b * blockSize); }

    /** Kept (query, key) pairs of one head over all queries: the FLOP count's unit. */
    public long pairs() { return pairs(0, seqLen); }

    /** Kept (query, key) pairs for queries in [qStart, qEnd); qStart a multiple of the block size. */
    public long pairs(int qStart, int qEnd) {
        long total = 0;
        for (int q = qStart / blockSize; q < ceilDiv(qEnd, blockSize); q++) {
            int lo = Math.max(qStart, q * blockSize), hi = Math.min(qEnd, q * blockSize + blockLen(q));
            int rows = hi - lo;
            total += (long) rows * blockSize * fullKvNumBlocks(q);
            for (int i = 0; i < kvNumBlocks(q); i++) {
                int kStart = kvIndex(q, i) * blockSize;
                for (int qi = lo; qi < hi; qi++) total += Math.max(0, Math.min(qi + 1, kStart + blockLen(kvIndex(q, i))) - kStart);
            }
        }
        return total;
    }

    /**
     * Kernel-friendly merged rows: offsets (numQBlocks + 1) into ascending key blocks of each row; each
     * row's last block is its diagonal (the mma kernel with two stages takes it first without a lookup).
     */
    public int[] mergedOffsets() {
        int[] off = new int[numQBlocks() + 1];
        for (int q = 0; q < numQBlocks(); q++) off[q + 1] = off[q] + fullKvNumBlocks(q) + kvNumBlocks(q);
        return off;
    }

    /** The key blocks of all rows concatenated in the order of {@link #mergedOffsets()}. */
    public int[] mergedIndices() {
        int[] idx = new int[(int) totalBlocks()];
        int p = 0;
        for (int q = 0; q < numQBlocks(); q++) {
            int[] r = row(q);
            System.arraycopy(r, 0, idx, p, r.length);
            p += r.length;
        }
        return idx;
    }

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** A growable int array; the converter's only buffer. */
    private static final class IntList {
        private int[] a = new int[16];
        private int n;
        void add(int v) { if (n == a.length) a = Arrays.copyOf(a, n * 2); a[n++] = v; }
        int size() { return n; }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
