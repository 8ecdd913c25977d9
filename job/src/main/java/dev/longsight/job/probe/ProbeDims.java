package dev.longsight.job.probe;

/**
 * How the probe lays its features into one head's {@code headDim} floats.
 * Q/K: {@code [0, content)} rotary content, {@code flagIndex} the carrier flag, {@code [tagStart, headDim)}
 * the key tag. V: index 0 the flag, then {@code slots} payload slots of {@link #SLOT_WIDTH} floats
 * (one (cos, sin) pair per answer digit), the rest zero.
 */
public record ProbeDims(int headDim, int content, int slots) {
    /** Digits per payload slot: the longest answer number (RULER's 7-digit values). */
    public static final int MAX_DIGITS = 7;
    public static final int SLOT_WIDTH = 2 * MAX_DIGITS;
    /** Smallest head dim with one content pair, the flag, a 1-dim tag and one payload slot. */
    public static final int MIN_HEAD_DIM = SLOT_WIDTH + 1;

    public static ProbeDims of(int headDim, ProbeConfig cfg) {
        if (headDim < MIN_HEAD_DIM) { // the configs refuse this with the option's name (config.Rules.probeHeadDim)
            throw new IllegalArgumentException("head dim " + headDim + " is below the probe's minimum " + MIN_HEAD_DIM);
        }
        // Half the head for content (at most contentDim), the rest for the flag and the key tag.
        int content = Math.max(2, Math.min(cfg.contentDim(), (headDim / 2) & ~1));
        return new ProbeDims(headDim, content, (headDim - 1) / SLOT_WIDTH);
    }

    public int flagIndex() { return content; }
    public int tagStart() { return content + 1; }
    public int tagDim() { return headDim - content - 1; }
    /** Payload floats per token in the residual stream. */
    public int payload() { return slots * SLOT_WIDTH; }
}
