package dev.longsight.kernels.model;

import dev.longsight.kernels.attention.KernelSource;
import dev.longsight.kernels.attention.MmaPrefillSource.Helpers;

/**
 * The OpenCL C of the bf16 tensor-core GEMM {@code ls_gemm_bf16} ({@code gemm_bf16.cl} beside this class), a
 * function that a kernel body calls: C (m, n) fp32 = A (m, k) bf16 x W (n, k)^T bf16. Its tile constants come
 * from {@link #defines()}; its warp-level operations from one of the attention kernel's helper files
 * ({@link Helpers}), included before it with {@code LS_BF16 1}. The algorithm is described in the .cl file.
 *
 * <p>Tile policy: 128 x 128 tiles of C per work-group, 8 warps of 64 x 32, k-steps of 32, two stages of
 * asynchronous copies (32 KiB of the 48 KiB NVIDIA's OpenCL allows a group; a third stage, or 128 x 256 tiles,
 * would need exactly 48 KiB, which the attention kernel measured to fail). Not yet measured: chosen from the
 * budgets above (local memory; 64 accumulators per lane, so two groups per SM by registers); GemmBench at the
 * Llama-3-8B shapes on the H100, against peers/gemm_peer.py, is the measurement that should confirm or replace it
 * (4 warps of 64 x 64, which halves the local-memory loads per mma, is the candidate; it passes the same tests).
 */
public final class GemmSource {
    private GemmSource() {}

    /** Rows of C per work-group (get_group_id(1) walks them). */
    public static final int GEMM_BM = 128;
    /** Columns of C per work-group (get_group_id(0) walks them). */
    public static final int GEMM_BN = 128;
    /** k per step: the k permutation of the fragments needs 32. */
    public static final int GEMM_BK = 32;
    /** Rows and columns of C per warp. */
    public static final int GEMM_WM = 64, GEMM_WN = 32;
    public static final int GEMM_WARPS = (GEMM_BM / GEMM_WM) * (GEMM_BN / GEMM_WN);
    /** Work-items per group (dimension 0). */
    public static final int GEMM_THREADS = 32 * GEMM_WARPS;
    /** k must be a multiple of this. */
    public static final int K_ALIGN = GEMM_BK;

    /** The resource beside this class. */
    public static final String RESOURCE = "gemm_bf16.cl";

    /** Ints per stage: one A and one W tile of GEMM_BK bf16 per row. */
    static final int STAGE_INTS = (GEMM_BM + GEMM_BN) * GEMM_BK / 2;

    /**
     * Local memory (ints) the caller passes as {@code lds}: two stages of tiles, the portable helpers' exchange
     * area (192 ints per warp), and 16 bytes of slack to align the base (see MmaPrefillSource.ldsInts).
     */
    public static int ldsInts(Helpers h) {
        return 2 * STAGE_INTS + (h == Helpers.PORTABLE ? GEMM_WARPS * 192 : 0) + 4;
    }

    /** The tile constants {@code gemm_bf16.cl} reads. */
    public static String defines() {
        return define("GEMM_BM", GEMM_BM) + define("GEMM_BN", GEMM_BN) + define("GEMM_BK", GEMM_BK) + define("GEMM_WM", GEMM_WM)
                + define("GEMM_WN", GEMM_WN) + define("GEMM_WARPS", GEMM_WARPS) + define("GEMM_THREADS", GEMM_THREADS);
    }

    /** The function's text (needs {@link #defines()} and a helper file before it). */
    public static String body() { return KernelSource.load(GemmSource.class, RESOURCE); }

    /** A whole program for the GEMM alone: LS_BF16, the tile constants, the helpers, the function. */
    public static String standalone(Helpers h) {
        return "#define LS_BF16 1\n" + defines() + KernelSource.load(h.file) + "\n" + body();
    }

    private static String define(String name, int value) { return "#define " + name + " " + value + "\n"; }
}
