package dev.longsight.kernels.attention;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenCL C of the tensor-core prefill ({@link MmaPrefillKernel}), one template for bf16 and
 * tf32, and for two sets of warp-level helpers:
 * <ul>
 *   <li>{@link Helpers#PTX}: inline PTX ({@code mma.sync}, {@code shfl.sync}, {@code cvt}) for
 *       NVIDIA's OpenCL compiler (sm_80 and later);</li>
 *   <li>{@link Helpers#PORTABLE}: plain OpenCL C with the same semantics, lanes exchanging fragments
 *       through local memory between barriers, for PoCL in CI (and any other OpenCL device).</li>
 * </ul>
 * The kernel logic around the helpers is the same text in both, so CI checks what the GPU runs.
 *
 * <p>Algorithm (FlashAttention-2 with {@code mma.sync}): one work-group = {@code BM} = 64 or 128
 * query rows of one head; a warp owns {@code MT} m-tiles of 16 rows (bf16: 2 by default, "r32", so
 * each K and V fragment it loads from local memory feeds two mma, as in FlashAttention-2; tf32: 1).
 * Q's mma A-fragments stay in registers (tf32), or (bf16, "qgl") are read from L1 per key tile with Q
 * stored in fragment order; each key tile of {@code BN} keys (32; bf16 with one
 * m-tile per warp: 64) is staged in local memory (K row-major, V transposed; bf16 by default in
 * two stages, "db2", so each tile's copy is issued a tile ahead), S = Q K^T and O += P V run as
 * m16n8k16 (bf16) or m16n8k8 (tf32) mma with fp32 accumulators; the softmax is done on the S accumulators in registers (row max across the 4 lanes of a row by
 * shuffles), and P is converted in registers into the A-fragments of the P V mma.
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
final class MmaPrefillSource {
    private MmaPrefillSource() {}

    /**
     * Query rows per work-group, for 4 or 8 slices of 16 rows ({@link TilePolicy}); a warp computes one
     * slice, or two with "r32".
     */
    static int bm(int slices) { return 16 * slices; }

    /** m-tiles of 16 rows per warp: "r32" (bf16 only) gives each warp 32 rows, so every K and V fragment it loads from local memory feeds two mma. */
    static int mt(Precision p, Set<String> opts) { return p == Precision.BF16 && opts.contains("r32") ? 2 : 1; }

    /** Work-items per group: one warp per {@link #mt} slices. */
    static int threads(Precision p, int slices) { return threads(p, OPTS, slices); }

    static int threads(Precision p, Set<String> opts, int slices) { return 32 * slices / mt(p, opts); }

    /** Lengths are padded to the largest query tile. */
    static final int MAX_BM = 128;
    /** Keys per tile: K and V^T tiles are 16 KiB each in both precisions. */
    static int bn(Precision p) { return bn(p, OPTS); }

    static int bn(Precision p, Set<String> opts) { return p == Precision.BF16 && !opts.contains("bn32") && mt(p, opts) == 1 ? 64 : 32; }

    /** Ints of local memory for the K and V^T tiles (two stages with "db2"); the epilogue passes O through the same space. */
    static int tileInts(Precision p, Set<String> opts) {
        return (db2(p, opts) ? 2 : 1) * stageInts(p, opts);
    }

    /** One K tile and one V^T tile. */
    private static int stageInts(Precision p, Set<String> opts) {
        return 2 * bn(p, opts) * AttentionShape.MAX_HEAD_DIM * (p == Precision.BF16 ? 2 : 4) / 4;
    }

    /**
     * Two K/V stages: only where a stage is 16 KiB (bf16, 32-key tiles), so that two fit with room
     * under NVIDIA's 48 KiB; elsewhere the option is off and a result's label does not claim it.
     */
    static boolean db2(Precision p, Set<String> opts) { return opts.contains("db2") && stageInts(p, opts) * 4 <= 16 * 1024; }

    /** Rows of O per pass of the epilogue: as many fp32 rows as the tiles' space holds. */
    static int passRows(Precision p, Set<String> opts, int slices) {
        return Math.min(bm(slices), tileInts(p, opts) / AttentionShape.MAX_HEAD_DIM);
    }
    /** Head dims are padded to this (one k-group of the index permutation). */
    static final int D_ALIGN = 32;
    /**
     * Local memory (ints): K and V^T tiles (16 KiB each at 64 bf16 or 32 tf32 keys, 8 KiB at 32 bf16
     * keys), the Q tile with "qlds" (bf16: 16 KiB), the portable helpers' exchange area, and 16 bytes of slack to
     * align the base: measured on the H100, the kernel faults ("unknown error -9999") when it assumes
     * the local buffer is 16-byte aligned. NVIDIA OpenCL allows 48 KiB per work-group, and a kernel
     * at exactly 48 KiB failed to launch ("out of resources").
     */
    static int ldsInts(Precision p, Helpers h, Set<String> opts, int slices) {
        int es = p == Precision.BF16 ? 2 : 4;
        int tiles = tileInts(p, opts) + (effective(p, opts, "h64") ? stageInts(p, opts) / 2 : 0); // "h64": a third K tile
        int q = qlds(p, opts) ? bm(slices) * AttentionShape.MAX_HEAD_DIM * es / 4 : 0;
        int t = threads(p, opts, slices);
        int scratch = t / 32 * 192 + t; // per warp: A and B fragments; per work-item: one float
        int ints = tiles + q + (h == Helpers.PORTABLE ? scratch : 0) + 4;
        if (h == Helpers.PTX && ints * 4 >= 48 * 1024) {
            throw new IllegalArgumentException("longsight.mma.opts " + opts + ": " + ints * 4 + " bytes of local memory per work-group"
                    + " do not fit NVIDIA's 48 KiB (qlds needs bn32)");
        }
        return ints;
    }

    /** Q from local memory: bf16 only (an fp32 Q tile would not fit next to the K and V tiles). */
    static boolean qlds(Precision p, Set<String> opts) { return p == Precision.BF16 && opts.contains("qlds"); }

    /** Which warp-level helpers the source uses. */
    enum Helpers {
        PTX("inline PTX mma.sync"),
        PORTABLE("portable OpenCL C");

        final String description;

        Helpers(String description) { this.description = description; }
    }

    /**
     * Code-level options ({@code -Dlongsight.mma.opts=a,b}), how tiles reach local memory:
     * "cpasync" copies them with {@code cp.async} (no registers held; the V tile's copy overlaps Q
     * K^T and the next K tile's overlaps P V; on the portable helpers a plain copy); without it,
     * "pipe" issues the same global loads at the same points into registers and stores them once the
     * buffer is free; with neither, each tile is loaded right before it is stored. "nocopy" is a
     * diagnostic that gives WRONG results: key tiles after the first are not copied (the kernel computes
     * on stale local memory), to time the kernel without its global-to-local traffic. "stlds" passes O
     * through local memory and writes it in rows of 16-byte stores; without it each lane writes its
     * accumulator fragments with 4-byte stores (a warp instruction touches 8 rows). Measured on the H100
     * in one call (8 warps, kernels/BENCHMARKS.md): bf16 paper-power 128K 195.3 -> 207.7 TFLOP/s, full
     * 32K 227.0 -> 236.0; 8-byte fragment stores (two columns each) reached 205.1 and 229.2; tf32 full
     * 32K 126.2 against 102.6 in an earlier call. "r32" (bf16) gives each warp 32 query rows (two
     * m-tiles sharing every K and V fragment) and 32-key tiles: half the local-memory reads per mma,
     * half the warps per group, two groups per SM; measured on the H100 (kernels/BENCHMARKS.md) bf16
     * full 32K 231.5 -> 251.1, full 128K 239.7 -> 264.9, paper-power 128K 205.7 -> 220.5 TFLOP/s in one
     * call, with 312 bytes of register spills.
     * "owarp" (bf16 with "r32"; "stlds" elsewhere) is "stlds" without the warps taking turns: each
     * warp passes its own rows through its own 4 KiB of the tiles' space, 8 rows at a time, with
     * warp-level syncs (on the portable helpers, group barriers that every warp reaches alike); on
     * tf32 it lost 12% (kernels/BENCHMARKS.md), so there "stlds" stays. "db2" (bf16 with 32-key tiles) keeps two K/V stages, so
     * that tile i + 1's copies are issued a whole tile before they are needed (half a tile with one
     * stage); two barriers per tile as before. Measured on the H100 in one call (kernels/BENCHMARKS.md),
     * r32 -> r32 with db2 and owarp: paper-power 128K 217.7 -> 230.0 TFLOP/s (speedup over full 0.82 ->
     * 0.87 of ideal), full 32K 249.5 -> 256.5, full 128K 263.9 -> 264.0; 216 bytes of spills against
     * 312. Either alone gained little (owarp: power 220.0; db2: power 220.8, full 128K 255.7).
     * "dfirst" (bf16 with "db2") takes each row's diagonal block first (every layout row ends with it),
     * so the first tile's copies go out at the group's start instead of after two dependent loads of the
     * layout (the first data arrives 0.4K cycles sooner; clock records). Measured on the H100
     * (kernels/BENCHMARKS.md), without and with it in one call: full 32K 253.7 -> 260.1 TFLOP/s, full
     * 128K 267.7 -> 272.2, paper-power 128K 228.5 -> 230.8; in the final call of the sixth session
     * full 128K 263.0 -> 266.9, paper-power 128K 229.6 -> 234.5 (speedup over full 0.873 -> 0.879 of
     * ideal). On tf32 (one stage) it cost 3% (full 32K 128.0 -> 124.6), so there it is off.
     * "qgl" (bf16) reads Q's fragments from global memory (L1) for each key tile and 32-dim group instead of
     * holding all 64 registers of them across the loop; Q is stored in mma fragment order ({@link
     * MmaOperands#element}) so that each 16-byte load is one A-fragment (from row-major Q the gathers
     * took 275 register moves per tile and 13% of the speed). Alone it measured the same as without it,
     * with spills down from 240 to 44 bytes. "dhalf" (bf16 with "r32" and "dfirst") uses the room: warps
     * own m-tiles w and 7 - w, and the diagonal block's keys past the tile's first half of rows run first,
     * for the warps' second m-tiles alone, in a loop of their own (the first m-tiles' rows all precede
     * them); then the diagonal's first half and the other blocks as before. Measured on the H100 with
     * "qgl" in one call, three runs each against the previous default (kernels/BENCHMARKS.md): full 32K
     * 258.4-261.3 -> 266.2-268.4 TFLOP/s, full 128K 266.4-266.6 -> 273.3, paper-power 128K 232.4-234.2
     * -> 238.2-240.5, with 28 bytes of spills. The forms that skipped masked m-tiles per warp (a guard
     * predicate on each mma, a branch per tile) were exact but 17-20% slower.
     * "h64" (inline PTX, with "dhalf") takes that second half (64 keys) in one step of two key tiles
     * instead of two steps, with a third K tile in local memory so that the next block's K arrives
     * during it. Measured on the H100 in one call, three runs each against the previous default
     * (kernels/BENCHMARKS.md, ninth session): full 32K 265.9-269.9 -> 268.2-272.0 TFLOP/s, full 128K
     * 274.6 -> 279.6-279.7, paper-power 128K 237.5-239.0 -> 242.5-245.4; the speedup over full stays
     * (0.865-0.870 -> 0.867-0.878), as the gain is the register allocation's as much as the step's.
     * The portable helpers run "dhalf"'s two steps instead: PoCL's compiler spent more than 15 minutes
     * on this step and 6.6 on a branch-free form of it (9.6 s on the rest of the kernel), and the
     * branch-free form compiled worse on the GPU (124 / 228 bytes of spills, full 128K 271.3).
     * "tmix" (bf16) changes only the dispatch order: every head's last {@link #TMIX_LIGHT} query tiles
     * (its shortest layout rows) come at the launch's end, the heads interleaved, so that the last wave
     * holds the shortest rows of all heads. Measured on the H100 against the previous default in one call,
     * three runs each (kernels/BENCHMARKS.md, tenth session, g69): full 32K 268.1-269.5 -> 272.5-274.7
     * TFLOP/s, full 128K 279.6 -> 281.3, paper-power 128K 242.1-242.6 -> 244.3-245.8 (speedup over full
     * 0.866-0.868 -> 0.868-0.874), paper-power 32K and the sliding window within 1%. Much of it is the
     * register allocation's (spills 92 / 164 -> 48 / 48 bytes, the same for every light count tried), not
     * the order's: in the fifth session the order alone gained 0.5%. tf32 keeps its measured order.
     * Diagnostics that give WRONG results, to find the bound:
     * "vone" reads one V fragment per 32 keys (P V's local reads cut to 1/16), "noexp" drops the
     * exponentials, "osum" writes one float per O row instead of the row. "clock" (PTX only; WRONG
     * LSE) writes a record per group into LSE instead (32 ints at (head * groups + group id) * 32): SM
     * id, blocks, {@code %globaltimer} at start and end, {@code %clock64} at start, loop entry, first
     * tile's data ready, last block's start, loop exit, normalisers done, the epilogue's first barrier
     * and end, and each warp's loop exit; to see where a group's time goes.
     */
    static final List<String> OPTION_NAMES = List.of("pipe", "cpasync", "qlds", "bn32", "nocopy", "stlds", "r32", "vone", "noexp", "osum", "clock", "owarp", "db2", "dfirst", "dhalf", "qgl", "h64", "tmix");
    static final String DEFAULT_OPTS = "cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,stlds,tmix";
    static final Set<String> OPTS = options(System.getProperty("longsight.mma.opts", DEFAULT_OPTS));

    static Set<String> options(String spec) { return SourceOptions.parse("longsight.mma.opts", OPTION_NAMES, spec); }

    /** The options that shape {@code p}'s source, for a result's label ("r32", "qlds" and "db2" are bf16's alone). */
    static String label(Precision p, Helpers h) {
        return String.join(",", OPTS.stream().filter(o -> effective(p, OPTS, o) && (h == Helpers.PTX || !PTX_ONLY.contains(o))).toList());
    }

    /** Options whose code only the inline-PTX source has; the portable source runs the same tiles without them. */
    static final Set<String> PTX_ONLY = Set.of("h64");

    /** Whether option {@code o} is on in {@code p}'s source. */
    static boolean effective(Precision p, Set<String> opts, String o) {
        return switch (o) {
            case "qlds" -> qlds(p, opts);
            case "db2" -> db2(p, opts);
            case "r32" -> mt(p, opts) == 2;
            case "owarp" -> opts.contains("owarp") && mt(p, opts) == 2;
            case "stlds" -> opts.contains("stlds") && !effective(p, opts, "owarp");
            case "dfirst" -> opts.contains("dfirst") && db2(p, opts);
            case "dhalf" -> opts.contains("dhalf") && mt(p, opts) == 2 && effective(p, opts, "dfirst");
            case "h64" -> opts.contains("h64") && effective(p, opts, "dhalf");
            case "tmix" -> p == Precision.BF16 && opts.contains("tmix");
            case "qgl" -> p == Precision.BF16 && opts.contains("qgl") && !qlds(p, opts);
            default -> opts.contains(o);
        };
    }

    /**
     * "tmix": query tiles per head that go to the launch's interleaved end, about one wave's share of each
     * head (the H100 holds 264 groups, 8 heads: 33). Measured in one call (g68), three runs each, bf16 at 32K
     * and 128K: 32, 64 and 128 ran full attention and paper-power 128K alike; 128 cost paper-power 32K 3%
     * (221.4-222.3 TFLOP/s against 228.4-229.6), 64 cost it 0.5%, 32 nothing.
     */
    static final int TMIX_LIGHT = 32;

    /** Parameters of {@code ls_mma_prefill}, in order: each names a field of {@link MmaPrefillKernel}. */
    static final String[] PARAMS = {"qH", "kH", "vH", "qF", "kF", "vF", "rowOffsets", "rowBlocks", "oOut", "lseOut",
        "seqLen", "seqPad", "headDim", "dPad", "blockSize", "groupSize", "qStart", "qEnd", "scale", "lds"};

    static String source(Precision p, Helpers h, int slices) { return source(p, h, OPTS, slices); }

    static String source(Precision p, Helpers h, Set<String> opts, int slices) {
        if (slices != 4 && slices != 8) throw new IllegalArgumentException("the mma kernel's query tiles are 4 or 8 slices of 16 rows, not " + slices);
        if (!p.tensorCores()) throw new IllegalArgumentException("the mma kernel computes in tf32 or bf16, not " + p.id());
        StringBuilder defs = new StringBuilder();
        for (String o : OPTION_NAMES) {
            boolean on = effective(p, opts, o);
            defs.append("#define LS_").append(o.toUpperCase(Locale.ROOT)).append(on ? " 1\n" : " 0\n");
        }
        defs.append("#define TMIX_LIGHT ").append(TMIX_LIGHT).append('\n');
        defs.append("#define LS_BF16 ").append(p == Precision.BF16 ? 1 : 0).append('\n');
        defs.append("#define LS_PTX ").append(h == Helpers.PTX ? 1 : 0).append('\n');
        int threads = threads(p, opts, slices);
        if (effective(p, opts, "owarp") && threads / 32 * 8 * AttentionShape.MAX_HEAD_DIM > tileInts(p, opts)) {
            throw new IllegalStateException("owarp's 8 fp32 rows per warp do not fit the tiles' space: " + opts); // no shape of this kernel does that
        }
        defs.append("#define PASS_ROWS ").append(passRows(p, opts, slices)).append('\n');
        defs.append("#define MT ").append(mt(p, opts)).append('\n');
        defs.append("#define WARPS ").append(threads / 32).append("\n#define BM ").append(bm(slices)).append("\n#define THREADS ").append(threads).append("\n#define BN ").append(bn(p, opts))
                .append("\n#define DMAX ").append(AttentionShape.MAX_HEAD_DIM).append('\n');
        return defs + BODY;
    }

    private static final String BODY = """
        #define NEG_BIG (-3.0e38f)
        #define NQ (DMAX / 32)   /* 32-dim groups of the head dim */
        #define NT (DMAX / 8)    /* 8-column n-tiles of O */
        #define NJ (BN / 8)      /* 8-key n-tiles of S */
        #if LS_BF16
        #define ES 2             /* bytes per element */
        #define SW 4             /* swizzle: 64 bytes apart for the two rows of a load phase */
        #define QV 1             /* 16-byte chunks per row per 32-dim group held by a lane */
        #else
        #define ES 4
        #define SW 1
        #define QV 2
        #endif
        #define EPC (16 / ES)            /* elements per 16-byte chunk */
        #define KRC (DMAX * ES / 16)     /* chunks per K row in local memory */
        #define VRC (BN * ES / 16)       /* chunks per V^T row in local memory */
        #define TILE_UINTS (BN * DMAX * ES / 4)
        #define STAGE_PER_ITEM (TILE_UINTS / 4 / THREADS) /* 16-byte chunks per work-item per tile */
        /* uint offset of 16-byte chunk c of row r in a swizzled tile with rc chunks per row */
        #define CHUNK(rc, r, c) (((r) * (rc) + ((c) ^ (((r) & 1) * ((rc) >= 8 ? SW : 0)))) * 4)
        /* (rows of 64 bytes, bf16 V^T at BN 32: the two rows of a phase are disjoint banks unswizzled) */
        #define LDS16(tile, rc, r, c) (*(__local const uint4 *)((tile) + CHUNK(rc, r, c)))
        /* 16-byte global loads: device allocations are aligned on NVIDIA; PoCL may run on the Java
           arrays themselves (8-byte aligned), where an aligned vector load faults. */
        #if LS_PTX
        #define GLD16(g, i) (((__global const uint4 *)(g))[i])
        #define GST16(p, v) (*(__global float4 *)(p) = (v))
        #else
        #define GLD16(g, i) vload4((i), (__global const uint *)(g))
        #define GST16(p, v) vstore4((v), 0, (p))
        #endif
        #define RW (16 * MT)                /* query rows per warp: MT m-tiles of 16 */
        /* The group's m-tile (of 16 rows) that is the warp's mi-th: with "dhalf" warp w owns m-tiles w and
           2 WARPS - 1 - w, so that every warp's first m-tile lies in the tile's first half of rows and its
           second in the second half; otherwise its MT m-tiles are consecutive. */
        #if LS_DHALF
        #define MROW(mi) ((mi) == 0 ? warp : 2 * WARPS - 1 - warp)
        #else
        #define MROW(mi) (warp * MT + (mi))
        #endif
        #define R0(mi) (row0 + 16 * MROW(mi) + gid) /* this lane's first row in m-tile mi; the other is 8 below */

        #if LS_PTX
        /* Full unrolling keeps fragments and accumulators in registers. */
        #define UNROLL _Pragma("unroll")
        #else
        /* Loops whose bodies hold barriers stay loops: unrolled, PoCL's compiler spends minutes on them. */
        #define UNROLL _Pragma("nounroll")
        #endif

        /* "clock": the first tile's data ready, and the last block's start (at the top of a tile) */
        #if LS_CLOCK
        #define CLOCK_TILE { if (ckw == 0) CLK(ckw); if (ckd == 0 && b == bEnd - 1) CLK(ckd); }
        #else
        #define CLOCK_TILE
        #endif
        #if LS_CLOCK && LS_PTX
        #define CLK(x) asm volatile("mov.u64 %0, %%clock64;" : "=l"(x) :: "memory")
        #define GTIMER(x) asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(x) :: "memory")
        #else
        #define CLK(x) ((x) = 0)
        #define GTIMER(x) ((x) = 0)
        #endif

        #if LS_PTX
        /* ---- NVIDIA: tensor cores and warp shuffles through inline PTX ---- */
        #if LS_BF16
        #define MMA(c, a0, a1, a2, a3, b0, b1) { float d0_, d1_, d2_, d3_; \\
          asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};" \\
              : "=f"(d0_), "=f"(d1_), "=f"(d2_), "=f"(d3_) \\
              : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1), "f"((c)[0]), "f"((c)[1]), "f"((c)[2]), "f"((c)[3])); \\
          (c)[0] = d0_; (c)[1] = d1_; (c)[2] = d2_; (c)[3] = d3_; }
        /* two floats -> bf16x2, round to nearest even; lo in the low half */
        uint ls_pack(float lo, float hi) { uint r; asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo)); return r; }
        #else
        #define MMA(c, a0, a1, a2, a3, b0, b1) { float d0_, d1_, d2_, d3_; \\
          asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};" \\
              : "=f"(d0_), "=f"(d1_), "=f"(d2_), "=f"(d3_) \\
              : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1), "f"((c)[0]), "f"((c)[1]), "f"((c)[2]), "f"((c)[3])); \\
          (c)[0] = d0_; (c)[1] = d1_; (c)[2] = d2_; (c)[3] = d3_; }
        uint ls_tf32(float x) { uint r; asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x)); return r; }
        #endif
        /* Not volatile: a pure function of the lanes' values (every lane runs it, control flow is uniform), free to schedule. */
        float ls_shfl_xor(float x, int m) { float y; asm("shfl.sync.bfly.b32 %0, %1, %2, 0x1f, 0xffffffff;" : "=f"(y) : "f"(x), "r"(m)); return y; }
        /* One MUFU.EX2: results below 2^-126 flush to zero (weights that small vanish next to the row's max, which is 1). */
        float ls_exp2(float x) { float y; asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x)); return y; }
        #define EXP2(x) ls_exp2(x)
        #define QUAD_MAX(x) { x = fmax(x, ls_shfl_xor(x, 1)); x = fmax(x, ls_shfl_xor(x, 2)); }
        /* orders the warp's local-memory accesses (__syncwarp) */
        #define WARP_SYNC() asm volatile("bar.warp.sync -1;" ::: "memory")
        #define QUAD_SUM(x) { x += ls_shfl_xor(x, 1); x += ls_shfl_xor(x, 2); }

        #else
        /* ---- Portable: the same warp-level semantics, lanes exchange through local memory ---- */
        #if LS_BF16
        #define MK 16
        float ls_elem(uint w, int upper) { return as_float(((w >> (16 * upper)) & 0xffffu) << 16); }
        /* A (16 x 16, row): lane (r%8)*4 + (k%8)/2, register r/8 + 2*(k/8), half k%2; B (16 x 8, col): lane n*4 + (k%8)/2, register k/8 */
        #define A_AT(x, r, k) ls_elem(x[(((r) >> 3) + 2 * ((k) >> 3)) * 32 + ((r) & 7) * 4 + (((k) & 7) >> 1)], (k) & 1)
        #define B_AT(x, k, n) ls_elem(x[128 + ((k) >> 3) * 32 + (n) * 4 + (((k) & 7) >> 1)], (k) & 1)
        uint ls_bf16(float x) { uint u = as_uint(x); return (u + 0x7fffu + ((u >> 16) & 1u)) >> 16; }
        uint ls_pack(float lo, float hi) { return ls_bf16(lo) | (ls_bf16(hi) << 16); }
        #else
        #define MK 8
        /* tensor cores read tf32: the low 13 mantissa bits are ignored */
        float ls_elem(uint w) { return as_float(w & 0xffffe000u); }
        /* A (16 x 8, row): lane (r%8)*4 + k%4, register r/8 + 2*(k/4); B (8 x 8, col): lane n*4 + k%4, register k/4 */
        #define A_AT(x, r, k) ls_elem(x[(((r) >> 3) + 2 * ((k) >> 2)) * 32 + ((r) & 7) * 4 + ((k) & 3)])
        #define B_AT(x, k, n) ls_elem(x[128 + ((k) >> 2) * 32 + (n) * 4 + ((k) & 3)])
        uint ls_tf32(float x) { uint u = as_uint(x); return (u + 0x1000u) & 0xffffe000u; }
        #endif
        /* One warp's mma: every lane publishes its fragments, then computes its four accumulators. */
        void ls_mma(float *c, uint a0, uint a1, uint a2, uint a3, uint b0, uint b1, __local uint *x, int lane) {
          x[lane] = a0; x[32 + lane] = a1; x[64 + lane] = a2; x[96 + lane] = a3; x[128 + lane] = b0; x[160 + lane] = b1;
          barrier(CLK_LOCAL_MEM_FENCE);
          const int g = lane >> 2, t = lane & 3;
          for (int e = 0; e < 4; e++) {
            const int r = g + 8 * (e >> 1), n = 2 * t + (e & 1);
            float acc = c[e];
            for (int k = 0; k < MK; k++) acc += A_AT(x, r, k) * B_AT(x, k, n);
            c[e] = acc;
          }
          barrier(CLK_LOCAL_MEM_FENCE);
        }
        #define MMA(c, a0, a1, a2, a3, b0, b1) { ls_mma((c), (a0), (a1), (a2), (a3), (b0), (b1), scr + warp * 192, lane); }
        float ls_quad(float v, __local float *x, int tid, int isMax) {
          x[tid] = v;
          barrier(CLK_LOCAL_MEM_FENCE);
          const int b = tid & ~3;
          const float r = isMax ? fmax(fmax(x[b], x[b + 1]), fmax(x[b + 2], x[b + 3])) : (x[b] + x[b + 1]) + (x[b + 2] + x[b + 3]);
          barrier(CLK_LOCAL_MEM_FENCE);
          return r;
        }
        #define QUAD_MAX(v) { v = ls_quad(v, (__local float *)(scr + WARPS * 192), tid, 1); }
        #define QUAD_SUM(v) { v = ls_quad(v, (__local float *)(scr + WARPS * 192), tid, 0); }
        #define EXP2(x) exp2(x)
        /* every warp runs the same passes, so a group barrier is uniform */
        #define WARP_SYNC() barrier(CLK_LOCAL_MEM_FENCE)
        #endif

        /* The two mma of one K fragment. Q's A-fragments mix rows R0 and R0 + 8: from row-major Q they are
           gathered from two 16-byte loads (qa: row R0, qb: row R0 + 8); with "qgl" Q is stored in fragment
           order (MmaOperands), so each load is one mma's A-fragment as it stands. */
        #if LS_QGL
        #define S_MMA2(c, qa, qb, kf) MMA(c, qa.x, qa.y, qa.z, qa.w, kf.x, kf.y) MMA(c, qb.x, qb.y, qb.z, qb.w, kf.z, kf.w)
        #else
        #define S_MMA2(c, qa, qb, kf) MMA(c, qa.x, qb.x, qa.y, qb.y, kf.x, kf.y) MMA(c, qa.z, qb.z, qa.w, qb.w, kf.z, kf.w)
        #endif
        /* ---- Q K^T for one 32-dim group q: A from registers, B (K rows kappa(j, gid)) from local memory;
           each K fragment serves the warp's MT m-tiles ---- */
        #if LS_BF16
        #define S_GROUP(sv, q, mf) UNROLL for (int j = 0; j < NJ; j++) { \\
            const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \\
            const uint4 kf = LDS16(kS, KRC, kr, 4 * (q) + tig); \\
            UNROLL for (int mi = (mf); mi < MT; mi++) { \\
              S_MMA2(sv[mi][j], qf[mi][q][0], qf[mi][q][1], kf) } }
        #else
        #define S_GROUP(sv, q, mf) UNROLL for (int j = 0; j < NJ; j++) { \\
            const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \\
            const uint4 k0 = LDS16(kS, KRC, kr, 8 * (q) + 2 * tig), k1 = LDS16(kS, KRC, kr, 8 * (q) + 2 * tig + 1); \\
            UNROLL for (int mi = (mf); mi < MT; mi++) { \\
              MMA(sv[mi][j], qf[mi][q][0].x, qf[mi][q][2].x, qf[mi][q][0].y, qf[mi][q][2].y, k0.x, k0.y) \\
              MMA(sv[mi][j], qf[mi][q][0].z, qf[mi][q][2].z, qf[mi][q][0].w, qf[mi][q][2].w, k0.z, k0.w) \\
              MMA(sv[mi][j], qf[mi][q][1].x, qf[mi][q][3].x, qf[mi][q][1].y, qf[mi][q][3].y, k1.x, k1.y) \\
              MMA(sv[mi][j], qf[mi][q][1].z, qf[mi][q][3].z, qf[mi][q][1].w, qf[mi][q][3].w, k1.z, k1.w) } }
        #endif
        #if LS_QLDS
        #define Q_FRAGS(q, mf) UNROLL for (int mi = (mf); mi < MT; mi++) { \\
            qf[mi][q][0] = LDS16(qS, KRC, 16 * MROW(mi) + gid, 4 * (q) + tig); \\
            qf[mi][q][1] = LDS16(qS, KRC, 16 * MROW(mi) + gid + 8, 4 * (q) + tig); }
        #elif LS_QGL
        /* "qgl": Q fragments are read from global memory (L1) for each key tile, one 32-dim group at a time,
           so that they hold 16 registers instead of 64 across the loop; Q is in fragment order (S_MMA2). */
        #define Q_FRAGS(q, mf) UNROLL for (int mi = (mf); mi < MT; mi++) { \\
            qf[mi][q][0] = GLD16(qG, qOff[mi] + (32 * (q)) / EPC); \\
            qf[mi][q][1] = GLD16(qG, qOff[mi] + (8 * dPad + 32 * (q)) / EPC); }
        #else
        #define Q_FRAGS(q, mf)
        #endif
        /* sv = Q K^T for the key tile in local memory */
        #define S_TILE(sv, mf) { \\
            UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int j = 0; j < NJ; j++) { sv[mi][j][0] = 0.f; sv[mi][j][1] = 0.f; sv[mi][j][2] = 0.f; sv[mi][j][3] = 0.f; } \\
            UNROLL for (int q = 0; q < NQ; q++) { \\
              if (32 * q >= dPad) break; /* uniform */ \\
              Q_FRAGS(q, mf) \\
              S_GROUP(sv, q, mf) } }
        /* Mask keys past the block's end or after the row (only tiles that reach this warp's diagonal or the end). */
        #define MASK_S(sv, t, ke, mf) if ((t) + BN > (ke) || (t) + BN - 1 > wrow0) { \\
            UNROLL for (int mi = (mf); mi < MT; mi++) MASK_MT(sv[mi], t, ke, mi) }
        /* One m-tile's scores (svm: its NJ n-tiles of keys from t); also "h64"'s. */
        #define MASK_MT(svm, t, ke, mi) { \\
              const int ra = R0(mi), rb = ra + 8; \\
              UNROLL for (int j = 0; j < NJ; j++) { \\
                const int key = (t) + 32 * (j >> 2) + 8 * tig + 2 * (j & 3); \\
                if (key >= (ke) || key > ra) svm[j][0] = NEG_BIG; \\
                if (key + 1 >= (ke) || key + 1 > ra) svm[j][1] = NEG_BIG; \\
                if (key >= (ke) || key > rb) svm[j][2] = NEG_BIG; \\
                if (key + 1 >= (ke) || key + 1 > rb) svm[j][3] = NEG_BIG; } }
        #if LS_NOEXP
        #define PEXP(x) (x)
        #else
        #define PEXP(x) EXP2(x)
        #endif
        /* Online softmax of one tile: sv becomes P (unnormalised); O and the row sums are rescaled to the new max. */
        #define SOFTMAX(sv, mf) UNROLL for (int mi = (mf); mi < MT; mi++) { \\
            float mx0 = m0[mi], mx1 = m1[mi]; \\
            UNROLL for (int j = 0; j < NJ; j++) { mx0 = fmax(mx0, fmax(sv[mi][j][0], sv[mi][j][1])); mx1 = fmax(mx1, fmax(sv[mi][j][2], sv[mi][j][3])); } \\
            QUAD_MAX(mx0) \\
            QUAD_MAX(mx1) \\
            const float c0 = EXP2((m0[mi] - mx0) * sl2), c1 = EXP2((m1[mi] - mx1) * sl2); \\
            m0[mi] = mx0; m1[mi] = mx1; \\
            const float ms0 = mx0 * sl2, ms1 = mx1 * sl2; \\
            l0[mi] *= c0; l1[mi] *= c1; \\
            UNROLL for (int j = 0; j < NJ; j++) { \\
              sv[mi][j][0] = PEXP(fma(sv[mi][j][0], sl2, -ms0)); sv[mi][j][1] = PEXP(fma(sv[mi][j][1], sl2, -ms0)); \\
              sv[mi][j][2] = PEXP(fma(sv[mi][j][2], sl2, -ms1)); sv[mi][j][3] = PEXP(fma(sv[mi][j][3], sl2, -ms1)); \\
              l0[mi] += sv[mi][j][0] + sv[mi][j][1]; l1[mi] += sv[mi][j][2] + sv[mi][j][3]; } \\
            UNROLL for (int nt = 0; nt < NT; nt++) { o[mi][nt][0] *= c0; o[mi][nt][1] *= c0; o[mi][nt][2] *= c1; o[mi][nt][3] *= c1; } }
        /* O += P V for the tile: P (sv) becomes A-fragments in registers, V^T from local memory; each V
           fragment serves the warp's MT m-tiles. */
        #if LS_BF16
        #define PV(sv, mf) { \\
            UNROLL for (int s2 = 0; s2 < BN / 32; s2++) { \\
              uint a[MT][2][4]; \\
              UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int h = 0; h < 2; h++) { \\
                const int j0 = 4 * s2 + 2 * h, j1 = j0 + 1; \\
                a[mi][h][0] = ls_pack(sv[mi][j0][0], sv[mi][j0][1]); a[mi][h][1] = ls_pack(sv[mi][j0][2], sv[mi][j0][3]); \\
                a[mi][h][2] = ls_pack(sv[mi][j1][0], sv[mi][j1][1]); a[mi][h][3] = ls_pack(sv[mi][j1][2], sv[mi][j1][3]); } \\
              UNROLL for (int nt = 0; nt < NT; nt++) { \\
                if (8 * nt >= dPad) break; /* uniform */ \\
                const uint4 vf = LDS16(vS, VRC, (LS_VONE ? 0 : 8 * nt) + gid, 4 * s2 + tig); \\
                UNROLL for (int mi = (mf); mi < MT; mi++) { \\
                  MMA(o[mi][nt], a[mi][0][0], a[mi][0][1], a[mi][0][2], a[mi][0][3], vf.x, vf.y) \\
                  MMA(o[mi][nt], a[mi][1][0], a[mi][1][1], a[mi][1][2], a[mi][1][3], vf.z, vf.w) } } } }
        #else
        #define PV(sv, mf) { \\
            uint a[MT][4][4]; \\
            UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int j = 0; j < 4; j++) { \\
              a[mi][j][0] = ls_tf32(sv[mi][j][0]); a[mi][j][1] = ls_tf32(sv[mi][j][2]); a[mi][j][2] = ls_tf32(sv[mi][j][1]); a[mi][j][3] = ls_tf32(sv[mi][j][3]); } \\
            UNROLL for (int nt = 0; nt < NT; nt++) { \\
              if (8 * nt >= dPad) break; /* uniform */ \\
              const uint4 v0 = LDS16(vS, VRC, 8 * nt + gid, 2 * tig), v1 = LDS16(vS, VRC, 8 * nt + gid, 2 * tig + 1); \\
              UNROLL for (int mi = (mf); mi < MT; mi++) { \\
                MMA(o[mi][nt], a[mi][0][0], a[mi][0][1], a[mi][0][2], a[mi][0][3], v0.x, v0.y) \\
                MMA(o[mi][nt], a[mi][1][0], a[mi][1][1], a[mi][1][2], a[mi][1][3], v0.z, v0.w) \\
                MMA(o[mi][nt], a[mi][2][0], a[mi][2][1], a[mi][2][2], a[mi][2][3], v1.x, v1.y) \\
                MMA(o[mi][nt], a[mi][3][0], a[mi][3][1], a[mi][3][2], a[mi][3][3], v1.z, v1.w) } } }
        #endif
        /* Moves (t, ke, bb, ns) to the next key tile of the layout row; bb == bEnd past the last. */
        #if LS_DHALF
        /* (the diagonal's second part, which starts at tFirst, ends at dEnd) */
        #define BLOCK_END(t) ((t) == tFirst ? dEnd : min((t) + blockSize, lastRow + 1))
        #else
        #define BLOCK_END(t) min((t) + blockSize, lastRow + 1)
        #endif
        #define ADVANCE(t, ke, bb, ns) { (t) += BN; \\
            if ((t) >= (ke)) { (bb)++; \\
              if ((bb) < bEnd) { (t) = (ns); (ke) = BLOCK_END(t); (ns) = (bb) + 1 < bEnd ? rowBlocks[(bb) + 1] * blockSize : 0; } } }

        /* Global -> registers -> local staging, 16 bytes per step; K (BN, dPad) row-major, V^T (dPad, BN). */
        #define LOAD_K(dst, t) for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / KRC, c = i % KRC; \\
            dst[u] = c * EPC < dPad ? GLD16(kG, ((kvh * seqPad + (t) + r) * dPad) / EPC + c) : (uint4)(0u); }
        #define STORE_K(src) for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / KRC, c = i % KRC; \\
            *(__local uint4 *)(kS + CHUNK(KRC, r, c)) = src[u]; }
        #define LOAD_V(dst, t) for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / VRC, c = i % VRC; \\
            dst[u] = r < dPad ? GLD16(vG, ((kvh * dPad + r) * seqPad + (t)) / EPC + c) : (uint4)(0u); }
        #define STORE_V(src) for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / VRC, c = i % VRC; \\
            *(__local uint4 *)(vS + CHUNK(VRC, r, c)) = src[u]; }
        /* Asynchronous copies; chunks past dPad are skipped (never read). */
        #if LS_PTX
        #define CP16(dst, g, i) asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" :: "r"((uint)(size_t)(dst)), "l"((ulong)(size_t)((g) + 4 * (i))))
        #define CP_COMMIT() asm volatile("cp.async.commit_group;")
        #define CP_WAIT() asm volatile("cp.async.wait_group 0;" ::: "memory")
        #define CP_WAIT1() asm volatile("cp.async.wait_group 1;" ::: "memory")
        #else
        #define CP16(dst, g, i) (*(__local uint4 *)(dst) = GLD16(g, i))
        #define CP_COMMIT()
        #define CP_WAIT()
        #define CP_WAIT1()
        #endif
        #if LS_NOCOPY
        #define COPY_K(t) { if ((t) == tFirst) COPY_K_(t) else { CP_COMMIT(); } }
        #define COPY_V(t) { if ((t) == tFirst) COPY_V_(t) else { CP_COMMIT(); } }
        #else
        #define COPY_K(t) COPY_K_(t)
        #define COPY_V(t) COPY_V_(t)
        #endif
        /* The first tile's copies (V^T's too with two stages; with one, the loop copies it) */
        #define FIRST_COPIES(t) { COPY_K(t) if (LS_DB2) COPY_V(t) }
        #define COPY_K_(t) COPY_K_TO(kS, t)
        #define COPY_V_(t) COPY_V_TO(vS, t)
        #define COPY_K_TO(dst, t) { for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / KRC, c = i % KRC; \\
            if (c * EPC < dPad) CP16((dst) + CHUNK(KRC, r, c), kG, ((kvh * seqPad + (t) + r) * dPad) / EPC + c); } CP_COMMIT(); }
        #define COPY_V_TO(dst, t) { for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / VRC, c = i % VRC; \\
            if (r < dPad) CP16((dst) + CHUNK(VRC, r, c), vG, ((kvh * dPad + r) * seqPad + (t)) / EPC + c); } CP_COMMIT(); }

        /* One key tile with two stages (see the loop), for the warps' m-tiles from MF on (1: the second
           alone, "dhalf"); the loop is left after the last tile (done) or where STAY is false. */
        #define DB2_TILE(MF, STAY) \\
            CP_WAIT1(); /* K(i); V(i) may be in flight */ \\
            barrier(CLK_LOCAL_MEM_FENCE); /* K(i) visible; every warp is done with tile i - 1, whose stage the next copies reuse */ \\
            CLOCK_TILE \\
            int nt0 = t0, nkEnd = kEnd, nb = b; /* the next tile of the layout row (uniform) */ \\
            ADVANCE(nt0, nkEnd, nb, nextStart) \\
            const bool more = nb < bEnd; \\
            if (more) COPY_K_TO(kN, nt0) else { CP_COMMIT(); } \\
            S_TILE(s, MF) MASK_S(s, t0, kEnd, MF) SOFTMAX(s, MF) \\
            CP_WAIT1(); /* V(i); K(i + 1) may be in flight */ \\
            barrier(CLK_LOCAL_MEM_FENCE); /* V^T(i) visible */ \\
            if (more) COPY_V_TO(vN, nt0) else { CP_COMMIT(); } \\
            PV(s, MF) \\
            if (!more) { done = true; break; } \\
            const bool stay = (STAY); \\
            t0 = nt0; kEnd = nkEnd; b = nb; \\
            { __local uint *x = kS; kS = kN; kN = x; x = vS; vS = vN; vN = x; } \\
            if (!stay) break;

        /* "h64": the diagonal's second half (keys [hStart, hStart + 2 BN), rows from hStart: the warps' second
           m-tiles) in one step of 64 keys instead of two tiles of 32. A tile's time is set by its chains of
           dependent mma, shuffles and exponentials, not by how many m-tiles a warp runs, so two tiles of
           one m-tile cost about what two of two m-tiles do; here S slot u holds key tile u (K in kS, kN)
           for the warp's m-tile 1, the softmax spans both, and P V runs over both V^T tiles. */
        #define H64_S { \
            UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { s[u][j][0] = 0.f; s[u][j][1] = 0.f; s[u][j][2] = 0.f; s[u][j][3] = 0.f; } \
            UNROLL for (int q = 0; q < NQ; q++) { \
              if (32 * q >= dPad) break; /* uniform */ \
              Q_FRAGS(q, 1) \
              UNROLL for (int j = 0; j < NJ; j++) { \
                const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \
                const uint4 ka = LDS16(kS, KRC, kr, 4 * q + tig), kb = LDS16(kN, KRC, kr, 4 * q + tig); \
                S_MMA2(s[0][j], qf[1][q][0], qf[1][q][1], ka) \
                S_MMA2(s[1][j], qf[1][q][0], qf[1][q][1], kb) } } }
        #define H64_MASK(ke) UNROLL for (int u = 0; u < 2; u++) MASK_MT(s[u], hStart + BN * u, ke, 1)
        #define H64_SOFTMAX { \
            float mx0 = m0[1], mx1 = m1[1]; \
            UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { \
              mx0 = fmax(mx0, fmax(s[u][j][0], s[u][j][1])); mx1 = fmax(mx1, fmax(s[u][j][2], s[u][j][3])); } \
            QUAD_MAX(mx0) \
            QUAD_MAX(mx1) \
            const float c0 = EXP2((m0[1] - mx0) * sl2), c1 = EXP2((m1[1] - mx1) * sl2); \
            m0[1] = mx0; m1[1] = mx1; \
            const float ms0 = mx0 * sl2, ms1 = mx1 * sl2; \
            l0[1] *= c0; l1[1] *= c1; \
            UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { \
              s[u][j][0] = PEXP(fma(s[u][j][0], sl2, -ms0)); s[u][j][1] = PEXP(fma(s[u][j][1], sl2, -ms0)); \
              s[u][j][2] = PEXP(fma(s[u][j][2], sl2, -ms1)); s[u][j][3] = PEXP(fma(s[u][j][3], sl2, -ms1)); \
              l0[1] += s[u][j][0] + s[u][j][1]; l1[1] += s[u][j][2] + s[u][j][3]; } \
            UNROLL for (int nt = 0; nt < NT; nt++) { o[1][nt][0] *= c0; o[1][nt][1] *= c0; o[1][nt][2] *= c1; o[1][nt][3] *= c1; } }
        /* O (m-tile 1) += P (slot u) V^T (tile vt) */
        #define H64_PV(u, vt) { \
            uint a[2][4]; \
            UNROLL for (int h = 0; h < 2; h++) { \
              const int j0 = 2 * h, j1 = j0 + 1; \
              a[h][0] = ls_pack(s[u][j0][0], s[u][j0][1]); a[h][1] = ls_pack(s[u][j0][2], s[u][j0][3]); \
              a[h][2] = ls_pack(s[u][j1][0], s[u][j1][1]); a[h][3] = ls_pack(s[u][j1][2], s[u][j1][3]); } \
            UNROLL for (int nt = 0; nt < NT; nt++) { \
              if (8 * nt >= dPad) break; /* uniform */ \
              const uint4 vf = LDS16((vt), VRC, 8 * nt + gid, tig); \
              MMA(o[1][nt], a[0][0], a[0][1], a[0][2], a[0][3], vf.x, vf.y) \
              MMA(o[1][nt], a[1][0], a[1][1], a[1][2], a[1][3], vf.z, vf.w) } }
        /* The step. On entry K and V^T of key tile hStart are being copied into kS, vS (FIRST_COPIES); the
           second tile's go to kN, vN, and the diagonal's first part's K to kX, so that it arrives during
           the step. Its V^T goes to vS once every warp is done with that tile; then the loop takes over
           at tFirst with kS and kX exchanged. */
        #define H64_STEP { \
            const int tB = hStart + BN; \
            const bool two = tB < kEnd; /* uniform */ \
            if (two) { COPY_K_TO(kN, tB) COPY_V_TO(vN, tB) } else { CP_COMMIT(); CP_COMMIT(); } \
            COPY_K_TO(kX, tFirst) \
            CP_WAIT1(); /* all but kX's copy */ \
            barrier(CLK_LOCAL_MEM_FENCE); \
            CLOCK_TILE \
            H64_S H64_MASK(kEnd) H64_SOFTMAX \
            H64_PV(0, vS) \
            barrier(CLK_LOCAL_MEM_FENCE); /* every warp is done with vS */ \
            COPY_V_TO(vS, tFirst) \
            if (two) H64_PV(1, vN) /* (uncopied, kN and vN hold stale data: masked S, but 0 * NaN would not be 0) */ \
            { __local uint *x = kS; kS = kX; kX = x; } \
            t0 = tFirst; kEnd = dEnd; b++; \
            nextStart = b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0; }

        /* The kernel; dPad is a literal where it is inlined for the common paddings (see ls_mma_prefill). */
        __attribute__((always_inline)) void ls_mma_body(__global int *qH, __global int *kH, __global int *vH,
                            __global float *qF, __global float *kF, __global float *vF,
                            __global int *rowOffsets, __global int *rowBlocks,
                            __global float *oOut, __global float *lseOut,
                            int seqLen, int seqPad, int headDim, const int dPad, int blockSize, int groupSize,
                            int qStart, int qEnd, float scale, __local int *lds) {
        #if LS_BF16
          __global const uint *qG = (__global const uint *)qH, *kG = (__global const uint *)kH, *vG = (__global const uint *)vH;
        #else
          __global const uint *qG = (__global const uint *)qF, *kG = (__global const uint *)kF, *vG = (__global const uint *)vF;
        #endif
          __local uint *const tiles = (__local uint *)(((size_t)lds + 15) & ~(size_t)15); /* the tiles, then O in the epilogue */
          __local uint *kS = tiles;                                                /* (BN, DMAX) swizzled */
          __local uint *vS = kS + TILE_UINTS;                                      /* (DMAX, BN) swizzled, V^T */
        #if LS_DB2
          __local uint *kN = vS + TILE_UINTS, *vN = kN + TILE_UINTS;             /* the other stage: the next tile */
        #if LS_H64
          __local uint *kX = vN + TILE_UINTS;                                    /* "h64": a third K tile */
          __local uint *qS = kX + TILE_UINTS;                                    /* (BM, DMAX) swizzled, qlds only */
        #else
          __local uint *qS = vN + TILE_UINTS;                                    /* (BM, DMAX) swizzled, qlds only */
        #endif
        #else
          __local uint *qS = vS + TILE_UINTS;                                    /* (BM, DMAX) swizzled, qlds only */
        #endif
          __local uint *scr = qS + (LS_QLDS ? BM * DMAX * ES / 4 : 0);             /* portable helpers only */
          const int tid = get_local_id(0), warp = tid >> 5, lane = tid & 31, gid = lane >> 2, tig = lane & 3;
          /* Query tiles of the chunk, longest layout rows (latest blocks) first, head after head. */
          const int tilesPerBlock = blockSize / BM;
        #if LS_TMIX
          /* "tmix": the last TMIX_LIGHT query tiles of every head (its shortest rows) come at the end with the
             heads interleaved, so that the launch ends on the shortest rows of all heads rather than on one
             head's run of medium rows. Groups are dispatched x fastest. */
          const int nTiles = get_num_groups(0), heads = get_num_groups(1), lin = get_group_id(1) * nTiles + get_group_id(0);
          const int light = min(nTiles, TMIX_LIGHT), heavy = nTiles - light;
          const int head = lin < heavy * heads ? lin / heavy : (lin - heavy * heads) % heads;
          const int g = lin < heavy * heads ? nTiles - 1 - lin % heavy : light - 1 - (lin - heavy * heads) / heads;
        #else
          const int head = get_global_id(1);
          const int g = get_num_groups(0) - 1 - get_group_id(0);
        #endif
          const int qBlock = qStart / blockSize + g / tilesPerBlock;
          const int row0 = qBlock * blockSize + (g % tilesPerBlock) * BM;
          const int rowEnd = min(row0 + BM, qEnd);
          if (row0 >= rowEnd) return; /* the whole group: uniform */
          const int wrow0 = row0 + 16 * MROW(0); /* the warp's first row; its rows are R0(mi) and R0(mi) + 8 for each m-tile mi */
          const int kvh = head / groupSize;
          const float sl2 = scale * 1.4426950408889634f;
        #if LS_CLOCK
          ulong gt0, ck0, ck1, ckw = 0, ckd = 0, ck2, ck2a, ckb = 0;
          GTIMER(gt0);
          CLK(ck0);
        #endif

          const int lastRow = rowEnd - 1;
        #if LS_DFIRST
          /* The diagonal block first: every layout row ends with it (BlockLayout), so the first tile's
             copies are issued before anything else, without waiting on two dependent loads of the layout;
             the row's other blocks follow in order ("b" counts from one before the row, and bEnd leaves
             the diagonal out). */
          const int tFirst = qBlock * blockSize;
          int b = rowOffsets[qBlock] - 1;
          const int bEnd = rowOffsets[qBlock + 1] - 1;
        #else
          int b = rowOffsets[qBlock];
          const int bEnd = rowOffsets[qBlock + 1];
          const int tFirst = rowBlocks[b] * blockSize;
        #endif
          int t0 = tFirst;
          int kEnd = min(t0 + blockSize, lastRow + 1);
        #if LS_DHALF
          /* "dhalf": the diagonal block in two parts, keys [hStart, kEnd) first, for the warps' second
             m-tiles alone (the first m-tiles' rows all precede hStart), then [tFirst, dEnd) followed by the
             other blocks: b starts one further back for the first part, and ADVANCE ends the second at
             dEnd. Exact: a skipped m-tile's S would be masked to NEG_BIG, its P 0 and its rescale 1. */
          const int hStart = row0 + 16 * WARPS, dEnd = min(hStart, kEnd);
          const bool halfFirst = hStart < kEnd;
          if (halfFirst) { t0 = hStart; b--; }
        #endif
        #if LS_CPASYNC && LS_DFIRST && !LS_QLDS
          FIRST_COPIES(t0)
        #endif

          uint4 qf[MT][NQ][2 * QV]; /* [m-tile][group][row R0 chunks..., row R0 + 8 chunks...]: dims 32q + 8 tig .. + 7 */
        #if LS_QGL
          int qOff[MT]; /* 16-byte units: row R0(mi), dims 8 tig .. */
          UNROLL
          for (int mi = 0; mi < MT; mi++) qOff[mi] = ((head * seqPad + R0(mi)) * dPad + 8 * tig) / EPC;
        #elif LS_QLDS
          /* The group's Q tile goes to local memory with the first K tile; fragments are read per key tile. */
          for (int u = 0; u < BM * KRC / THREADS; u++) {
            const int i = tid + THREADS * u, r = i / KRC, c = i % KRC;
            if (c * EPC < dPad) CP16(qS + CHUNK(KRC, r, c), qG, ((head * seqPad + row0 + r) * dPad) / EPC + c);
          }
          CP_COMMIT();
        #if !LS_CPASYNC
          CP_WAIT(); /* the loop's first barrier makes it visible */
        #endif
        #else
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            UNROLL
            for (int q = 0; q < NQ; q++) {
              if (32 * q >= dPad) break; /* uniform */
              for (int v = 0; v < QV; v++) {
                qf[mi][q][v] = GLD16(qG, ((head * seqPad + R0(mi)) * dPad + 32 * q + 8 * tig) / EPC + v);
                qf[mi][q][QV + v] = GLD16(qG, ((head * seqPad + R0(mi) + 8) * dPad + 32 * q + 8 * tig) / EPC + v);
              }
            }
          }
        #endif
          float o[MT][NT][4]; /* [m-tile][n-tile]: O rows R0 (0, 1) and R0 + 8 (2, 3), columns 8 nt + 2 tig + (0, 1) */
          float m0[MT], m1[MT], l0[MT], l1[MT]; /* raw-score max, this lane's share of the row sum (rows R0, R0 + 8) */
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            UNROLL
            for (int nt = 0; nt < NT; nt++) { o[mi][nt][0] = 0.f; o[mi][nt][1] = 0.f; o[mi][nt][2] = 0.f; o[mi][nt][3] = 0.f; }
            m0[mi] = NEG_BIG; m1[mi] = NEG_BIG; l0[mi] = 0.f; l1[mi] = 0.f;
          }

          /* The next block's start, loaded a block ahead: its global-load latency would otherwise stall the
             issue of the next K tile's copy at every block boundary. */
        #if LS_DHALF
          int nextStart = halfFirst ? tFirst /* the diagonal's second part */ : b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0;
        #else
          int nextStart = b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0;
        #endif
          float s[MT][NJ][4]; /* S of the warp's rows and the tile's BN keys (layout of S_GROUP) */
        #if !LS_CPASYNC
          uint4 stg[STAGE_PER_ITEM];
          LOAD_K(stg, t0)
          STORE_K(stg)
        #elif !LS_DFIRST || LS_QLDS
          FIRST_COPIES(t0) /* after "qlds"'s Q copy: the loop's waits count on Q's group being the oldest */
        #endif
        #if LS_CLOCK
          CLK(ck1);
        #endif
        #if LS_DB2
          /* Two stages: tile i + 1's K is copied while tile i's S, softmax and P V run, its V^T while tile
             i's P V and tile i + 1's S run (a tile of lead each, against half a tile with one stage). Every
             commit is a group (empty past the last tile), so "all but the newest group" is always the one needed. */
          bool done = false;
        #if LS_H64 && LS_PTX
          if (halfFirst) H64_STEP
          while (true) { DB2_TILE(0, 1) }
        #elif LS_DHALF && LS_PTX
          /* "dhalf": the diagonal block's keys from hStart on first, for the warps' second m-tiles alone, in
             a loop of their own with the m-tile range a literal (the other loop has no branch); it is left
             where the block changes. */
          if (halfFirst) { while (true) { DB2_TILE(1, nb == b) } }
          if (!done) { while (true) { DB2_TILE(0, 1) } }
        #elif LS_DHALF
          /* The same tiles in the same order in one loop, the first m-tile a variable: two copies of the
             tile cost PoCL's compiler minutes. */
          int mf = halfFirst;
          while (true) { const int bPrev = b; DB2_TILE(mf, 1) if (b != bPrev) mf = 0; }
        #else
          while (true) { DB2_TILE(0, 1) }
        #endif
        #else
          while (true) {
        #if LS_CPASYNC
            CP_WAIT();
        #endif
            barrier(CLK_LOCAL_MEM_FENCE); /* K tile visible; every warp is done reading the V^T tile */
            CLOCK_TILE
        #if LS_CPASYNC
            COPY_V(t0)
        #else
            LOAD_V(stg, t0)
        #if !LS_PIPE
            STORE_V(stg)
        #endif
        #endif
            S_TILE(s, 0)
            MASK_S(s, t0, kEnd, 0)
            SOFTMAX(s, 0)
        #if LS_CPASYNC
            CP_WAIT();
        #elif LS_PIPE
            STORE_V(stg)
        #endif
            barrier(CLK_LOCAL_MEM_FENCE); /* V^T tile visible; every warp is done reading the K tile */
            int nt0 = t0, nkEnd = kEnd, nb = b; /* the next tile of the layout row (uniform) */
            ADVANCE(nt0, nkEnd, nb, nextStart)
            const bool more = nb < bEnd;
        #if LS_CPASYNC
            if (more) COPY_K(nt0)
        #elif LS_PIPE
            if (more) LOAD_K(stg, nt0)
        #endif
            PV(s, 0)
            if (!more) break;
        #if !LS_CPASYNC
        #if !LS_PIPE
            LOAD_K(stg, nt0)
        #endif
            STORE_K(stg) /* every warp finished reading the K tile before the barrier above */
        #endif
            t0 = nt0; kEnd = nkEnd; b = nb;
          }
        #endif
        #if LS_CLOCK
          CLK(ck2);
        #endif
          float inv0[MT], inv1[MT]; /* O's normalisers, rows R0 and R0 + 8 */
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            QUAD_SUM(l0[mi])
            QUAD_SUM(l1[mi])
            inv0[mi] = 1.f / l0[mi]; inv1[mi] = 1.f / l1[mi];
            if (tig == 0 && !LS_CLOCK) {
              if (R0(mi) < rowEnd) lseOut[head * seqLen + R0(mi)] = m0[mi] * scale + log(l0[mi]);
              if (R0(mi) + 8 < rowEnd) lseOut[head * seqLen + R0(mi) + 8] = m1[mi] * scale + log(l1[mi]);
            }
          }
        #if LS_CLOCK
          CLK(ck2a);
        #endif
        #if LS_OSUM
          /* Diagnostic, WRONG O: one float per row (the row's sum) instead of the row, to time the kernel
             without O's HBM writes while the compiler keeps the computation. */
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            float a0 = 0.f, a1 = 0.f;
            UNROLL
            for (int nt = 0; nt < NT; nt++) { a0 += o[mi][nt][0] + o[mi][nt][1]; a1 += o[mi][nt][2] + o[mi][nt][3]; }
            QUAD_SUM(a0)
            QUAD_SUM(a1)
            if (tig == 0 && R0(mi) < rowEnd) oOut[(head * seqLen + R0(mi)) * headDim] = a0 * inv0[mi];
            if (tig == 0 && R0(mi) + 8 < rowEnd) oOut[(head * seqLen + R0(mi) + 8) * headDim] = a1 * inv1[mi];
          }
        #elif LS_OWARP
          /* As "stlds", but each warp passes its own rows through its own 4 KiB of the tiles' space, 8
             rows at a time, so the warps do not take turns (one group barrier: every warp is done with
             the V^T tile). */
          barrier(CLK_LOCAL_MEM_FENCE);
        #if LS_CLOCK
          CLK(ckb);
        #endif
          __local float *oW = (__local float *)tiles + warp * 8 * DMAX; /* (8, DMAX) fp32, swizzled */
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            UNROLL
            for (int e = 0; e < 2; e++) {
              const float inv = e == 0 ? inv0[mi] : inv1[mi];
              WARP_SYNC(); /* the warp is done reading the previous pass */
              UNROLL
              for (int nt = 0; nt < NT; nt++) {
                const int u = 4 * nt + tig;
                *(__local float2 *)(oW + gid * DMAX + 2 * (u ^ (gid << 2))) = (float2)(o[mi][nt][2 * e] * inv, o[mi][nt][2 * e + 1] * inv);
              }
              WARP_SYNC();
              const int prow0 = R0(mi) - gid + 8 * e;
              if ((headDim & 3) == 0) {
                for (int i = lane; i < 8 * (DMAX / 4); i += 32) {
                  const int r = i / (DMAX / 4), c4 = i % (DMAX / 4);
                  if (prow0 + r < rowEnd && 4 * c4 < headDim)
                    GST16(oOut + (head * seqLen + prow0 + r) * headDim + 4 * c4, *(__local const float4 *)(oW + r * DMAX + 2 * ((2 * c4) ^ (r << 2))));
                }
              } else {
                for (int i = lane; i < 8 * headDim; i += 32) {
                  const int r = i / headDim, c = i % headDim;
                  if (prow0 + r < rowEnd) oOut[(head * seqLen + prow0 + r) * headDim + c] = oW[r * DMAX + 2 * ((c >> 1) ^ (r << 2)) + (c & 1)];
                }
              }
            }
          }
        #elif LS_STLDS
          /* O leaves through local memory (the K and V^T tiles' space, PASS_ROWS rows at a time) in rows
             of 16-byte stores: a warp instruction writes whole 128-byte lines, where the fragments
             themselves would be 4-byte stores spread over 8 rows. float2 unit u of local row r sits at u ^ ((r & 7) << 2)
             so that the fragment writes of 8 rows spread over the banks. */
          __local float *oS = (__local float *)tiles; /* (PASS_ROWS, DMAX) fp32, swizzled */
          for (int pass = 0; pass < BM / PASS_ROWS; pass++) {
            barrier(CLK_LOCAL_MEM_FENCE); /* every warp is done with the V^T tile, or with the previous pass */
        #if LS_CLOCK
            if (pass == 0) CLK(ckb);
        #endif
            if (warp / (PASS_ROWS / RW) == pass) {
              UNROLL
              for (int mi = 0; mi < MT; mi++) {
                const int lr0 = (warp % (PASS_ROWS / RW)) * RW + 16 * mi + gid, lr1 = lr0 + 8;
                UNROLL
                for (int nt = 0; nt < NT; nt++) {
                  const int u = 4 * nt + tig;
                  *(__local float2 *)(oS + lr0 * DMAX + 2 * (u ^ ((lr0 & 7) << 2))) = (float2)(o[mi][nt][0] * inv0[mi], o[mi][nt][1] * inv0[mi]);
                  *(__local float2 *)(oS + lr1 * DMAX + 2 * (u ^ ((lr1 & 7) << 2))) = (float2)(o[mi][nt][2] * inv1[mi], o[mi][nt][3] * inv1[mi]);
                }
              }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            const int prow0 = row0 + pass * PASS_ROWS;
            if ((headDim & 3) == 0) {
              for (int i = tid; i < PASS_ROWS * (DMAX / 4); i += THREADS) {
                const int r = i / (DMAX / 4), c4 = i % (DMAX / 4);
                if (prow0 + r < rowEnd && 4 * c4 < headDim)
                  GST16(oOut + (head * seqLen + prow0 + r) * headDim + 4 * c4, *(__local const float4 *)(oS + r * DMAX + 2 * ((2 * c4) ^ ((r & 7) << 2))));
              }
            } else {
              for (int i = tid; i < PASS_ROWS * headDim; i += THREADS) {
                const int r = i / headDim, c = i % headDim;
                if (prow0 + r < rowEnd) oOut[(head * seqLen + prow0 + r) * headDim + c] = oS[r * DMAX + 2 * ((c >> 1) ^ ((r & 7) << 2)) + (c & 1)];
              }
            }
          }
        #else
          UNROLL
          for (int mi = 0; mi < MT; mi++) {
            UNROLL
            for (int e = 0; e < 2; e++) {
              const int row = R0(mi) + 8 * e;
              const float inv = e == 0 ? inv0[mi] : inv1[mi];
              if (row < rowEnd) {
                __global float *dst = oOut + (head * seqLen + row) * headDim;
                UNROLL
                for (int nt = 0; nt < NT; nt++) {
                  const int col = 8 * nt + 2 * tig;
                  if (col < headDim) dst[col] = o[mi][nt][2 * e] * inv;
                  if (col + 1 < headDim) dst[col + 1] = o[mi][nt][2 * e + 1] * inv;
                }
              }
            }
          }
        #endif
        #if LS_CLOCK
          {
            ulong ck3, gt1;
            CLK(ck3);
            GTIMER(gt1);
            uint sm = 0;
        #if LS_PTX
            asm volatile("mov.u32 %0, %%smid;" : "=r"(sm));
        #endif
            __global uint *rec = (__global uint *)lseOut + (get_group_id(1) * get_num_groups(0) + get_group_id(0)) * 32; /* in dispatch order */
            const ulong ck[] = {gt0, gt1, ck0, ck1, ckw, ckd, ck2, ck2a, ckb, ck3};
            if (tid == 0) {
              rec[0] = sm; rec[1] = (uint)(rowOffsets[qBlock + 1] - rowOffsets[qBlock]);
              for (int i = 0; i < 10; i++) { rec[2 + 2 * i] = (uint)ck[i]; rec[3 + 2 * i] = (uint)(ck[i] >> 32); }
            }
            if (lane == 0) rec[24 + warp] = (uint)ck2; /* each warp's loop exit, low bits */
          }
        #endif
        }

        #define LS_ARGS(dp) qH, kH, vH, qF, kF, vF, rowOffsets, rowBlocks, oOut, lseOut, seqLen, seqPad, headDim, dp, blockSize, groupSize, qStart, qEnd, scale, lds
        void ls_mma_prefill(__global int *qH, __global int *kH, __global int *vH,
                            __global float *qF, __global float *kF, __global float *vF,
                            __global int *rowOffsets, __global int *rowBlocks,
                            __global float *oOut, __global float *lseOut,
                            int seqLen, int seqPad, int headDim, int dPad, int blockSize, int groupSize,
                            int qStart, int qEnd, float scale, __local int *lds) {
        #if LS_PTX
          /* With a literal dPad the head-dim loops unroll without exit branches, which would otherwise cut
             every O tile's fragment load and mma pair into its own basic block (no overlap of their latencies). */
          if (dPad == DMAX) ls_mma_body(LS_ARGS(DMAX));
          else if (dPad == DMAX / 2) ls_mma_body(LS_ARGS(DMAX / 2));
          else ls_mma_body(LS_ARGS(dPad));
        #else
          ls_mma_body(LS_ARGS(dPad));
        #endif
        }
        """;
}
