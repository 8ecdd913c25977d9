package dev.longsight.job.config;

import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.pattern.SpecList;
import java.util.ArrayList;
import java.util.List;

/** Parses the list-valued options (lengths with K/M suffixes, depths, fractions) and --precision with one-line errors. */
public final class Values {
    private Values() {}

    /** The callers pass the option as typed ("--lengths"), so it takes no prefix. */
    private static IllegalArgumentException bad(String option, String expected, String got) {
        return new Origin("option", "").bad(option, expected, got);
    }

    /** "4096", "8K" (x1024), "1M" (x1048576). */
    public static List<Integer> lengths(String option, List<String> items) {
        List<Integer> out = new ArrayList<>();
        for (String raw : items) {
            String s = raw.trim().toUpperCase();
            long mult = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1024 * 1024 : 1;
            String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
            long v;
            try {
                v = Long.parseLong(digits) * mult;
            } catch (NumberFormatException e) {
                throw bad(option, "token counts such as 4096 or 8K", "'" + raw + "'");
            }
            if (v <= 0 || v > Integer.MAX_VALUE) throw bad(option, "positive token counts below 2^31", "'" + raw + "'");
            out.add((int) v);
        }
        return out;
    }

    public static List<Double> doubles(String option, String expected, List<String> items) {
        List<Double> out = new ArrayList<>();
        for (String raw : items) {
            try {
                out.add(Double.parseDouble(raw.trim()));
            } catch (NumberFormatException e) {
                throw bad(option, expected, "'" + raw + "'");
            }
        }
        return out;
    }

    /** Pattern specs from one or more option values, each split by {@link SpecList} (specs keep their own commas). */
    public static List<String> patterns(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) out.addAll(SpecList.split(value));
        return out;
    }

    /** {@code --precision}: fp32, tf32 or bf16. */
    public static Precision precision(String raw) {
        try {
            return Precision.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--precision': " + e.getMessage());
        }
    }

    public static List<String> names(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String s : items) if (!s.isBlank()) out.add(s.trim());
        return out;
    }
}
