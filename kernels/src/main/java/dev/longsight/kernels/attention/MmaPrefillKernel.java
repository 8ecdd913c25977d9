package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.device.DeviceArray;
import dev.longsight.kernels.io.HalfFloats;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tensor-core (tf32 / bf16) causal block-sparse prefill. On OpenCL devices it runs
 * {@link MmaPrefillSource}'s OpenCL C, installed by {@link OpenCLSourceInjection} with the PTX or
 * the portable warp helpers; on Java threads {@link #javaRun()} runs the same algorithm one query
 * row per work-item: the same tiles, the same rounding points (Q, K, V and P in the input format,
 * fp32 scores, softmax and accumulators), the same masking, in a different summation order.
 *
 * <p>Each (variant, helpers) pair is its own subclass because Aparapi caches compiled source per
 * kernel class. Operands are packed by {@link MmaOperands}: lengths padded to 64 rows, head dims to
 * 32 columns, V transposed; O and LSE keep the fp32 layout of the other kernels.
 *
 * <p>Launch: 2D range, dimension 0 = one group of {@link MmaTraits#threads} work-items per
 * 64- or 128-row query tile (tiles over the chunk's blocks), dimension 1 = query heads.
 */
public abstract class MmaPrefillKernel extends Kernel implements PrefillKernel {
    private static final float NEG_BIG = -3.0e38f;

    // The precision's operands are bound; the other three are 1-element placeholders.
    // bf16 operands are 16-bit patterns two to an int, the lower index in the low half (Aparapi has
    // no put(short[])); the storage is the same 2 bytes per element.
    int[] qH;             // bf16 pairs (heads, seqPad, dPad / 2)
    int[] kH;             // bf16 pairs (kvHeads, seqPad, dPad / 2)
    int[] vH;             // bf16 pairs (kvHeads, dPad, seqPad / 2): V transposed
    float[] qF;           // tf32 values (heads, seqPad, dPad)
    float[] kF;           // tf32 values (kvHeads, seqPad, dPad)
    float[] vF;           // tf32 values (kvHeads, dPad, seqPad): V transposed
    int[] rowOffsets;     // (numQBlocks + 1) into rowBlocks
    int[] rowBlocks;      // (total blocks) ascending key blocks of each query block
    float[] oOut;         // (heads, seqLen, headDim)
    float[] lseOut;       // (heads, seqLen)

    int seqLen;
    int seqPad;
    int headDim;
    int dPad;
    int blockSize;
    int groupSize;
    int qStart;
    int qEnd;
    float scale;

    /** K and V^T tiles, the portable helpers' exchange area ({@link MmaPrefillSource#ldsInts}). */
    @Local final int[] lds;

    @NoCL final AtomicLong javaWorkItems = new AtomicLong();
    @NoCL private final KernelVariant variant;
    @NoCL private final MmaTraits traits;
    @NoCL private final Precision precision;
    @NoCL private final MmaPrefillSource.Helpers helpers;
    @NoCL private final int bm;
    @NoCL private final int threads;

    MmaPrefillKernel(KernelVariant variant, MmaPrefillSource.Helpers helpers) {
        this.variant = variant;
        this.traits = variant.mmaTraits();
        this.precision = traits.precision();
        this.helpers = helpers;
        this.bm = traits.queryTile();
        this.threads = traits.threads();
        this.lds = new int[MmaPrefillSource.ldsInts(traits, helpers)];
    }

    /** The kernel class for this variant and helper set. */
    static MmaPrefillKernel create(KernelVariant v, MmaPrefillSource.Helpers h) {
        boolean ptx = h == MmaPrefillSource.Helpers.PTX;
        return switch (v) {
            case MMA_BF16 -> ptx ? new Bf16PtxPrefillKernel() : new Bf16PortablePrefillKernel();
            case MMA_BF16_W8 -> ptx ? new Bf16PtxW8PrefillKernel() : new Bf16PortableW8PrefillKernel();
            case MMA_TF32 -> ptx ? new Tf32PtxPrefillKernel() : new Tf32PortablePrefillKernel();
            case MMA_TF32_W8 -> ptx ? new Tf32PtxW8PrefillKernel() : new Tf32PortableW8PrefillKernel();
            case NAIVE, TILED -> throw new IllegalArgumentException(v.id() + " is not a tensor-core variant");
        };
    }

    /** PTX helpers on NVIDIA's OpenCL, the portable ones on every other device. */
    public static MmaPrefillSource.Helpers helpersFor(Device device) {
        boolean nvidia = device instanceof OpenCLDevice cl && cl.getOpenCLPlatform().getVendor().toUpperCase().contains("NVIDIA");
        return nvidia ? MmaPrefillSource.Helpers.PTX : MmaPrefillSource.Helpers.PORTABLE;
    }

    @Override
    public void run() {
        if (seqLen < 0) {
            // Never true: names every field so that Aparapi's translation declares it as a kernel
            // argument; on OpenCL the injected source replaces this body.
            oOut[0] = qH[0] + kH[0] + vH[0] + qF[0] + kF[0] + vF[0] + rowOffsets[0] + rowBlocks[0] + lseOut[0] + lds[0]
                    + seqPad + headDim + dPad + blockSize + groupSize + qStart + qEnd + scale;
        }
        javaRun();
    }

    /** Java threads: work-item i of a group computes query rows row0 + i, + threads, ..., as the OpenCL C does per tile. */
    @NoCL
    void javaRun() {
        javaWorkItems.incrementAndGet();
        int tid = getLocalId(0);
        int tilesPerBlock = blockSize / bm;
        int g = getNumGroups(0) - 1 - getGroupId(0);
        int qBlock = qStart / blockSize + g / tilesPerBlock;
        int row0 = qBlock * blockSize + (g % tilesPerBlock) * bm;
        int rowEnd = Math.min(row0 + bm, qEnd);
        for (int row = row0 + tid; row < rowEnd; row += threads) javaRow(getGlobalId(1), qBlock, row0, rowEnd, row);
    }

    @NoCL
    private void javaRow(int head, int qBlock, int row0, int rowEnd, int row) {
        int bn = MmaPrefillSource.BN;
        int kvh = head / groupSize;
        float sl2 = scale * 1.4426950408889634f;
        float[] q = new float[dPad];   // (dPad)
        float[] acc = new float[dPad]; // (dPad)
        float[] s = new float[bn];     // (BN)
        for (int c = 0; c < dPad; c++) q[c] = operand(qH, qF, MmaOperands.element(seqPad, dPad, head, row, c, traits.qFromL1()));
        float m = NEG_BIG, l = 0f;
        int lastRow = rowEnd - 1;
        // The OpenCL C's block order: with two stages the diagonal (every row's last block) comes first, and
        // with the diagonal step its keys from hStart (past the tile's first half of rows) before the others.
        int hStart = row0 + bm / 2;
        int first = rowOffsets[qBlock], end = rowOffsets[qBlock + 1];
        boolean dfirst = traits.stages() == 2, dstep = traits.diagonalStep();
        for (int i = 0; i < end - first; i++) {
            int kStart = rowBlocks[dfirst ? (i == 0 ? end - 1 : first + i - 1) : first + i] * blockSize;
            int kEnd = Math.min(kStart + blockSize, lastRow + 1);
            int[] ranges = dstep && i == 0 && hStart < kEnd ? new int[] {hStart, kEnd, kStart, hStart} : new int[] {kStart, kEnd}; // [from, to) pairs
            for (int r = 0; r < ranges.length; r += 2) for (int t0 = ranges[r]; t0 < ranges[r + 1]; t0 += bn) {
                if (t0 > row) continue; // every key after the row: nothing to add (the diagonal step puts such tiles first)
                float mx = m;
                for (int j = 0; j < bn; j++) {
                    int key = t0 + j;
                    float sum = 0f;
                    for (int c = 0; c < dPad; c++) sum += q[c] * operand(kH, kF, (kvh * seqPad + key) * dPad + c);
                    s[j] = key >= kEnd || key > row ? NEG_BIG : sum;
                    mx = Math.max(mx, s[j]);
                }
                float corr = exp2((m - mx) * sl2);
                m = mx;
                l *= corr;
                for (int c = 0; c < dPad; c++) acc[c] *= corr;
                for (int j = 0; j < bn; j++) {
                    float p = exp2(Math.fma(s[j], sl2, -mx * sl2));
                    l += p;
                    float pr = precision.round(p);
                    for (int c = 0; c < dPad; c++) acc[c] += pr * operand(vH, vF, (kvh * dPad + c) * seqPad + t0 + j);
                }
            }
        }
        for (int c = 0; c < headDim; c++) oOut[(head * seqLen + row) * headDim + c] = acc[c] / l;
        lseOut[head * seqLen + row] = m * scale + (float) Math.log(l);
    }

    @NoCL
    private float operand(int[] h, float[] f, int i) {
        return precision == Precision.BF16 ? HalfFloats.bfloat16ToFloat((short) (h[i >> 1] >>> (16 * (i & 1)))) : f[i];
    }

    @Override
    public void bind(AttentionShape shape, int[] offsets, int[] blocks, float[] q, float[] k, float[] v, float[] o, float[] lse) {
        MmaOperands ops = MmaOperands.pack(shape, precision, q, k, v, traits.qFromL1());
        qH = ops.qBits();
        kH = ops.kBits();
        vH = ops.vtBits();
        qF = ops.qValues();
        kF = ops.kValues();
        vF = ops.vtValues();
        rowOffsets = offsets;
        rowBlocks = blocks;
        oOut = o;
        lseOut = lse;
        seqLen = shape.seqLen();
        seqPad = ops.seqPad();
        headDim = shape.headDim();
        dPad = ops.dPad();
        groupSize = shape.groupSize();
        scale = shape.scale();
    }

    @Override
    public List<DeviceArray> arrays(AttentionShape s) {
        long padded = (long) MmaOperands.seqPad(s.seqLen()) * MmaOperands.dPad(s.headDim());
        long q = s.heads() * padded, kv = s.kvHeads() * padded, o = (long) s.heads() * s.seqLen() * s.headDim();
        boolean bf16 = precision == Precision.BF16;
        int bytes = bf16 ? 2 : 4; // bf16: two to an int
        return List.of(DeviceArray.of(bf16 ? "qH" : "qF", q, bytes), DeviceArray.of(bf16 ? "kH" : "kF", kv, bytes),
                DeviceArray.of(bf16 ? "vH" : "vF", kv, bytes), DeviceArray.of("oOut", o, 4),
                DeviceArray.of("lseOut", (long) s.heads() * s.seqLen(), 4));
    }

    @Override
    public void putBuffers() {
        put(qH).put(kH).put(vH).put(qF).put(kF).put(vF).put(rowOffsets).put(rowBlocks).put(oOut).put(lseOut);
    }

    @Override
    public Range range(Device device, int blockSize, int from, int to, int heads) {
        if (blockSize % bm != 0) {
            throw new IllegalArgumentException("precision " + precision.id() + " needs a block size that is a multiple of " + bm + ", got " + blockSize);
        }
        this.blockSize = blockSize;
        qStart = from;
        qEnd = to;
        int blocks = (to - 1) / blockSize - from / blockSize + 1;
        int tiles = blocks * (blockSize / bm);
        return device.createRange2D(tiles * threads, heads, threads, 1);
    }

    @Override
    public Kernel kernel() { return this; }

    @Override
    public long takeJavaWorkItems() { return javaWorkItems.getAndSet(0); }

    @Override
    public void beforeFirstLaunch() {
        OpenCLSourceInjection.install(this, MmaPrefillSource.source(traits, helpers), "ls_mma_prefill", MmaPrefillSource.PARAMS);
    }

    @Override
    public String source(boolean openCL) {
        // The traits shape the OpenCL C (warps, stages, steps), so a result names them.
        return openCL ? variant.id() + " (" + helpers.description + "; " + traits.describe() + ")" : variant.id() + " (Java threads, row per work-item)";
    }
}

// One class per compiled source (variant x helpers): Aparapi's openCLCache is keyed by kernel class.
final class Bf16PtxPrefillKernel extends MmaPrefillKernel {
    Bf16PtxPrefillKernel() { super(KernelVariant.MMA_BF16, MmaPrefillSource.Helpers.PTX); }
}

final class Bf16PtxW8PrefillKernel extends MmaPrefillKernel {
    Bf16PtxW8PrefillKernel() { super(KernelVariant.MMA_BF16_W8, MmaPrefillSource.Helpers.PTX); }
}

final class Bf16PortablePrefillKernel extends MmaPrefillKernel {
    Bf16PortablePrefillKernel() { super(KernelVariant.MMA_BF16, MmaPrefillSource.Helpers.PORTABLE); }
}

final class Bf16PortableW8PrefillKernel extends MmaPrefillKernel {
    Bf16PortableW8PrefillKernel() { super(KernelVariant.MMA_BF16_W8, MmaPrefillSource.Helpers.PORTABLE); }
}

final class Tf32PtxPrefillKernel extends MmaPrefillKernel {
    Tf32PtxPrefillKernel() { super(KernelVariant.MMA_TF32, MmaPrefillSource.Helpers.PTX); }
}

final class Tf32PtxW8PrefillKernel extends MmaPrefillKernel {
    Tf32PtxW8PrefillKernel() { super(KernelVariant.MMA_TF32_W8, MmaPrefillSource.Helpers.PTX); }
}

final class Tf32PortablePrefillKernel extends MmaPrefillKernel {
    Tf32PortablePrefillKernel() { super(KernelVariant.MMA_TF32, MmaPrefillSource.Helpers.PORTABLE); }
}

final class Tf32PortableW8PrefillKernel extends MmaPrefillKernel {
    Tf32PortableW8PrefillKernel() { super(KernelVariant.MMA_TF32_W8, MmaPrefillSource.Helpers.PORTABLE); }
}
