package dev.longsight.kernels.pattern;

/** StreamingLLM / MInference A-shape: the first {@code sink} blocks and the {@code recent} latest. */
public record AShape(int sink, int recent) implements Pattern {
    static AShape of(SpecParams p) { return new AShape(p.integer("sink", 1, 0), p.integer("recent", 9, 1)); }
    public boolean keeps(int q, int k) { return k < sink || q - k < recent; }
    public String spec() { return "a-shape:sink=" + sink + ",recent=" + recent; }
}
