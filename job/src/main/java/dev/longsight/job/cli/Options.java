package dev.longsight.job.cli;

import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;

/** Checks shared by the subcommands; each failure names the option and what was expected. */
final class Options {
    private Options() {}

    /** The block size of every command that runs patterns (bench keeps its published benchmark shape's 128). */
    static final String BLOCK = "64";

    /** {@code --lengths} of every command; the defaults differ, each command's sweep being sized for its purpose. */
    static final String LENGTHS_DESCRIPTION = "Context lengths in tokens, K = 1024, M = 1048576 (default: ${DEFAULT-VALUE}).";

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

    /** One spec of {@code --patterns}. */
    static Pattern pattern(String spec) {
        try {
            return Patterns.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--patterns': " + e.getMessage());
        }
    }
}
