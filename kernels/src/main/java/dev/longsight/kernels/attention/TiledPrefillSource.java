package dev.longsight.kernels.attention;

/**
 * The hand-written OpenCL C that {@link TiledPrefillKernel} runs on OpenCL devices (installed by
 * {@link OpenCLSourceInjection}); its Java {@code run()} is the same algorithm for Java threads.
 *
 * <p>Why hand-written: Aparapi's translation keeps private arrays inside a per-work-item struct
 * (which NVIDIA's compiler places in slow local memory) and cannot express float4 loads or loop
 * unrolling; both are what register tiling needs.
 *
 * <p>Algorithm (FlashAttention-2, fp32, one work-group = {@code BM} query rows of one head, 256
 * work-items as 16 x 16): for each key tile of {@code BN} keys of the layout row, S = Q K^T is built
 * in {@code DK}-wide head-dim chunks staged transposed in local memory (each work-item owns a 4 x 4
 * micro-tile of S, read as two float4 per step); the row max is reduced through local memory; P =
 * exp2(S - m) is written transposed to local memory; O += P V runs over {@code VK}-key chunks of V
 * with each work-item owning 4 rows x 8 columns of O (three float4 reads per 32 FMAs). Softmax runs
 * in base 2 (log2(e) folded into the Q scale); row sums stay per work-item and are reduced once at
 * the end. The inner loops are fully unrolled, the barrier after the last head-dim chunk is left out,
 * each chunk's K loads are issued during the previous chunk's FMAs, and this item's share of the Q
 * tile stays in registers across key tiles: measured on the H100 (8 heads, d 128, block 128, one
 * device call against the kernel without them) full 32K 33.4 TFLOP/s (29.4-29.7 without),
 * paper-sliding 128K 31.8 (28.3), paper-power 128K 30.5 (28.0), with the same max error.
 */
final class TiledPrefillSource {
    private TiledPrefillSource() {}

    /**
     * Query rows per work-group, keys per tile, head-dim chunk, V chunk: shared with the Java body.
     * Chosen by the local-memory budget (48 KiB per group on the H100: stage 17 KiB + P^T 17 KiB +
     * partials 4 KiB), not by a sweep: this one shape was measured on the H100 at 28.9-29.7 TFLOP/s
     * (full causal, 16K-128K) and 26.7-28.3 (sparse).
     */
    static final int BM = 64, BN = 64, DK = 32, VK = 32, TM = 4, TN = 4, THREADS = 256;
    /** Padded row stride of the transposed tiles (bank-conflict-free float4 stores and reads). */
    static final int LDT = BM + 4;
    /** Compile-time constants (Aparapi's translation inlines only those): 2 x (DK, LDT) >= (VK, DMAX). */
    static final int STAGE_FLOATS = 2 * DK * LDT;
    static final int PT_FLOATS = BN * LDT;
    static final int RED_FLOATS = BM * 16;
    /** One local buffer holds stage, P^T and the row partials: offsets are 16-byte multiples, so every
     *  float4 access is aligned relative to the buffer's (aligned) base. */
    static final int PT_AT = STAGE_FLOATS, RED_AT = STAGE_FLOATS + PT_FLOATS;
    /** Four spare floats let the kernel align its base to 16 bytes whatever the runtime's alignment. */
    static final int LDS_FLOATS = RED_AT + RED_FLOATS + 4;

    /** The kernel function's source ({@code tiled_prefill.cl} after the shared constants); {@code ls_tiled_prefill} is called from Aparapi's {@code run}. */
    static String source() {
        return "#define BM " + BM + "\n#define BN " + BN + "\n#define DK " + DK + "\n#define VK " + VK + "\n#define LDT " + LDT
                + "\n#define PT_AT " + PT_AT + "\n#define RED_AT " + RED_AT + "\n#define DMAX " + AttentionShape.MAX_HEAD_DIM + "\n"
                + KernelSource.load("tiled_prefill.cl");
    }

    /** Parameters of {@code ls_tiled_prefill}, in order: each names a field of the kernel. */
    static final String[] PARAMS = {"qIn", "kIn", "vIn", "rowOffsets", "rowBlocks", "oOut", "lseOut", "seqLen",
        "headDim", "blockSize", "groupSize", "qStart", "qEnd", "scale", "lds"};
}
