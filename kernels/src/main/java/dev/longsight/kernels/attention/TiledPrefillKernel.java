package dev.longsight.kernels.attention;

import static dev.longsight.kernels.attention.TiledPrefillSource.BM;
import static dev.longsight.kernels.attention.TiledPrefillSource.BN;
import static dev.longsight.kernels.attention.TiledPrefillSource.DK;
import static dev.longsight.kernels.attention.TiledPrefillSource.LDT;
import static dev.longsight.kernels.attention.TiledPrefillSource.PT_AT;
import static dev.longsight.kernels.attention.TiledPrefillSource.RED_AT;
import static dev.longsight.kernels.attention.TiledPrefillSource.VK;

import com.aparapi.Range;
import com.aparapi.device.Device;

/**
 * Register-tiled causal block-sparse prefill (FlashAttention-2 style, fp32). On OpenCL devices it
 * runs {@link TiledPrefillSource}'s OpenCL C (installed by {@link OpenCLSourceInjection}); this
 * {@code run()} is the same algorithm, tile for tile, for Aparapi's Java threads (JTP).
 *
 * <p>Launch: 2D range, dimension 0 = {@link TiledPrefillSource#THREADS} work-items per query tile
 * (tiles of {@code BM} rows inside one query block, over the chunk's blocks), dimension 1 = query
 * heads. Work-item (ty, tx) = (id / 16, id % 16) owns query rows ty*4..ty*4+3, S columns
 * tx*4..tx*4+3 of each key tile, and O columns tx*4..tx*4+3 and 64+tx*4..64+tx*4+3.
 */
public final class TiledPrefillKernel extends Fp32PrefillKernel {
    private static final float NEG_BIG = -3.0e38f;
    private static final int DMAX = AttentionShape.MAX_HEAD_DIM;

    /**
     * Local memory: [0, PT_AT) Q^T and K^T chunks (2 x (DK, LDT)), later one V chunk (VK, DMAX);
     * [PT_AT, RED_AT) P transposed (BN, LDT); [RED_AT, +BM*16) per-row partials (BM, 16).
     */
    @Local final float[] lds = new float[TiledPrefillSource.LDS_FLOATS];

    @PrivateMemorySpace(32) float[] acc = new float[32]; // (4 rows, 8 columns) of O
    @PrivateMemorySpace(16) float[] s = new float[16];   // (4 rows, 4 keys) of S, then P
    @PrivateMemorySpace(4) float[] mRow = new float[4];  // (4 rows) running max
    @PrivateMemorySpace(4) float[] lRow = new float[4];  // (4 rows) partial row sums

    @Override
    public void run() {
        javaPrivateArrays();
        int tid = getLocalId(0);
        int tx = tid % 16;
        int ty = tid / 16;
        int head = getGlobalId(1);
        int tilesPerBlock = (blockSize + BM - 1) / BM;
        int g = getNumGroups(0) - 1 - getGroupId(0);
        int qBlock = qStart / blockSize + g / tilesPerBlock;
        int row0 = qBlock * blockSize + (g % tilesPerBlock) * BM;
        int rowEnd = min(min(row0 + BM, qBlock * blockSize + blockSize), qEnd);
        if (row0 < rowEnd) {
            int d = headDim;
            int qBase = head * seqLen * d;
            int kvBase = (head / groupSize) * seqLen * d;
            for (int i = 0; i < 4; i++) {
                mRow[i] = NEG_BIG;
                lRow[i] = 0f;
                for (int c = 0; c < 8; c++) acc[i * 8 + c] = 0f;
            }
            for (int b = rowOffsets[qBlock]; b < rowOffsets[qBlock + 1]; b++) {
                int kStart = rowBlocks[b] * blockSize;
                int kEnd = min(min(kStart + blockSize, seqLen), rowEnd);
                for (int t0 = kStart; t0 < kEnd; t0 += BN) {
                    int n = min(BN, kEnd - t0);
                    scoreTile(tid, tx, ty, d, qBase + row0 * d, kvBase + t0 * d, rowEnd - row0, n);
                    softmaxTile(tx, ty, row0, t0, n);
                    for (int v0 = 0; v0 < n; v0 += VK) {
                        for (int u = 0; u < (VK * DMAX / 4) / 256; u++) {
                            int p = tid + 256 * u;
                            int j = p / 32;
                            int c4 = (p % 32) * 4;
                            for (int e = 0; e < 4; e++) {
                                lds[j * DMAX + c4 + e] = v0 + j < n && c4 + e < d ? vIn[kvBase + (t0 + v0 + j) * d + c4 + e] : 0f;
                            }
                        }
                        localBarrier();
                        for (int j = 0; j < VK; j++) {
                            for (int i = 0; i < 4; i++) {
                                float pij = lds[PT_AT + (v0 + j) * LDT + ty * 4 + i];
                                for (int c = 0; c < 4; c++) {
                                    acc[i * 8 + c] += pij * lds[j * DMAX + tx * 4 + c];
                                    acc[i * 8 + 4 + c] += pij * lds[j * DMAX + 64 + tx * 4 + c];
                                }
                            }
                        }
                        localBarrier();
                    }
                }
            }
            for (int i = 0; i < 4; i++) lds[RED_AT + (ty * 4 + i) * 16 + tx] = lRow[i];
            localBarrier();
            for (int i = 0; i < 4; i++) {
                int r = ty * 4 + i;
                float sum = 0f;
                for (int q = 0; q < 16; q++) sum += lds[RED_AT + r * 16 + q];
                if (row0 + r < rowEnd) {
                    float inv = 1f / sum;
                    int o = qBase + (row0 + r) * d;
                    for (int c = 0; c < 4; c++) {
                        if (tx * 4 + c < d) oOut[o + tx * 4 + c] = acc[i * 8 + c] * inv;
                        if (64 + tx * 4 + c < d) oOut[o + 64 + tx * 4 + c] = acc[i * 8 + 4 + c] * inv;
                    }
                    if (tx == 0) lseOut[head * seqLen + row0 + r] = mRow[i] + log(sum);
                }
            }
        }
    }

