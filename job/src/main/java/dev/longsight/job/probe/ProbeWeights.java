package dev.longsight.job.probe;

import dev.longsight.job.workload.Seeds;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The probe's fixed, seeded "weights": every value is a pure function of the probe seed and its
 * indices (token id, layer, head, key, position), so executors recompute them instead of shipping
 * them. Key tags are unit vectors; content projections have N(0, 1/content) entries, so a content
 * logit has standard deviation about gamma.
 */
final class ProbeWeights {
    private final ProbeConfig cfg;
    private final ProbeDims dims;
    private final Map<Integer, float[]> tags = new HashMap<>();
    private final Map<Long, float[]> projections = new HashMap<>();

    ProbeWeights(ProbeConfig cfg, ProbeDims dims) {
        this.cfg = cfg;
        this.dims = dims;
    }

    /** Content embedding of a token id: (content) standard normal entries. */
    void embedding(int tokenId, float[] out, int off) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), 1, tokenId));
        for (int c = 0; c < dims.content(); c++) out[off + c] = (float) r.nextGaussian();
    }

    /** Content projection of query head h (kind 2) or KV head g (kind 3) in one layer: (content, content) row-major. */
    float[] projection(int kind, int layer, int head) {
        long key = ((long) kind << 40) | ((long) layer << 20) | head;
        return projections.computeIfAbsent(key, k -> {
            int c = dims.content();
            SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), kind, layer, head));
            float[] w = new float[c * c]; // (content, content) row-major
            double sd = 1.0 / Math.sqrt(c);
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * sd);
            return w;
        });
    }

    /** Unit-norm key tag of a key token id: (tagDim). */
    float[] tag(int keyId) {
        return tags.computeIfAbsent(keyId, id -> {
            SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), 4, id));
            float[] t = new float[dims.tagDim()]; // (tagDim)
            double norm = 0;
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) r.nextGaussian();
                norm += t[i] * t[i];
            }
            for (int i = 0; i < t.length; i++) t[i] /= (float) Math.sqrt(norm);
            return t;
        });
    }

    /** Binding phase of digit i under a key: the key rotates each digit's angle by it. */
    double phase(int keyId, int digit) {
        return 2 * Math.PI * new SplittableRandom(Seeds.mix(cfg.seed(), 5, keyId, digit)).nextDouble();
    }

    /** Initial payload of a non-needle token: (payload) N(0, noise^2) entries. */
    void noise(int tokenId, int position, float[] out, int off) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(cfg.seed(), 6, tokenId, position));
        for (int i = 0; i < dims.payload(); i++) out[off + i] = (float) (r.nextGaussian() * cfg.noise());
    }
}
