package dev.longsight.job.output;

import dev.longsight.kernels.io.CsvField;

/** RFC 4180 quoting for one CSV field ({@link CsvField}): every CSV the job writes quotes through here. */
public final class Csv {
    private Csv() {}

    public static String field(String s) { return CsvField.of(s); }
}
