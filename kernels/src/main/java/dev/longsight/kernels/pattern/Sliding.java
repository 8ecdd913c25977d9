package dev.longsight.kernels.pattern;

/** Sliding window of {@code window} blocks (diagonal included) plus the first {@code sink} blocks. */
public record Sliding(int window, int sink) implements Pattern {
    static Sliding of(SpecParams p) { return new Sliding(p.integer("window", 9, 1), p.integer("sink", 1, 0)); }
    public boolean keeps(int q, int k) { return q - k < window || k < sink; }
    public String spec() { return "sliding:window=" + window + ",sink=" + sink; }
}
