package dev.longsight.job.fidelity;

import java.util.List;

/**
 * How an error changes with the length: the least-squares slope s of log(error) against log(n),
 * so error ~ n^s. Errors below the fp32 noise floor of the metric are left out (they carry no trend).
 */
public record Trend(double slope, int points) {
    /** Dropped masses below this are fp32 LSE rounding, not signal. */
    public static final double NOISE_FLOOR = 1e-5;
    static final double FLAT = 0.05;

    public static Trend of(List<Integer> lengths, List<Double> errors) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int i = 0; i < lengths.size(); i++) {
            double e = errors.get(i);
            if (!(e > NOISE_FLOOR)) continue;
            double x = Math.log(lengths.get(i)), y = Math.log(e);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            m++;
        }
        if (m < 2) return new Trend(Double.NaN, m);
        return new Trend((m * sxy - sx * sy) / (m * sxx - sx * sx), m);
    }

    public String verdict() {
        if (points < 2) return "too few lengths above the noise floor";
        String s = String.format("n^%+.2f", slope);
        if (slope < -FLAT) return "falls (" + s + ")";
        if (slope > FLAT) return "rises (" + s + ")";
        return "flat (" + s + ")";
    }
}
