package dev.longsight.kernels.pattern;

/** Longformer dilated window: every {@code dilation}-th block within {@code window} blocks back. */
public record Dilated(int window, int dilation) implements Pattern {
    static Dilated of(SpecParams p) { return new Dilated(p.integer("window", 20, 1), p.integer("dilation", 2, 1)); }
    public boolean keeps(int q, int k) { int d = q - k; return d < window && d % dilation == 0; }
    public String spec() { return "dilated:window=" + window + ",dilation=" + dilation; }
}
