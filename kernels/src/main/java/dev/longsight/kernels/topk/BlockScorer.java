package dev.longsight.kernels.topk;

import com.aparapi.Range;
import com.aparapi.device.Device;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.device.LaunchGuard;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;

/**
 * Runs {@link BlockScoreKernel} on one device and returns the estimated block scores
 * (heads, numBlocks, numBlocks). Checks after each launch that it ran where asked (Aparapi falls
 * back to Java threads silently). Not thread-safe; reuse one per thread; {@link #close()} disposes.
 */
public final class BlockScorer implements AutoCloseable {
    private static final int LOCAL = 64;
    private final Device device;
    private final BlockScoreKernel kernel = new BlockScoreKernel();

    public BlockScorer(DeviceSpec spec) {
        this.device = Devices.resolve(spec);
        Devices.bind(kernel, device);
    }

    public String deviceName() { return Devices.describe(device); }

    /** Scores (heads, numBlocks, numBlocks) for q (heads, seqLen, headDim) and k (kvHeads, seqLen, headDim). */
    public float[] scores(AttentionShape s, int blockSize, float[] q, float[] k) {
        if (blockSize <= 0) throw new IllegalArgumentException("block size must be > 0, got " + blockSize);
        if (q.length != s.qSize() || k.length != s.kvSize()) throw new IllegalArgumentException("q or k does not match " + s);
        int nb = (s.seqLen() + blockSize - 1) / blockSize;
        long numScores = (long) s.heads() * nb * nb;
        if (numScores > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("heads x blocks^2 = " + numScores + " scores exceed one array: use larger blocks");
        }
        kernel.qIn = q;
        kernel.kIn = k;
        kernel.qPool = new float[s.heads() * nb * s.headDim()];
        kernel.kPool = new float[s.kvHeads() * nb * s.headDim()];
        kernel.scores = new float[(int) numScores];
        kernel.seqLen = s.seqLen();
        kernel.headDim = s.headDim();
        kernel.blockSize = blockSize;
        kernel.numBlocks = nb;
        kernel.heads = s.heads();
        kernel.kvHeads = s.kvHeads();
        kernel.groupSize = s.groupSize();
        kernel.scale = s.scale();
        kernel.put(q).put(k).put(kernel.qPool).put(kernel.kPool).put(kernel.scores);
        launch(0, (s.heads() + s.kvHeads()) * nb * s.headDim());
        launch(1, (int) numScores);
        kernel.get(kernel.scores);
        float[] out = kernel.scores;
        kernel.qIn = kernel.kIn = kernel.qPool = kernel.kPool = kernel.scores = null;
        return out;
    }

    private void launch(int pass, int items) {
        kernel.pass = pass;
        int global = (items + LOCAL - 1) / LOCAL * LOCAL;
        Range range = device.createRange(global, LOCAL);
        LaunchGuard.launch(kernel, range, device, () -> kernel.javaWorkItems.getAndSet(0), "block-score kernel");
    }

    @Override
    public void close() { kernel.dispose(); }
}
