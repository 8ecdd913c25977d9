package dev.longsight.job.fidelity;

/** Mean and standard error of a few per-document values: the error bars of the fidelity tables. */
final class Spread {
    private Spread() {}

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.length == 0 ? Double.NaN : s / xs.length;
    }

    /** Sample standard deviation over sqrt(count); NaN below two values (one document has no spread to show). */
    static double standardError(double[] xs) {
        if (xs.length < 2) return Double.NaN;
        double m = mean(xs), ss = 0;
        for (double x : xs) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (xs.length - 1) / xs.length);
    }
}
