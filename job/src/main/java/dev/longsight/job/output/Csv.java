package dev.longsight.job.output;

/** RFC 4180 quoting for one CSV field: every CSV the job writes quotes through here. */
public final class Csv {
    private Csv() {}

    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
