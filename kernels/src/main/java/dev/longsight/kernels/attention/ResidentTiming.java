package dev.longsight.kernels.attention;

/** A prefill timed on device-resident data: its result and each timed launch's milliseconds. */
public record ResidentTiming(AttentionResult result, double[] runsMs) {}
