package dev.longsight.job.fidelity;

/**
 * The standard deviation sigma of the Gaussian source's attention scores {@code q.k / sqrt(d)}:
 * fixed ({@code 3}) or growing with the length ({@code ln:a}: {@code sigma = sqrt(a * ln n)}).
 *
 * <p>Why it matters: for scores ~ N(0, sigma^2) the softmax mass sits on the keys whose score is
 * near sigma^2, about {@code n * exp(-sigma^2 / 2)} of them. With a fixed sigma that is a fixed
 * share of n, so no sublinear k can keep the dropped mass falling. With {@code sigma^2 = a ln n}
 * it is about {@code n^(1 - a/2)}: attention is "naturally n^C-sparse" for C > 1 - a/2.
 * {@code ln:2} (the default) is the scale at which a row's largest score reaches sigma^2, so a
 * vanishing share of the keys carries the row; measured (FIDELITY.md), it is the setting where
 * token-level top-k with k = n^0.75 stops rising over 512..4096 tokens while k = c ln n rises.
 * At {@code ln:1} every budget's error still rises over those lengths: the asymptotics of the
 * Gaussian tail are slow.
 */
public record ScoreScale(double fixedStd, double logFactor) {

    public ScoreScale {
        if (fixedStd < 0 || logFactor < 0 || (fixedStd > 0) == (logFactor > 0)) {
            throw new IllegalArgumentException("exactly one of a fixed std and a log factor must be > 0");
        }
    }

    public static ScoreScale parse(String s) {
        String t = s == null ? "" : s.trim();
        try {
            if (t.startsWith("ln:")) {
                double a = Double.parseDouble(t.substring(3));
                if (a > 0 && Double.isFinite(a)) return new ScoreScale(0, a);
            } else {
                double v = Double.parseDouble(t);
                if (v > 0 && Double.isFinite(v)) return new ScoreScale(v, 0);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the one-line error
        }
        throw new IllegalArgumentException("option '--score-std': expected a positive number (fixed std) or ln:<a> "
                + "(std = sqrt(a ln n)), got '" + s + "'");
    }

    /** Score std at length n. */
    public double std(int n) { return fixedStd > 0 ? fixedStd : Math.sqrt(logFactor * Math.log(n)); }

    @Override
    public String toString() { return fixedStd > 0 ? Double.toString(fixedStd) : "ln:" + logFactor; }
}
