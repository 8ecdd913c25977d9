package dev.longsight.job.fidelity;

/**
 * Where the fidelity sweep's Q/K/V come from. Gaussian and npy sources read the first n tokens of one
 * underlying sequence (a causal prefix is itself a valid attention problem); the probe source builds
 * one unit per length. Slices are one head's rows: (n, headDim), row-major.
 */
public interface QkvSource {
    String describe();
    int heads();
    int kvHeads();
    int headDim();
    /** Longest length this source can serve. */
    int maxLength();
    float[] q(int head, int n);   // (n, headDim)
    float[] k(int kvHead, int n); // (n, headDim)
    float[] v(int kvHead, int n); // (n, headDim)
}
