package dev.longsight.kernels.topk;

import com.aparapi.Kernel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Estimates block attention scores on the device, in two launches selected by {@link #pass}:
 * pass 0 mean-pools every block of q and k (one work-item per (tensor head, block, channel));
 * pass 1 scores every causal (query block, key block) pair of every query head as
 * {@code scale * qPool . kPool} (one work-item per (head, query block, key block)); non-causal
 * pairs get {@link #NEG_BIG}. Only {@link #run()} computes; {@link BlockScorer} sets everything.
 */
public final class BlockScoreKernel extends Kernel {
    static final float NEG_BIG = -3.0e38f;

    float[] qIn;      // (heads, seqLen, headDim)
    float[] kIn;      // (kvHeads, seqLen, headDim)
    float[] qPool;    // (heads, numBlocks, headDim)
    float[] kPool;    // (kvHeads, numBlocks, headDim)
    float[] scores;   // (heads, numBlocks, numBlocks): [h][qBlock][kBlock]

    int pass;
    int seqLen;
    int headDim;
    int blockSize;
    int numBlocks;
    int heads;
    int kvHeads;
    int groupSize;
    float scale;

    /** Work-items that ran in Java: the ground truth for "did this launch fall back to JTP". */
    @NoCL final AtomicLong javaWorkItems = new AtomicLong();

    @Override
    public void run() {
        countJava();
        int gid = getGlobalId(0);
        if (pass == 0) {
            pool(gid);
        } else {
            score(gid);
        }
    }

    private void pool(int gid) {
        int d = headDim;
        int perHead = numBlocks * d;
        if (gid < (heads + kvHeads) * perHead) {
            int c = gid % d;
            int b = (gid / d) % numBlocks;
            int t = gid / perHead;
            int start = b * blockSize;
            int end = min(start + blockSize, seqLen);
            float sum = 0f;
            if (t < heads) {
                for (int i = start; i < end; i++) sum += qIn[(t * seqLen + i) * d + c];
                qPool[(t * numBlocks + b) * d + c] = sum / (end - start);
            } else {
                int kv = t - heads;
                for (int i = start; i < end; i++) sum += kIn[(kv * seqLen + i) * d + c];
                kPool[(kv * numBlocks + b) * d + c] = sum / (end - start);
            }
        }
    }

    private void score(int gid) {
        int nb = numBlocks;
        if (gid < heads * nb * nb) {
            int kb = gid % nb;
            int qb = (gid / nb) % nb;
            int h = gid / (nb * nb);
            float s = NEG_BIG;
            if (kb <= qb) {
                int qOff = (h * nb + qb) * headDim;
                int kOff = ((h / groupSize) * nb + kb) * headDim;
                s = 0f;
                for (int c = 0; c < headDim; c++) s += qPool[qOff + c] * kPool[kOff + c];
                s = s * scale;
            }
            scores[gid] = s;
        }
    }

    @NoCL
    void countJava() { javaWorkItems.incrementAndGet(); }
}
