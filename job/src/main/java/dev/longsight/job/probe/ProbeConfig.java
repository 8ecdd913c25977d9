package dev.longsight.job.probe;

import java.io.Serializable;

/**
 * The constants of the constructed retrieval probe (PROBE.md). {@link #DEFAULT} holds the
 * calibrated values: the design's prototype constants plus the key-match weight {@code alpha}.
 *
 * @param contentDim content dims of Q/K (rotary pairs), capped by the head dim
 * @param beta       logit added for a key whose carrier flag is 1
 * @param gamma      standard deviation of the content (distractor) logit
 * @param alpha      logit added when a readout's key tag matches a needle's key tag
 * @param noise      standard deviation per dim of a non-needle token's initial payload
 * @param flagGain   gain of the flag update: new flag = min(1, flagGain * received flag mass)
 * @param seed       seed of every fixed weight (the network is the same for every unit)
 */
public record ProbeConfig(int contentDim, double beta, double gamma, double alpha, double noise, double flagGain, long seed)
        implements Serializable {
    public static final ProbeConfig DEFAULT = new ProbeConfig(32, 14.0, 1.0, 16.0, 0.1, 4.0, 0x10C5167L);

    public ProbeConfig {
        if (contentDim < 2 || contentDim % 2 != 0) throw new IllegalArgumentException("probe content dim must be even and >= 2, got " + contentDim);
        if (flagGain <= 0) throw new IllegalArgumentException("probe flag gain must be > 0, got " + flagGain);
        if (noise < 0) throw new IllegalArgumentException("probe noise must be >= 0, got " + noise);
    }
}
