package dev.longsight.job.cli;

/** Checks shared by the subcommands; each failure names the option and what was expected. */
final class Options {
    private Options() {}

    static int positive(String option, int value) {
        if (value <= 0) throw new IllegalArgumentException("option '" + option + "': expected a positive integer, got " + value);
        return value;
    }
}
