package dev.longsight.job.cli;

import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;

/** Checks shared by the subcommands; each failure names the option and what was expected. */
final class Options {
    private Options() {}

    /** The block size of every command that runs patterns (bench keeps its published benchmark shape's 128). */
    static final String BLOCK = "64";

    static final String BLOCK_DESCRIPTION = "Block size in tokens (default: ${DEFAULT-VALUE}: the smallest block the tensor-core "
            + "kernels take, their query tile being 64 rows, so one layout serves fp32, tf32 and bf16; run, rf, fidelity and calibrate share it).";

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
