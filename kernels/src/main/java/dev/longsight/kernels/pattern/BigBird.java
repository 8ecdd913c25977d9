package dev.longsight.kernels.pattern;

import java.util.SplittableRandom;

/**
 * BigBird: local window, {@code global} blocks that attend and are attended by all, and
 * {@code random} key blocks per query block drawn from a generator seeded by (seed, query block),
 * so the rule stays pure and reproducible.
 */
public record BigBird(int window, int global, int random, long seed) implements Pattern {
    static BigBird of(SpecParams p) {
        return new BigBird(p.integer("window", 3, 1), p.integer("global", 1, 0), p.integer("random", 3, 0),
                p.longValue("seed", 0));
    }

    public boolean keeps(int q, int k) {
        if (q - k < window || k < global || q < global) return true;
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + q);
        for (int i = 0; i < random; i++) {
            if (rng.nextInt(q + 1) == k) return true;
        }
        return false;
    }

    public String spec() { return "bigbird:window=" + window + ",global=" + global + ",random=" + random + ",seed=" + seed; }
}
