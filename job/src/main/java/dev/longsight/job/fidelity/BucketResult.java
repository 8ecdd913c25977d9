package dev.longsight.job.fidelity;

import java.io.Serializable;

/**
 * Fidelity of one pattern at one length for query positions [positionStart, positionEnd), over all heads (and layers and
 * documents). {@code quantiles} says how the p99 was computed: "exact" or the histogram's resolution.
 */
public record BucketResult(String pattern, String granularity, int length, int bucket, int positionStart, int positionEnd,
                           double droppedMean, double droppedP99, double relL2Mean, double relL2P99, String quantiles) implements Serializable {}
