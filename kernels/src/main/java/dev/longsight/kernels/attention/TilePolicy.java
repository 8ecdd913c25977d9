package dev.longsight.kernels.attention;

/**
 * Launch-shape choices, as pure functions so they can be tested and measured on their own.
 *
 * <p>{@link #variant}: the tiled kernel fills its 64-row query tiles only when the block size is a
 * multiple of 64 (a work-group never spans two query blocks); below that most of its work-items
 * would idle, so smaller blocks use the naive kernel. On Java threads (JTP) every work-group of the
 * tiled kernel is 256 threads meeting at barriers: measured on a 2-core machine (n 2048, 2 heads,
 * d 128, full) 25.5 s tiled vs 1.65 s naive, so JTP always runs the naive kernel. Measured on the H100 (
 * 8 heads, d 128, block 128, full causal 16K): tiled 19.0 ms (28.9 TFLOP/s), naive 597 ms (0.92).
 * Blocks below 64 were not measured on the GPU. The tiled kernel reaches 33.4 TFLOP/s on full causal 32K.
 *
 * <p>{@link #tileRows} (naive kernel): a group must stay inside one query block (it shares one
 * layout row), so the tile divides the block size. 64 rows: K/V tiles in local memory are read by
 * all rows of the group, so larger groups amortise the loads; 64 x (2 x 32 keys x 128 floats) stays
 * inside the H100's 48 KiB of local memory; the design notes' first kernel ran at 3.2-3.8 TFLOP/s
 * with this shape. On Java threads {@link #javaTileRows} caps it at the processor count.
 */
public final class TilePolicy {
    private TilePolicy() {}

    public static final int MAX_TILE_ROWS = 64;

    /**
     * tf32 and bf16 always run the mma kernel (on every device: its Java body is the JTP path), with
     * 128-row query tiles when the block size allows. Measured on the H100 (8 heads, d 128, block 128,
     * bf16 with warps of 32 rows, one call): 128-row tiles 251.9 TFLOP/s on full causal 32K and 216.9 on
     * paper-power 128K, against 217.3 and 201.1 with 64-row tiles: each K/V tile staged in local memory
     * serves twice the query rows, halving L2-to-SM traffic.
     */
    public static KernelVariant variant(int blockSize, boolean openCL, Precision precision) {
        boolean wide = blockSize % MmaPrefillSource.MAX_BM == 0;
        return switch (precision) {
            case BF16 -> wide ? KernelVariant.MMA_BF16_W8 : KernelVariant.MMA_BF16;
            case TF32 -> wide ? KernelVariant.MMA_TF32_W8 : KernelVariant.MMA_TF32;
            case FP32 -> variant(blockSize, openCL);
        };
    }

    /** Block sizes must be multiples of this in {@code precision}: the mma kernel's smallest query tile (64 rows). */
    public static int blockMultiple(Precision precision) { return precision.tensorCores() ? 64 : 1; }

    /**
     * The tensor-core kernel's traits for a query tile of {@code rows} (64 or 128). Each choice below was
     * measured on the H100 (8 heads, head dim 128, block 128, one device call against the alternative;
     * TFLOP/s of full causal 32K / 128K and paper-power 128K):
     */
    public static MmaTraits mmaTraits(Precision precision, int rows) {
        if (precision == Precision.BF16) {
            return new MmaTraits(precision, rows / 32,
                    32,    // 32 rows per warp: 231.5 / 239.7 / 205.7 -> 251.1 / 264.9 / 220.5 (half the local-memory reads per mma)
                    2,     // two stages, diagonal first: power 217.7 -> 230.0 (0.82 -> 0.87 of ideal) with the warp epilogue
                    true,  // diagonal step: 274.6 -> 279.6 full 128K, 237.5-239.0 -> 242.5-245.4 power 128K
                    true,  // Q from L1: spills 240 -> 44 bytes, which the diagonal's second half first then uses (+1.5-4%)
                    true,  // warp epilogue: with two stages, power 128K 220 -> 230 (either alone +0.5%)
                    true); // tail mix: full 32K 268.1-269.5 -> 272.5-274.7, power 128K 242.1-242.6 -> 244.3-245.8
        }
        return new MmaTraits(precision, rows / 16,
                16,     // 32 rows per warp and the steps that build on it are bf16's alone
                1,      // one stage: two tf32 K/V stages (64 KiB) exceed the 48 KiB of local memory; in order: diagonal first cost 3% (128.0 -> 124.6 full 32K)
                false,  // the diagonal step needs 32 rows per warp and two stages
                false,  // Q in registers: fragment order is bf16's alone (MmaOperands)
                false,  // warp epilogue: tf32 full 32K lost 12% against the shared passes
                false); // dispatch order head by head: tail mix's gain is bf16's register allocation
    }

    public static KernelVariant variant(int blockSize, boolean openCL) {
        return openCL && blockSize % TiledPrefillSource.BM == 0 ? KernelVariant.TILED : KernelVariant.NAIVE;
    }

    public static int tileRows(int blockSize) {
        int t = MAX_TILE_ROWS;
        while (blockSize % t != 0) t >>= 1;
        return t;
    }

    /**
     * Rows per naive-kernel group on Java threads: at most {@code processors}. Aparapi runs a group's
     * work-items as ForkJoin tasks that all meet at every barrier, on a pool whose parallelism is the
     * processor count, so each task beyond that count runs only if the pool adds a compensating thread
     * when another blocks; on JDK 17 that chain stalled for good in a CI run (2 cores, jstack: 63 of a
     * 64-row group's threads waiting at the barrier, the pool idle). With no more rows than processors,
     * every work-item has a worker of its own.
     */
    public static int javaTileRows(int blockSize, int processors) {
        int t = tileRows(blockSize);
        while (t > Math.max(1, processors)) t >>= 1;
        return t;
    }
}
