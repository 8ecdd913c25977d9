package dev.longsight.kernels.io;

/** RFC 4180 quoting of one CSV field: every CSV LongSight writes quotes through here. */
public final class CsvField {
    private CsvField() {}

    public static String of(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
