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
 * <p>One subclass per helper set, because Aparapi caches compiled source per kernel class.
 */
abstract class ForwardKernel extends Kernel {
    /** Work-items per RMSNorm group. */
    static final int NORM_THREADS = 128;

    // Buffers; 1-element until sized. bf16 tensors are pairs of 16-bit patterns in an int (even element low).
    int[] tokens = new int[1];      // (seqCap)
    int[] embed = new int[1];       // bf16 pairs (vocab, hidden / 2)
    int[] head = new int[1];        // bf16 pairs (vocab, hidden / 2); 1 element when tied to embed
    int[] layerW = new int[1];      // bf16 pairs: the current layer's matrices (DeviceWeights' layout)
    float[] layerF = new float[1];  // the current layer's norms and biases (DeviceWeights' layout)
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

    static final String[] PARAMS = {"stage", "tokens", "embed", "head", "layerW", "layerF", "finalNorm", "invFreq", "x",
        "qH", "kH", "vH", "fPad", "rowOffsets", "rowBlocks", "attnO", "lse", "act16", "act", "positions", "logits",
        "rows", "r0", "hidden", "heads", "kvHeads", "headDim", "dPad", "seqPad", "chunk", "blockSize", "scale", "eps",
        "gm", "gn", "gk", "lda", "wOffset", "wSel", "cSel", "fOffset", "lds"};

    ForwardKernel(MmaPrefillSource.Helpers helpers) {
        this.helpers = helpers;
        // 64-row query tiles: any block size that is a multiple of 64.
        this.traits = TilePolicy.mmaTraits(Precision.BF16, 64);
        int ints = Math.max(MmaPrefillSource.ldsInts(traits, helpers), GemmSource.ldsInts(helpers));
        this.lds = new int[Math.max(ints, NORM_THREADS)];
    }

    static ForwardKernel create(MmaPrefillSource.Helpers helpers) {
        return helpers == MmaPrefillSource.Helpers.PTX ? new PtxForwardKernel() : new PortableForwardKernel();
    }

    @Override
    public void run() {
        if (stage < 0) {
            // Never true: names every field so that Aparapi's translation declares it as a kernel
            // argument; on OpenCL the injected source replaces this body.
            logits[0] = tokens[0] + embed[0] + head[0] + layerW[0] + layerF[0] + finalNorm[0] + invFreq[0] + x[0] + qH[0] + kH[0]
                    + vH[0] + fPad[0] + rowOffsets[0] + rowBlocks[0] + attnO[0] + lse[0] + act16[0] + act[0] + positions[0] + lds[0]
                    + rows + r0 + hidden + heads + kvHeads + headDim + dPad + seqPad + chunk + blockSize + scale + eps + gm + gn + gk
                    + lda + wOffset + wSel + cSel + fOffset;
        }
        javaRun();
    }

    /** Counts work-items that ran in Java: the forward has no Java body, so any count is a fallback. */
    @NoCL
    void javaRun() { javaWorkItems.incrementAndGet(); }

    /** Installs the program: the attention, the GEMM and the stages in one source. */
    void install() {
        String source = MmaPrefillSource.source(traits, helpers) + "\n" + GemmSource.defines() + GemmSource.body() + "\n"
                + "#define FWD_NORM_THREADS " + NORM_THREADS + "\n" + KernelSource.load(ForwardKernel.class, "forward.cl");
        OpenCLSourceInjection.install(this, source, "ls_forward", PARAMS);
    }
}

final class PtxForwardKernel extends ForwardKernel {
    PtxForwardKernel() { super(MmaPrefillSource.Helpers.PTX); }
}

final class PortableForwardKernel extends ForwardKernel {
    PortableForwardKernel() { super(MmaPrefillSource.Helpers.PORTABLE); }
}
