package dev.longsight.kernels.attention;

/**
 * Sizes of one attention problem. Tensors are row-major: q and o {@code (heads, seqLen, headDim)},
 * k and v {@code (kvHeads, seqLen, headDim)}, lse {@code (heads, seqLen)}. Query head h reads KV head
 * {@code h / (heads / kvHeads)} (grouped-query attention).
 */
public record AttentionShape(int heads, int kvHeads, int seqLen, int headDim) {
    /** Head dims the OpenCL kernels are built for (private arrays are sized by the largest). */
    public static final int MAX_HEAD_DIM = 128;

    public AttentionShape {
        if (heads <= 0) throw new IllegalArgumentException("heads must be > 0, got " + heads);
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("kv-heads must be > 0 and divide heads (" + heads + "), got " + kvHeads);
        }
        if (seqLen <= 0) throw new IllegalArgumentException("length must be > 0, got " + seqLen);
        if (headDim <= 0 || headDim > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("head-dim must be in 1.." + MAX_HEAD_DIM + " (64 and 128 are the tuned ones), got " + headDim);
        }
        if ((long) heads * seqLen * headDim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("heads x length x head-dim = " + (long) heads * seqLen * headDim
                    + " exceeds one Java array (" + Integer.MAX_VALUE + " elements)");
        }
    }

    public int groupSize() { return heads / kvHeads; }
    public int qSize() { return heads * seqLen * headDim; }
    public int kvSize() { return kvHeads * seqLen * headDim; }
    public float scale() { return (float) (1.0 / Math.sqrt(headDim)); }
}
