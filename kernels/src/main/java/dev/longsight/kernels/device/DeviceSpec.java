package dev.longsight.kernels.device;

/**
 * What the user asked to run kernels on: {@code auto}, {@code gpu}, {@code gpu:i} (the i-th OpenCL
 * GPU), {@code cpu} (an OpenCL CPU device such as PoCL) or {@code jtp} (Aparapi's Java threads).
 */
public record DeviceSpec(Kind kind, int index) {
    public enum Kind { AUTO, GPU, CPU, JTP }

    public DeviceSpec {
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    public static DeviceSpec parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase();
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        int index = 0;
        if (colon >= 0) {
            if (!name.equals("gpu")) throw bad(s);
            try {
                index = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad(s);
            }
            if (index < 0) throw bad(s);
        }
        return switch (name) {
            case "auto" -> new DeviceSpec(Kind.AUTO, 0);
            case "gpu" -> new DeviceSpec(Kind.GPU, index);
            case "cpu" -> new DeviceSpec(Kind.CPU, 0);
            case "jtp" -> new DeviceSpec(Kind.JTP, 0);
            default -> throw bad(s);
        };
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("device '" + s + "' is not one of auto, gpu, gpu:<index>, cpu, jtp");
    }

    /** Whether the user named an OpenCL device, so that a fallback to Java threads is an error. */
    public boolean wantsOpenCL() { return kind == Kind.GPU || kind == Kind.CPU; }

    @Override
    public String toString() {
        return kind == Kind.GPU && index > 0 ? "gpu:" + index : kind.name().toLowerCase();
    }
}
