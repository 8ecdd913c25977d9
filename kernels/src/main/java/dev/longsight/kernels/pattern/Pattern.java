package dev.longsight.kernels.pattern;

/**
 * A static sparse-attention pattern: a pure rule over (query block, key block), in the spirit of
 * FlexAttention's {@code mask_mod}. Only causal pairs are asked ({@code kBlock <= qBlock}); the
 * converter {@link dev.longsight.kernels.layout.BlockLayout#of} always adds the diagonal block.
 */
public interface Pattern {

    /** Whether query block {@code qBlock} attends key block {@code kBlock}; {@code 0 <= kBlock <= qBlock}. */
    boolean keeps(int qBlock, int kBlock);

    /** Canonical spec string, parseable by {@link Patterns#parse}: {@code name:key=value,...}. */
    String spec();

    default Pattern or(Pattern other) {
        Pattern self = this;
        return new Pattern() {
            public boolean keeps(int q, int k) { return self.keeps(q, k) || other.keeps(q, k); }
            public String spec() { return self.spec() + "|" + other.spec(); }
        };
    }

    default Pattern and(Pattern other) {
        Pattern self = this;
        return new Pattern() {
            public boolean keeps(int q, int k) { return self.keeps(q, k) && other.keeps(q, k); }
            public String spec() { return self.spec() + "&" + other.spec(); }
        };
    }
}
