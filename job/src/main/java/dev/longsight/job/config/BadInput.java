package dev.longsight.job.config;

/**
 * What to do with input that cannot be used: a bad record in JSON lines or Parquet ({@code --bad-lines}),
 * or a file that cannot be read as documents (binary data, not UTF-8, a damaged archive, not Parquet;
 * {@code --bad-files}): skip it (named and counted) or stop the run.
 */
public enum BadInput {
    SKIP, FAIL;

    /** {@code s} as given to {@code option}; anything else is an error naming the option. */
    public static BadInput parse(String option, String s) {
        return switch (s == null ? "" : s.trim().toLowerCase()) {
            case "skip" -> SKIP;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("option '" + option + "': expected skip or fail, got '" + s + "'");
        };
    }

    @Override
    public String toString() { return name().toLowerCase(); }
}
