package dev.longsight.kernels.attention;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;

/**
 * The naive fp32 causal block-sparse prefill (online softmax), Aparapi-translated Java on every device:
 * the fallback where the tiled kernel cannot fill its tiles, and the fast path on Java threads. One work-group handles
 * {@code tileRows} consecutive query rows of one head (all inside one query block); one work-item
 * owns one query row, its q vector and its output accumulator. Key and value tiles of
 * {@code TILE_KEYS} keys are staged in local memory and shared by the group.
 *
 * <p>Launch: 2D range, dimension 0 = query rows of the chunk padded to {@code tileRows} (local size
 * {@code tileRows}), dimension 1 = query heads (local size 1). Only {@link #run()} computes; sizes
 * and buffers are set by {@link PrefillLauncher}.
 */
public final class NaivePrefillKernel extends Fp32PrefillKernel {
    static final int TILE_KEYS = 32;
    static final int MAX_D = AttentionShape.MAX_HEAD_DIM;
    private static final float NEG_BIG = -3.0e38f;

    int tileRows;

    @Local final float[] kTile = new float[TILE_KEYS * MAX_D]; // (TILE_KEYS, headDim)
    @Local final float[] vTile = new float[TILE_KEYS * MAX_D]; // (TILE_KEYS, headDim)

    @PrivateMemorySpace(MAX_D) float[] qRow = new float[MAX_D];     // (headDim)
    @PrivateMemorySpace(MAX_D) float[] acc = new float[MAX_D];      // (headDim)
    @PrivateMemorySpace(TILE_KEYS) float[] sRow = new float[TILE_KEYS]; // (TILE_KEYS)

    @Override
    public void run() {
        javaPrivateArrays();
        int lid = getLocalId(0);
        int row0 = qStart + getGroupId(0) * tileRows;
        int row = row0 + lid;
        int head = getGlobalId(1);
        int d = headDim;
        boolean valid = row < qEnd;
        int qBlock = row0 / blockSize;
        int kvBase = (head / groupSize) * seqLen * d;
        int qOff = (head * seqLen + row) * d;

        for (int c = 0; c < d; c++) {
            qRow[c] = valid ? qIn[qOff + c] * scale : 0f;
            acc[c] = 0f;
        }
        float m = NEG_BIG;
        float l = 0f;
        // Keys past the tile's last valid row are masked for every row: skip loading them.
        int lastRow = min(row0 + tileRows, qEnd) - 1;

        for (int b = rowOffsets[qBlock]; b < rowOffsets[qBlock + 1]; b++) {
            int kStart = rowBlocks[b] * blockSize;
            int kEnd = min(min(kStart + blockSize, seqLen), lastRow + 1);
            for (int t0 = kStart; t0 < kEnd; t0 += TILE_KEYS) {
                int n = min(TILE_KEYS, kEnd - t0);
                int base = kvBase + t0 * d;
                for (int idx = lid; idx < n * d; idx += tileRows) {
                    kTile[idx] = kIn[base + idx];
                    vTile[idx] = vIn[base + idx];
                }
                localBarrier();
                if (valid) {
                    float tileMax = NEG_BIG;
                    for (int j = 0; j < n; j++) {
                        float s = NEG_BIG;
                        if (t0 + j <= row) {
                            s = 0f;
                            for (int c = 0; c < d; c++) s += qRow[c] * kTile[j * d + c];
                            tileMax = max(tileMax, s);
                        }
                        sRow[j] = s;
                    }
                    float mNew = max(m, tileMax);
                    float corr = exp(m - mNew);
                    l = l * corr;
                    for (int c = 0; c < d; c++) acc[c] = acc[c] * corr;
                    for (int j = 0; j < n; j++) {
                        if (t0 + j <= row) {
                            float p = exp(sRow[j] - mNew);
                            l += p;
                            for (int c = 0; c < d; c++) acc[c] += p * vTile[j * d + c];
                        }
                    }
                    m = mNew;
                }
                localBarrier();
            }
        }
        if (valid) {
            float inv = 1f / l;
            for (int c = 0; c < d; c++) oOut[qOff + c] = acc[c] * inv;
            lseOut[head * seqLen + row] = m + log(l);
        }
    }

    /**
     * On Java threads Aparapi's clones share the kernel's arrays: give each thread its own private
     * arrays (Aparapi's documented ThreadLocal idiom). Not emitted to OpenCL.
     */
    @NoCL
    void javaPrivateArrays() {
        float[][] mine = JAVA_PRIVATE.get();
        qRow = mine[0];
        acc = mine[1];
        sRow = mine[2];
        javaWorkItems.incrementAndGet();
    }

    private static final ThreadLocal<float[][]> JAVA_PRIVATE =
            ThreadLocal.withInitial(() -> new float[][] {new float[MAX_D], new float[MAX_D], new float[TILE_KEYS]});

    @Override
    public Range range(Device device, int blockSize, int from, int to, int heads) {
        this.blockSize = blockSize;
        tileRows = device instanceof JavaDevice ? TilePolicy.javaTileRows(blockSize, Runtime.getRuntime().availableProcessors())
                : TilePolicy.tileRows(blockSize);
        qStart = from;
        qEnd = to;
        int global0 = (to - from + tileRows - 1) / tileRows * tileRows;
        return device.createRange2D(global0, heads, tileRows, 1);
    }

    @Override
    public String source(boolean openCL) { return "naive (" + (openCL ? "Aparapi-translated OpenCL" : "Java threads") + ")"; }
}
