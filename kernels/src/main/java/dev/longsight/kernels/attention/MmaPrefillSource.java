package dev.longsight.kernels.attention;

/**
 * Assembles the OpenCL C of the tensor-core prefill ({@link MmaPrefillKernel}): the variant's
 * {@link MmaTraits} as preprocessor constants, then one of two helper files, then the kernel body
 * ({@code mma_prefill.cl}), all resources beside this class:
 * <ul>
 *   <li>{@link Helpers#PTX} ({@code mma_helpers_ptx.cl}): inline PTX ({@code mma.sync}, {@code shfl.sync},
 *       {@code cp.async}, {@code cvt}) for NVIDIA's OpenCL compiler (sm_80 and later);</li>
 *   <li>{@link Helpers#PORTABLE} ({@code mma_helpers_portable.cl}): plain OpenCL C with the same semantics,
 *       lanes exchanging fragments through local memory between barriers, for PoCL in CI and any other
 *       OpenCL device.</li>
 * </ul>
 * The body is the same text for both, so the tests on PoCL run every line the GPU runs except the
 * bodies of the inline-PTX helpers.
 *
 * <p>Algorithm (FlashAttention-2 with {@code mma.sync}): one work-group = {@link MmaTraits#queryTile} = 64
 * or 128 query rows of one head; a warp owns 1 or 2 m-tiles of 16 rows (with 2, each K and V fragment it
 * loads from local memory feeds two mma). Each key tile of {@link #BN} keys is staged in local memory (K
 * row-major, V transposed) by asynchronous copies, in one or two stages; S = Q K^T and O += P V run as
 * m16n8k16 (bf16) or m16n8k8 (tf32) mma with fp32 accumulators; the softmax runs on the S accumulators in
 * registers (row max across the 4 lanes of a row by shuffles), and P is converted in registers into the
 * A-fragments of the P V mma.
 *
 * <p>Two index permutations make every fragment a 16-byte local load (no {@code ldmatrix}):
 * <ul>
 *   <li>head dim: within each 32-dim group, lane t's A/B k-slots hold dims 8t..8t+7, so one 16-byte
 *       load feeds two (bf16) or four (tf32) k-steps; Q and K use the same permutation, so Q K^T is
 *       unchanged;</li>
 *   <li>keys: column n of S n-tile j holds key {@code kappa(j, n) = 32(j/4) + 8(n/2) + 2(j%4) + n%2},
 *       so the keys a lane holds in its S accumulators are exactly the keys its P V A-fragment
 *       needs, and the matching V^T elements are 8 consecutive keys (one 16-byte load).</li>
 * </ul>
 * Local tiles are XOR-swizzled by row parity (16-byte chunk c of row r is stored at
 * {@code c ^ ((r & 1) * SW)}) so that the two rows served in one 128-bit load phase use disjoint
 * banks. V is transposed once on the host ((kvHeads, dPad, seqPad)); lengths are padded to 64 rows
 * and head dims to 32 columns with zeros, so the kernel has no bounds checks on loads.
 */
public final class MmaPrefillSource {
    private MmaPrefillSource() {}

    /** Lengths are padded to the largest query tile. */
    public static final int MAX_BM = 128;
    /** Keys per tile: K and V^T tiles of 8 KiB (bf16) or 16 KiB (tf32) each. */
    static final int BN = 32;
    /** Head dims are padded to this (one k-group of the index permutation). */
    static final int D_ALIGN = 32;
    /**
     * {@link MmaTraits#tailMix}'s query tiles per head, about one wave's share of each head (the H100 holds 264
     * groups, 8 heads: 33). Measured on the H100, bf16 at 32K and 128K: 32, 64 and 128 ran full attention
     * and paper-power 128K alike; 128 cost paper-power 32K 3%, 64 cost it 0.5%, 32 nothing.
     */
    static final int TAIL_MIX_TILES = 32;

    /** Which warp-level helpers the source uses. */
    public enum Helpers {
        PTX("inline PTX mma.sync", "mma_helpers_ptx.cl"),
        PORTABLE("portable OpenCL C", "mma_helpers_portable.cl");

        public final String description;
        public final String file;

        Helpers(String description, String file) {
            this.description = description;
            this.file = file;
        }
    }

    /** Ints of one K tile and one V^T tile. */
    static int stageInts(Precision p) { return 2 * BN * AttentionShape.MAX_HEAD_DIM * (p == Precision.BF16 ? 2 : 4) / 4; }

    /** Ints of local memory for the K and V^T tiles of every stage; the epilogue passes O through the same space. */
    static int tileInts(MmaTraits t) { return t.stages() * stageInts(t.precision()); }

    /** Rows of O per pass of the shared epilogue: as many fp32 rows as the tiles' space holds. */
    static int passRows(MmaTraits t) { return Math.min(t.queryTile(), tileInts(t) / AttentionShape.MAX_HEAD_DIM); }

    /**
     * Local memory (ints): K and V^T tiles, the diagonal step's third K tile, the portable helpers' exchange
     * area (per warp 192 ints of fragments, per work-item one float), and 16 bytes of slack to align the base:
     * measured on the H100, the kernel faults ("unknown error -9999") when it assumes the local buffer is
     * 16-byte aligned. NVIDIA OpenCL allows 48 KiB per work-group, and a kernel at exactly 48 KiB failed to
     * launch ("out of resources").
     */
    public static int ldsInts(MmaTraits t, Helpers h) {
        int tiles = tileInts(t) + (t.diagonalStep() ? stageInts(t.precision()) / 2 : 0);
        int scratch = h == Helpers.PORTABLE ? t.warps() * 192 + t.threads() : 0;
        int ints = tiles + scratch + 4;
        if (h == Helpers.PTX && ints * 4 >= 48 * 1024) {
            throw new IllegalArgumentException(t + ": " + ints * 4 + " bytes of local memory per work-group do not fit NVIDIA's 48 KiB");
        }
        return ints;
    }

    /** Parameters of {@code ls_mma_prefill}, in order: each names a field of {@link MmaPrefillKernel}. */
    static final String[] PARAMS = {"qH", "kH", "vH", "qF", "kF", "vF", "rowOffsets", "rowBlocks", "oOut", "lseOut",
        "seqLen", "seqPad", "headDim", "dPad", "blockSize", "groupSize", "qStart", "qEnd", "scale", "lds"};

    public static String source(MmaTraits t, Helpers h) {
        if (t.warpEpilogue() && t.warps() * 8 * AttentionShape.MAX_HEAD_DIM > tileInts(t)) {
            throw new IllegalArgumentException(t + ": the per-warp epilogue's 8 fp32 rows per warp do not fit the tiles' space");
        }
        String defines = define("LS_BF16", t.precision() == Precision.BF16)
                + define("MT", t.mTiles()) + define("WARPS", t.warps()) + define("BM", t.queryTile())
                + define("THREADS", t.threads()) + define("BN", BN) + define("DMAX", AttentionShape.MAX_HEAD_DIM)
                + define("STAGES", t.stages()) + define("DIAGONAL_STEP", t.diagonalStep()) + define("Q_FROM_L1", t.qFromL1())
                + define("WARP_EPILOGUE", t.warpEpilogue()) + define("TAIL_MIX", t.tailMix())
                + define("TAIL_MIX_TILES", TAIL_MIX_TILES) + define("PASS_ROWS", passRows(t));
        return defines + KernelSource.load(h.file) + "\n" + KernelSource.load("mma_prefill.cl");
    }

    private static String define(String name, int value) { return "#define " + name + " " + value + "\n"; }

    private static String define(String name, boolean on) { return define(name, on ? 1 : 0); }
}
