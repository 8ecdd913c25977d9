package dev.longsight.kernels.attention;

/**
 * What one tensor-core prefill variant's OpenCL C is specialised for ({@code mma_prefill.cl} reads each
 * trait as a preprocessor constant). {@link TilePolicy#mmaTraits} chooses them; the constructor refuses
 * combinations the source does not implement.
 *
 * @param precision    tf32 or bf16 operands (fp32 accumulation and softmax in both)
 * @param warps        warps per work-group
 * @param rowsPerWarp  query rows per warp: 16 (one m-tile) or 32 (two m-tiles sharing every K and V fragment)
 * @param stages       K/V tiles in flight: 1, or 2 (each tile's copies issued a whole tile ahead; the
 *                     diagonal block then comes first, so the first copies need no read of the layout)
 * @param diagonalStep the diagonal block's second half (64 keys, the warps' second m-tiles) in one step
 *                     before the rest, with a third K tile in local memory
 * @param qFromL1      Q's mma fragments re-read from global memory (L1) for each key tile, Q stored in
 *                     fragment order ({@link MmaOperands}), instead of held in registers
 * @param warpEpilogue each warp writes its own O rows through its own share of local memory; otherwise
 *                     the warps take turns through the whole tile space
 * @param tailMix      every head's last {@link MmaPrefillSource#TAIL_MIX_TILES} query tiles (its shortest
 *                     layout rows) are dispatched at the launch's end, the heads interleaved
 */
public record MmaTraits(Precision precision, int warps, int rowsPerWarp, int stages, boolean diagonalStep,
                        boolean qFromL1, boolean warpEpilogue, boolean tailMix) {
    public MmaTraits {
        if (precision == null || !precision.tensorCores()) throw new IllegalArgumentException("the mma kernel computes in tf32 or bf16, not " + precision);
        if (rowsPerWarp != 16 && rowsPerWarp != 32) throw new IllegalArgumentException("rows per warp are 16 or 32, not " + rowsPerWarp);
        if (rowsPerWarp == 32 && precision != Precision.BF16) throw new IllegalArgumentException("32 rows per warp: bf16 only");
        int rows = warps * rowsPerWarp;
        if (warps < 1 || (rows != 64 && rows != MmaPrefillSource.MAX_BM)) {
            throw new IllegalArgumentException("warps x rows per warp must be 64 or " + MmaPrefillSource.MAX_BM + " query rows, got " + warps + " x " + rowsPerWarp);
        }
        if (stages != 1 && stages != 2) throw new IllegalArgumentException("stages are 1 or 2, not " + stages);
        if (stages == 2 && 2 * MmaPrefillSource.stageInts(precision) * 4 > 32 * 1024) {
            throw new IllegalArgumentException("two " + precision.id() + " K/V stages do not fit 48 KiB of local memory");
        }
        if (diagonalStep && (rowsPerWarp != 32 || stages != 2)) throw new IllegalArgumentException("the diagonal step needs 32 rows per warp and two stages");
        if (qFromL1 && precision != Precision.BF16) throw new IllegalArgumentException("Q in fragment order: bf16 only");
        if (warpEpilogue && rowsPerWarp != 32) throw new IllegalArgumentException("the per-warp epilogue needs 32 rows per warp");
    }

    /** Query rows per work-group (the query tile). */
    public int queryTile() { return warps * rowsPerWarp; }

    /** Work-items per group: one warp of 32 each. */
    public int threads() { return 32 * warps; }

    /** m-tiles of 16 rows per warp. */
    int mTiles() { return rowsPerWarp / 16; }

    /** For a result's kernel label. */
    String describe() {
        return warps + " warps x " + rowsPerWarp + " rows, " + stages + (stages == 1 ? " stage" : " stages")
                + (diagonalStep ? ", diagonal step" : "") + (qFromL1 ? ", Q from L1" : "")
                + (warpEpilogue ? ", warp epilogue" : "") + (tailMix ? ", tail mix" : "");
    }
}
