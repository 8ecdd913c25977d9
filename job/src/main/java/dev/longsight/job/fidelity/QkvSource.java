package dev.longsight.job.fidelity;

import org.apache.hadoop.conf.Configuration;

/**
 * Where the fidelity sweep's Q/K/V come from. Gaussian and npy sources read the first n tokens of one
 * underlying sequence (a causal prefix is itself a valid attention problem); the probe source builds
 * one unit per length. Slices are one head's rows: (n, headDim), row-major.
 */
public interface QkvSource {
    String describe();
    int heads();
    int kvHeads();
    int headDim();
    /** Longest length this source can serve. */
    int maxLength();
    float[] q(int head, int n);   // (n, headDim)
    float[] k(int kvHead, int n); // (n, headDim)
    float[] v(int kvHead, int n); // (n, headDim)

    /** The source {@code --source} names; {@code conf} reads an npy manifest from any Hadoop filesystem. */
    static QkvSource open(FidelityConfig cfg, Configuration conf) {
        if (cfg.source().equals("gaussian")) {
            return new GaussianSource(cfg.heads(), cfg.kvHeads(), cfg.headDim(), cfg.seed(), cfg.scoreStd());
        }
        if (cfg.source().equals("probe")) return new ProbeSource(cfg.heads(), cfg.kvHeads(), cfg.headDim(), cfg.seed());
        return NpySource.load(cfg.source().substring(4), conf); // FidelityConfig admits only gaussian, probe and npy:
    }
}
