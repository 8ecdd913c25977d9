package dev.longsight.job.cli;

import dev.longsight.kernels.device.DeviceSpec;

/** Checks shared by the subcommands; each failure names the option and what was expected. */
final class Options {
    private Options() {}

    static int positive(String option, int value) {
        if (value <= 0) throw new IllegalArgumentException("option '" + option + "': expected a positive integer, got " + value);
        return value;
    }

    /** {@code --device}: auto, gpu, gpu:<i>, cpu or jtp. */
    static DeviceSpec device(String raw) {
        try {
            return DeviceSpec.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--device': " + e.getMessage());
        }
    }
}
