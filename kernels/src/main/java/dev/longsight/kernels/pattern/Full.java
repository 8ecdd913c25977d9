package dev.longsight.kernels.pattern;

/** Dense causal attention. */
public record Full() implements Pattern {
    static Full of(SpecParams p) { return new Full(); }
    public boolean keeps(int q, int k) { return true; }
    public String spec() { return "full"; }
}
