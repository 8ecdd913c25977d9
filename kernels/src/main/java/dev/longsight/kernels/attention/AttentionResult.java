package dev.longsight.kernels.attention;

/**
 * Output of one prefill: o {@code (heads, seqLen, headDim)}, lse {@code (heads, seqLen)} in natural
 * log, rows outside the computed query range left zero; plus where, with which code ({@code kernel}:
 * variant and source, e.g. "mma-bf16 (inline PTX mma.sync)") and how fast it ran.
 */
public record AttentionResult(float[] o, float[] lse, String device, String kernel, double kernelMs, double wallMs) {}
