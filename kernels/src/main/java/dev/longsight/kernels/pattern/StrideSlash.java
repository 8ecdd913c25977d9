package dev.longsight.kernels.pattern;

/** Sparse Transformer strided: local window, sink blocks, and every {@code stride}-th block back. */
public record StrideSlash(int window, int sink, int stride) implements Pattern {
    static StrideSlash of(SpecParams p) {
        return new StrideSlash(p.integer("window", 6, 1), p.integer("sink", 1, 0), p.integer("stride", 42, 1));
    }
    public boolean keeps(int q, int k) { int d = q - k; return d < window || k < sink || d % stride == 0; }
    public String spec() { return "stride-slash:window=" + window + ",sink=" + sink + ",stride=" + stride; }
}
