package dev.longsight.job.output;

/**
 * The 95% Wilson score interval of a proportion: unlike the normal approximation it stays inside
 * [0, 1] and is not zero-width at 0 or n successes, which is where a sparse pattern's accuracy
 * over a handful of units usually sits.
 */
public final class Wilson {
    /** The standard normal quantile of 0.975. */
    static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** {low, high} for {@code successes} of {@code n}; {NaN, NaN} when n is 0. */
    public static double[] interval(long successes, long n) {
        if (successes < 0 || successes > n)
            throw new IllegalArgumentException("Wilson interval: expected 0 <= successes <= n, got " + successes + " of " + n);
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double p = (double) successes / n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // the exact ends: rounding must not put 0 or n successes a hair inside or outside [0, 1]
        return new double[] {successes == 0 ? 0 : Math.max(0, centre - half), successes == n ? 1 : Math.min(1, centre + half)};
    }
}
