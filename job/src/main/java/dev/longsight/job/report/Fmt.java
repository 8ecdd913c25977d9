package dev.longsight.job.report;

import java.util.Locale;

/** Number formatting for the report: short, locale-independent, NaN shown as a dash. */
public final class Fmt {
    public static final String NONE = "\u2013";

    private Fmt() {}

    /** A share in [0, 1] as a percentage with one decimal ("83.3%"). */
    public static String pct(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : NONE;
    }

    /** Three significant digits with an SI suffix: 1234 -> "1.23k", 0.0123 -> "0.0123". */
    public static String si(double v) {
        if (!Double.isFinite(v)) return NONE;
        if (v == 0) return "0";
        double a = Math.abs(v);
        String[] suffix = {"", "k", "M", "G", "T", "P"};
        int k = 0;
        while (a >= 999.5 && k < suffix.length - 1) { a /= 1000; k++; }
        return (v < 0 ? "-" : "") + sig(a) + suffix[k];
    }

    /** Three significant digits, plain notation, trailing zeros removed; tiny values in scientific notation. */
    public static String sig(double v) {
        if (!Double.isFinite(v)) return NONE;
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) return String.format(Locale.ROOT, "%.2e", v);
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.indexOf('.') >= 0) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** A context length: powers-of-two multiples of 1024 as "4K", "128K", "1M"; others grouped ("3,000"). */
    public static String length(long n) {
        if (n > 0 && n % (1L << 20) == 0) return (n >> 20) + "M";
        if (n > 0 && n % 1024 == 0) return (n >> 10) + "K";
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A 95% interval of shares as whole percentages, "[72–91%]"; a dash when undefined. */
    public static String interval(double[] lowHigh) {
        if (!Double.isFinite(lowHigh[0]) || !Double.isFinite(lowHigh[1])) return NONE;
        return String.format(Locale.ROOT, "[%.0f\u2013%.0f%%]", 100 * lowHigh[0], 100 * lowHigh[1]);
    }

    /** A needle depth in [0, 1] as a whole percentage ("25%"). */
    public static String depth(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.0f%%", 100 * d) : NONE;
    }

    /** Milliseconds, switching to seconds/minutes when large. */
    public static String ms(double ms) {
        if (!Double.isFinite(ms)) return NONE;
        if (ms < 1000) return sig(ms) + " ms";
        if (ms < 120_000) return sig(ms / 1000) + " s";
        return sig(ms / 60_000) + " min";
    }
}
