package dev.longsight.job.fidelity;

import java.util.SplittableRandom;

/**
 * I.i.d. Gaussian Q/K/V, the setting of "Attention is naturally sparse with Gaussian distributed
 * input": q and k entries ~ N(0, sigma(n)) each, so the scaled score q.k / sqrt(d) has std
 * sigma(n) ({@link ScoreScale}); v ~ N(0, 1). The underlying standard normals depend only on the
 * seed, tensor, head and position, so a shorter length is a prefix of a longer one.
 */
public final class GaussianSource implements QkvSource {
    private final int heads, kvHeads, headDim;
    private final long seed;
    private final ScoreScale scale;

    public GaussianSource(int heads, int kvHeads, int headDim, long seed, ScoreScale scale) {
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.seed = seed;
        this.scale = scale;
    }

    @Override public String describe() { return "gaussian(score-std=" + scale + ",seed=" + seed + ")"; }
    @Override public int heads() { return heads; }
    @Override public int kvHeads() { return kvHeads; }
    @Override public int headDim() { return headDim; }
    @Override public int maxLength() { return Integer.MAX_VALUE; }

    @Override public float[] q(int head, int n) { return normals(0, head, n, Math.sqrt(scale.std(n))); }
    @Override public float[] k(int kvHead, int n) { return normals(1, kvHead, n, Math.sqrt(scale.std(n))); }
    @Override public float[] v(int kvHead, int n) { return normals(2, kvHead, n, 1); }

    private float[] normals(int tensor, int head, int n, double std) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + tensor * 7919L + head);
        float[] a = new float[n * headDim]; // (n, headDim)
        for (int i = 0; i < a.length; i += 2) { // Box-Muller: both outputs of each pair (128K x 128 x 8 heads stays fast)
            double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
            double rad = std * Math.sqrt(-2 * Math.log(u1));
            a[i] = (float) (rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < a.length) a[i + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
        }
        return a;
    }
}
