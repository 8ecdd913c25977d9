package dev.longsight.kernels.attention;

/**
 * A prefill timed on device-resident data: its result and, per timed launch, the wall milliseconds
 * around the launch (Aparapi's host work included) and the device milliseconds from OpenCL
 * profiling events ({@link dev.longsight.kernels.device.DeviceTime}; NaN where there are none).
 */
public record ResidentTiming(AttentionResult result, double[] runsMs, double[] deviceMs) {
    /** True when every timed launch has device time (the result's kernel time is then theirs). */
    public boolean hasDeviceTime() { return result.kernelMsFrom().equals(dev.longsight.kernels.device.DeviceTime.EVENTS); }
}
