package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import dev.longsight.kernels.device.DeviceArray;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffers, sizes and fallback evidence the fp32 kernels ({@link NaivePrefillKernel},
 * {@link TiledPrefillKernel}) share, with their binding. Aparapi reads inherited fields as kernel
 * arguments (the tensor-core kernels rely on the same), so each subclass keeps only its own local
 * and private arrays, its launch geometry and its {@code run()}.
 */
abstract class Fp32PrefillKernel extends Kernel implements PrefillKernel {
    // Buffers (explicit mode: put once per prefill, resident across chunk launches).
    float[] qIn;          // (heads, seqLen, headDim)
    float[] kIn;          // (kvHeads, seqLen, headDim)
    float[] vIn;          // (kvHeads, seqLen, headDim)
    int[] rowOffsets;     // (numQBlocks + 1) into rowBlocks
    int[] rowBlocks;      // (total blocks) ascending key blocks of each query block
    float[] oOut;         // (heads, seqLen, headDim)
    float[] lseOut;       // (heads, seqLen)

    int seqLen;
    int headDim;
    int blockSize;
    int groupSize;
    int qStart;
    int qEnd;
    float scale;

    /** Work-items that ran in Java: the ground truth for "did this launch fall back to JTP". */
    @NoCL final AtomicLong javaWorkItems = new AtomicLong();

    @Override
    public void bind(AttentionShape shape, int[] offsets, int[] blocks, float[] q, float[] k, float[] v, float[] o, float[] lse) {
        qIn = q;
        kIn = k;
        vIn = v;
        rowOffsets = offsets;
        rowBlocks = blocks;
        oOut = o;
        lseOut = lse;
        seqLen = shape.seqLen();
        headDim = shape.headDim();
        groupSize = shape.groupSize();
        scale = shape.scale();
    }

    @Override
    public List<DeviceArray> arrays(AttentionShape s) {
        long q = (long) s.heads() * s.seqLen() * s.headDim(), kv = (long) s.kvHeads() * s.seqLen() * s.headDim();
        return List.of(DeviceArray.of("qIn", q, 4), DeviceArray.of("kIn", kv, 4), DeviceArray.of("vIn", kv, 4),
                DeviceArray.of("oOut", q, 4), DeviceArray.of("lseOut", (long) s.heads() * s.seqLen(), 4));
    }

    @Override
    public void putBuffers() { put(qIn).put(kIn).put(vIn).put(rowOffsets).put(rowBlocks).put(oOut).put(lseOut); }

    @Override
    public Kernel kernel() { return this; }

    @Override
    public long takeJavaWorkItems() { return javaWorkItems.getAndSet(0); }
}
