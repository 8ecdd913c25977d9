package dev.longsight.job.config;

/** What to do with a bad record in JSON lines or Parquet input: skip it (and count it) or stop. */
public enum BadLines {
    SKIP, FAIL;

    public static BadLines parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase()) {
            case "skip" -> SKIP;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("option '--bad-lines': expected skip or fail, got '" + s + "'");
        };
    }

    @Override
    public String toString() { return name().toLowerCase(); }
}
