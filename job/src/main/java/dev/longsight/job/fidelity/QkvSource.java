package dev.longsight.job.fidelity;

import org.apache.hadoop.conf.Configuration;

/**
 * Where the fidelity sweep's Q/K/V come from. Gaussian and npy sources read the first n tokens of one
 * underlying sequence (a causal prefix is itself a valid attention problem); the probe source builds
 * one unit per length; a model source holds several documents and every layer of each. Slices are one
 * head's rows: (n, headDim), row-major.
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

    /** Independent sequences (documents) this source holds; each length takes the first n tokens of each. */
    default int documents() { return 1; }
    /** Layers whose attention this source holds. */
    default int layers() { return 1; }
    default float[] q(int document, int layer, int head, int n) { return q(head, n); }   // (n, headDim)
    default float[] k(int document, int layer, int kvHead, int n) { return k(kvHead, n); } // (n, headDim)
    default float[] v(int document, int layer, int kvHead, int n) { return v(kvHead, n); } // (n, headDim)

    /**
     * The source {@code --source} (or {@code --model}) names; {@code conf} reads an npy manifest, a checkpoint and
     * documents from any Hadoop filesystem. A model source captures its Q/K/V here, at the longest swept length.
     */
    static QkvSource open(FidelityConfig cfg, Configuration conf) {
        if (cfg.source().equals("gaussian")) {
            return new GaussianSource(cfg.heads(), cfg.kvHeads(), cfg.headDim(), cfg.seed(), cfg.scoreStd());
        }
        if (cfg.source().equals("probe")) return new ProbeSource(cfg.heads(), cfg.kvHeads(), cfg.headDim(), cfg.seed());
        if (cfg.source().startsWith(FidelityConfig.MODEL)) {
            int longest = cfg.lengths().stream().mapToInt(Integer::intValue).max().orElseThrow();
            return ModelQkvSource.capture(cfg.source().substring(FidelityConfig.MODEL.length()), cfg.input(), cfg.documents(), longest, conf,
                    line -> System.err.println("fidelity: " + line));
        }
        return NpySource.load(cfg.source().substring(4), conf); // FidelityConfig admits only gaussian, probe and npy:
    }
}
