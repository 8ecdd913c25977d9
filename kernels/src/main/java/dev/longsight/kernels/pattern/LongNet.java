package dev.longsight.kernels.pattern;

/**
 * LongNet dilated attention at block level: for each (segment length w_i, dilation r_i), a query
 * attends the blocks of its own w_i-block segment whose offset in the segment is a multiple of r_i.
 */
public record LongNet(int[] segments, int[] dilations) implements Pattern {
    public LongNet {
        if (segments.length != dilations.length) {
            throw new PatternSpecException("pattern 'longnet': segments and dilations must have the same count, got "
                    + segments.length + " and " + dilations.length);
        }
        segments = segments.clone();
        dilations = dilations.clone();
    }

    static LongNet of(SpecParams p) {
        return new LongNet(p.integers("segments", new int[] {8, 16, 32, 64, 128}, 1),
                p.integers("dilations", new int[] {1, 2, 4, 8, 16}, 1));
    }

    public boolean keeps(int q, int k) {
        for (int i = 0; i < segments.length; i++) {
            int w = segments[i];
            if (q / w == k / w && (k % w) % dilations[i] == 0) return true;
        }
        return false;
    }

    public String spec() {
        return "longnet:segments=" + SpecParams.join(segments) + ",dilations=" + SpecParams.join(dilations);
    }
}
