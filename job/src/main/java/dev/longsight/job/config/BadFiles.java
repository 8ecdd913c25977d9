package dev.longsight.job.config;

/**
 * What to do with an input file that cannot be read as documents (binary data, not UTF-8, a
 * damaged archive, not Parquet): skip it (named and counted) or stop the run.
 */
public enum BadFiles {
    SKIP, FAIL;

    public static BadFiles parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase()) {
            case "skip" -> SKIP;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("option '--bad-files': expected skip or fail, got '" + s + "'");
        };
    }

    @Override
    public String toString() { return name().toLowerCase(); }
}
