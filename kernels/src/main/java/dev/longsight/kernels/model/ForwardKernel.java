package dev.longsight.kernels.model;

import com.aparapi.Kernel;
import dev.longsight.kernels.attention.KernelSource;
import dev.longsight.kernels.attention.MmaPrefillSource;
import dev.longsight.kernels.attention.MmaTraits;
import dev.longsight.kernels.attention.OpenCLSourceInjection;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.attention.TilePolicy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Aparapi kernel object of a {@link DeviceLlama}: it owns every device buffer of the forward
 * (Aparapi keeps buffers per kernel object, and a buffer cannot pass from one kernel object to
 * another without a round trip through the host), and each launch runs one stage of
 * {@code forward.cl}, chosen by {@link #stage}. OpenCL only: the OpenCL C (attention, GEMM, stages)
 * is installed by {@link OpenCLSourceInjection}; on Java threads the forward is {@link ReferenceLlama}.
 *
 * <p>One subclass per helper set and query tile, because Aparapi caches compiled source per kernel class.
 */
abstract class ForwardKernel extends Kernel {
    /** Work-items per RMSNorm group. */
    static final int NORM_THREADS = 128;

    // Buffers; 1-element until sized. bf16 tensors are pairs of 16-bit patterns in an int (even element low).
    int[] tokens = new int[1];      // (seqCap)
    int[] embed = new int[1];       // bf16 pairs (vocab, hidden / 2)
    int[] head = new int[1];        // bf16 pairs (vocab, hidden / 2); 1 element when tied to embed
    // bf16 pairs: whole layers' matrices (DeviceWeights' slabs); unused slabs 1 element. Separate fields because
    // Aparapi binds one buffer per array field and each buffer must stay below 2 GiB.
    int[] slab0 = new int[1], slab1 = new int[1], slab2 = new int[1], slab3 = new int[1], slab4 = new int[1], slab5 = new int[1],
            slab6 = new int[1], slab7 = new int[1], slab8 = new int[1], slab9 = new int[1], slab10 = new int[1], slab11 = new int[1],
            slab12 = new int[1], slab13 = new int[1], slab14 = new int[1], slab15 = new int[1];
    float[] vectors = new float[1]; // (layers * layerFloats) every layer's norms and biases (DeviceWeights' layout)
    float[] finalNorm = new float[1]; // (hidden)
    float[] invFreq = new float[1];   // (headDim / 2) RoPE inverse frequencies, scaling applied
    int[] x = new int[1];           // bf16 pairs (seqPad, hidden / 2) residual stream
    int[] qH = new int[1];          // bf16 pairs (heads, seqPad, dPad / 2), fragment order
    int[] kH = new int[1];          // bf16 pairs (kvHeads, seqPad, dPad / 2)
    int[] vH = new int[1];          // bf16 pairs (kvHeads, dPad, seqPad / 2), V transposed
    float[] fPad = new float[1];    // the attention's unused fp32 operands
    int[] rowOffsets = new int[1];  // (numQBlocks + 1)
    int[] rowBlocks = new int[1];   // (total blocks)
    float[] attnO = new float[1];   // (heads, chunk, headDim)
    float[] lse = new float[1];     // (heads, chunk)
    int[] act16 = new int[1];       // bf16 pairs (max(chunk, positions), maxIn / 2)
    float[] act = new float[1];     // (chunk, maxOut)
    int[] positions = new int[1];   // (numPositions)
    float[] logits = new float[1];  // (numPositions, vocab)

    int stage;
    int rows;
    int r0;
    int hidden;
    int heads;
    int kvHeads;
    int headDim;
    int dPad;
    int seqPad;
    int chunk;
    int blockSize;
    float scale;
    float eps;
    int gm;
    int gn;
    int gk;
    int lda;
    int wOffset;
    int wSel;
    int cSel;
    int fOffset;

    @Local final int[] lds;

    @NoCL final AtomicLong javaWorkItems = new AtomicLong();
    @NoCL final MmaTraits traits;
    @NoCL final MmaPrefillSource.Helpers helpers;

    /** Slab fields: layer weights up to 16 buffers of 2 GiB (a 14B model in bf16). */
    static final int MAX_SLABS = 16;

    static final String[] PARAMS = {"stage", "tokens", "embed", "head", "slab0", "slab1", "slab2", "slab3", "slab4", "slab5", "slab6",
        "slab7", "slab8", "slab9", "slab10", "slab11", "slab12", "slab13", "slab14", "slab15", "vectors", "finalNorm", "invFreq", "x",
        "qH", "kH", "vH", "fPad", "rowOffsets", "rowBlocks", "attnO", "lse", "act16", "act", "positions", "logits",
        "rows", "r0", "hidden", "heads", "kvHeads", "headDim", "dPad", "seqPad", "chunk", "blockSize", "scale", "eps",
        "gm", "gn", "gk", "lda", "wOffset", "wSel", "cSel", "fOffset", "lds"};

    ForwardKernel(MmaPrefillSource.Helpers helpers, int queryTile) {
        this.helpers = helpers;
        this.traits = TilePolicy.mmaTraits(Precision.BF16, queryTile);
        int ints = Math.max(MmaPrefillSource.ldsInts(traits, helpers), GemmSource.ldsInts(helpers));
        this.lds = new int[Math.max(ints, NORM_THREADS)];
    }

    /**
     * The kernel for a helper set and the attention's query tile: 128 rows where the block size allows
     * (the attention's measured choice, {@link TilePolicy#variant}), else 64.
     */
    static ForwardKernel create(MmaPrefillSource.Helpers helpers, int blockSize) {
        boolean wide = blockSize % MmaPrefillSource.MAX_BM == 0, ptx = helpers == MmaPrefillSource.Helpers.PTX;
        if (wide) return ptx ? new PtxWideForwardKernel() : new PortableWideForwardKernel();
        return ptx ? new PtxForwardKernel() : new PortableForwardKernel();
    }

    @Override
    public void run() {
        if (stage < 0) {
            // Never true: names every field so that Aparapi's translation declares it as a kernel
            // argument; on OpenCL the injected source replaces this body.
            logits[0] = tokens[0] + embed[0] + head[0] + slab0[0] + slab1[0] + slab2[0] + slab3[0] + slab4[0] + slab5[0] + slab6[0] + slab7[0]
                    + slab8[0] + slab9[0] + slab10[0] + slab11[0] + slab12[0] + slab13[0] + slab14[0] + slab15[0] + vectors[0] + finalNorm[0] + invFreq[0] + x[0] + qH[0] + kH[0]
                    + vH[0] + fPad[0] + rowOffsets[0] + rowBlocks[0] + attnO[0] + lse[0] + act16[0] + act[0] + positions[0] + lds[0]
                    + rows + r0 + hidden + heads + kvHeads + headDim + dPad + seqPad + chunk + blockSize + scale + eps + gm + gn + gk
                    + lda + wOffset + wSel + cSel + fOffset;
        }
        javaRun();
    }

    /** Counts work-items that ran in Java: the forward has no Java body, so any count is a fallback. */
    @NoCL
    void javaRun() { javaWorkItems.incrementAndGet(); }

    /** Binds slab {@code i} (0 to {@link #MAX_SLABS} - 1). */
    void slab(int i, int[] values) {
        switch (i) {
            case 0 -> slab0 = values; case 1 -> slab1 = values; case 2 -> slab2 = values; case 3 -> slab3 = values;
            case 4 -> slab4 = values; case 5 -> slab5 = values; case 6 -> slab6 = values; case 7 -> slab7 = values;
            case 8 -> slab8 = values; case 9 -> slab9 = values; case 10 -> slab10 = values; case 11 -> slab11 = values;
            case 12 -> slab12 = values; case 13 -> slab13 = values; case 14 -> slab14 = values; case 15 -> slab15 = values;
            default -> throw new IllegalArgumentException("slab " + i + " of " + MAX_SLABS);
        }
    }

    /** Installs the program: the attention, the GEMM and the stages in one source. */
    void install() {
        String source = MmaPrefillSource.source(traits, helpers) + "\n" + GemmSource.defines() + GemmSource.body() + "\n"
                + "#define FWD_NORM_THREADS " + NORM_THREADS + "\n" + KernelSource.load(ForwardKernel.class, "forward.cl");
        OpenCLSourceInjection.install(this, source, "ls_forward", PARAMS);
    }
}

final class PtxForwardKernel extends ForwardKernel {
    PtxForwardKernel() { super(MmaPrefillSource.Helpers.PTX, 64); }
}

final class PortableForwardKernel extends ForwardKernel {
    PortableForwardKernel() { super(MmaPrefillSource.Helpers.PORTABLE, 64); }
}

final class PtxWideForwardKernel extends ForwardKernel {
    PtxWideForwardKernel() { super(MmaPrefillSource.Helpers.PTX, MmaPrefillSource.MAX_BM); }
}

final class PortableWideForwardKernel extends ForwardKernel {
    PortableWideForwardKernel() { super(MmaPrefillSource.Helpers.PORTABLE, MmaPrefillSource.MAX_BM); }
}
