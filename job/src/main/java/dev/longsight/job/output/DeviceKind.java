package dev.longsight.job.output;

import java.util.Locale;

/**
 * What kind of device a result's device name denotes, so that a throughput is read against the
 * right hardware: a TFLOP/s measured on a CPU is not a GPU figure.
 */
public enum DeviceKind {
    GPU("GPU"), CPU_OPENCL("CPU (OpenCL)"), CPU_JTP("CPU (Java threads)"), OTHER("other device"), UNKNOWN("unknown device");

    private final String label;

    DeviceKind(String label) { this.label = label; }

    public String label() { return label; }

    public boolean isCpu() { return this == CPU_OPENCL || this == CPU_JTP; }

    /** The kind of a name written by {@code Devices.describe} ("OpenCL GPU: ...", "OpenCL CPU: ...", "JTP: ...") or by a model forward ("Java (CPU, ...)"). */
    public static DeviceKind of(String device) {
        if (device == null || device.isBlank()) return UNKNOWN;
        String d = device.trim().toUpperCase(Locale.ROOT);
        if (d.startsWith("OPENCL GPU")) return GPU;
        if (d.startsWith("OPENCL CPU")) return CPU_OPENCL;
        if (d.startsWith("JTP") || d.startsWith("JAVA")) return CPU_JTP; // "Java (CPU, ...)": a model's reference forward
        return d.startsWith("OPENCL") ? OTHER : UNKNOWN;
    }
}