    /** S (4 x 4 per work-item) = scaled Q K^T over head-dim chunks staged transposed in local memory. */
    void scoreTile(int tid, int tx, int ty, int d, int qOff, int kOff, int rows, int n) {
        for (int e = 0; e < 16; e++) s[e] = 0f;
        for (int d0 = 0; d0 < d; d0 += DK) {
            for (int u = 0; u < 4; u++) {
                int p = tid + 256 * (u % 2);
                int c = p % 32;
                int r4 = (p / 32) * 4;
                for (int e = 0; e < 4; e++) {
                    boolean ok = d0 + c < d && r4 + e < (u < 2 ? rows : n);
                    if (u < 2) {
                        lds[c * LDT + r4 + e] = ok ? qIn[qOff + (r4 + e) * d + d0 + c] * scale : 0f;
                    } else {
                        lds[DK * LDT + c * LDT + r4 + e] = ok ? kIn[kOff + (r4 + e) * d + d0 + c] : 0f;
                    }
                }
            }
            localBarrier();
            for (int c = 0; c < DK; c++) {
                for (int i = 0; i < 4; i++) {
                    float a = lds[c * LDT + ty * 4 + i];
                    for (int j = 0; j < 4; j++) s[i * 4 + j] += a * lds[DK * LDT + c * LDT + tx * 4 + j];
                }
            }
            localBarrier();
        }
    }

    /** Masks S, reduces the row max across the 16 work-items of each row, rescales O, writes P^T. */
    void softmaxTile(int tx, int ty, int row0, int t0, int n) {
        for (int i = 0; i < 4; i++) {
            float pm = NEG_BIG;
            for (int j = 0; j < 4; j++) {
                int kj = tx * 4 + j;
                if (kj >= n || t0 + kj > row0 + ty * 4 + i) s[i * 4 + j] = NEG_BIG;
                pm = max(pm, s[i * 4 + j]);
            }
            lds[RED_AT + (ty * 4 + i) * 16 + tx] = pm;
        }
        localBarrier();
        for (int i = 0; i < 4; i++) {
            float mx = mRow[i];
            for (int q = 0; q < 16; q++) mx = max(mx, lds[RED_AT + (ty * 4 + i) * 16 + q]);
            float corr = exp(mRow[i] - mx);
            mRow[i] = mx;
            lRow[i] = lRow[i] * corr;
            for (int c = 0; c < 8; c++) acc[i * 8 + c] = acc[i * 8 + c] * corr;
            for (int j = 0; j < 4; j++) {
                float p = exp(s[i * 4 + j] - mx);
                lRow[i] += p;
                lds[PT_AT + (tx * 4 + j) * LDT + ty * 4 + i] = p;
            }
        }
    }

    /** On Java threads Aparapi's clones share the kernel's arrays: give each thread its own. */
    @NoCL
    void javaPrivateArrays() {
        float[][] mine = JAVA_PRIVATE.get();
        acc = mine[0];
        s = mine[1];
        mRow = mine[2];
        lRow = mine[3];
        javaWorkItems.incrementAndGet();
    }

    private static final ThreadLocal<float[][]> JAVA_PRIVATE =
            ThreadLocal.withInitial(() -> new float[][] {new float[32], new float[16], new float[4], new float[4]});

    @Override
    public Range range(Device device, int blockSize, int from, int to, int heads) {
        this.blockSize = blockSize;
        qStart = from;
        qEnd = to;
        int blocks = (to - 1) / blockSize - from / blockSize + 1;
        int tiles = blocks * ((blockSize + BM - 1) / BM);
        return device.createRange2D(tiles * TiledPrefillSource.THREADS, heads, TiledPrefillSource.THREADS, 1);
    }

    @Override
    public void beforeFirstLaunch() { OpenCLSourceInjection.install(this, TiledPrefillSource.source(), "ls_tiled_prefill", TiledPrefillSource.PARAMS); }

    @Override
    public String source(boolean openCL) { return "tiled (" + (openCL ? "project OpenCL C" : "Java threads") + ")"; }
}
