package dev.longsight.kernels.attention;

/**
 * Output of one prefill: o {@code (heads, seqLen, headDim)}, lse {@code (heads, seqLen)} in natural
 * log, rows outside the computed query range left zero; plus where, with which code ({@code kernel}:
 * variant and source, e.g. "mma-bf16 (inline PTX mma.sync)") and how fast it ran: {@code kernelMs}
 * summed over the launches, from OpenCL profiling events where every launch has them (as a peer's
 * CUDA events), else the wall time around each launch ({@code kernelMsFrom}: {@link
 * dev.longsight.kernels.device.DeviceTime#EVENTS} or {@code LAUNCH_WALL}); {@code wallMs} the whole
 * prefill, transfers included; {@code transferMs} the part of it spent putting the inputs and layout
 * on the device (output buffers allocated and bound included) and getting O and LSE back. What
 * {@code wallMs} holds beyond {@code kernelMs + transferMs} is launch overhead (range setup, the
 * fallback check, the host's wait beyond the device's own time).
 */
public record AttentionResult(float[] o, float[] lse, String device, String kernel, double kernelMs, String kernelMsFrom, double wallMs,
                              double transferMs) {}
