package dev.longsight.kernels.pattern;

/**
 * PowerAttention: local window, sink blocks, and every key block at a power-of-two block distance,
 * so the receptive field doubles with each layer.
 */
public record Power(int window, int sink) implements Pattern {
    static Power of(SpecParams p) { return new Power(p.integer("window", 5, 1), p.integer("sink", 1, 0)); }
    public boolean keeps(int q, int k) { int d = q - k; return d < window || (d & (d - 1)) == 0 || k < sink; }
    public String spec() { return "power:window=" + window + ",sink=" + sink; }
}
