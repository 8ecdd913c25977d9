package dev.longsight.job.config;

import dev.longsight.kernels.attention.Precision;

/**
 * The probe's shape where the command line leaves it open, sized to the executors' device. On a
 * GPU the attention of a model: head dim 128, 128-token blocks, bf16 on tensor cores, grouped-query
 * attention (8 heads sharing 2 KV heads, as Llama-3-8B's 32 share 8) and 16K-row chunks, enough
 * rows per launch to fill an H100; on a CPU (PoCL or Java threads) the small sample shape, which
 * finishes there in minutes. Options the user gives win, one by one; a default that would not fit
 * them gives way (a chunk that is not a multiple of the given block is rounded down to one, KV heads
 * divide the given heads, bf16 needs a block that is a multiple of 64).
 */
public final class ProbeShapeDefaults {
    private ProbeShapeDefaults() {}

    /** The shape the user asked for: null where an option was not given. */
    public record Given(Integer heads, Integer kvHeads, Integer headDim, Integer block, Integer chunk, Precision precision) {}

    /** The chosen shape, and a line saying where its unset values came from ("" when nothing was chosen for a GPU). */
    public record Choice(int heads, int kvHeads, int headDim, int block, int chunk, Precision precision, String note) {}

    public static final int GPU_HEADS = 8, GPU_KV_HEADS = 2, GPU_HEAD_DIM = 128, GPU_BLOCK = 128, GPU_CHUNK = 16384;
    public static final int CPU_HEADS = 2, CPU_KV_HEADS = 1, CPU_HEAD_DIM = 64, CPU_BLOCK = 64, CPU_CHUNK = 1024;

    public static Choice choose(boolean gpu, Given g) {
        int heads = or(g.heads(), gpu ? GPU_HEADS : CPU_HEADS);
        int kvHeads = g.kvHeads() != null ? g.kvHeads() : gpu ? kvHeadsFor(heads) : CPU_KV_HEADS;
        int headDim = or(g.headDim(), gpu ? GPU_HEAD_DIM : CPU_HEAD_DIM);
        int block = or(g.block(), gpu ? GPU_BLOCK : CPU_BLOCK);
        int chunk = g.chunk() != null ? g.chunk() : gpu ? Math.max(block, GPU_CHUNK / block * block) : CPU_CHUNK;
        Precision precision = g.precision() != null ? g.precision() : gpu && block % 64 == 0 ? Precision.BF16 : Precision.FP32;
        boolean anyUnset = g.heads() == null || g.kvHeads() == null || g.headDim() == null || g.block() == null || g.chunk() == null
                || g.precision() == null;
        String note = gpu && anyUnset ? "unset shape options sized for GPU executors (model-like: " + GPU_HEADS + " heads, " + GPU_KV_HEADS
                + " kv heads, head dim " + GPU_HEAD_DIM + ", block " + GPU_BLOCK + ", chunk " + GPU_CHUNK + ", bf16); options given win" : "";
        return new Choice(heads, kvHeads, headDim, block, chunk, precision, note);
    }

    /** A quarter of the heads as KV heads, rounded down to a divisor of the heads (at least one). */
    static int kvHeadsFor(int heads) {
        for (int kv = Math.max(1, heads / 4); kv > 1; kv--) if (heads % kv == 0) return kv;
        return 1;
    }

    private static int or(Integer given, int dflt) { return given != null ? given : dflt; }
}
