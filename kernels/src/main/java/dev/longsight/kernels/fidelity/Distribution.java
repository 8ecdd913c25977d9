package dev.longsight.kernels.fidelity;

import java.util.Arrays;

/**
 * A mergeable summary of non-negative values: exact count, mean and max, and quantiles from a
 * log-scale histogram (100 bins a decade from 1e-12 to 1e4, so a quantile is within 2.3% of a value
 * of that rank; values below 1e-12 count as zero). Merging two summaries equals summarising the
 * union, so per-head or per-executor results can be combined in any order.
 */
public record Distribution(long count, double sum, double max, long[] bins) {
    static final double MIN = 1e-12;
    static final int PER_DECADE = 100;
    static final int DECADES = 16;
    static final int NUM_BINS = 1 + PER_DECADE * DECADES; // bin 0 holds values below MIN

    public Distribution {
        if (bins.length != NUM_BINS) throw new IllegalArgumentException("expected " + NUM_BINS + " bins, got " + bins.length);
        bins = bins.clone();
    }

    public static Distribution empty() { return new Distribution(0, 0, 0, new long[NUM_BINS]); }

    public static Distribution of(double[] values) { return of(values, 0, values.length); }

    /** Summarises values[from, to); a negative or NaN value is an error, not noise to average. */
    public static Distribution of(double[] values, int from, int to) {
        long[] bins = new long[NUM_BINS];
        double sum = 0, max = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (!(v >= 0)) throw new IllegalArgumentException("value " + v + " at index " + i + " is negative or NaN");
            sum += v;
            max = Math.max(max, v);
            bins[bin(v)]++;
        }
        return new Distribution(to - from, sum, max, bins);
    }

    static int bin(double v) {
        if (v < MIN) return 0;
        int b = 1 + (int) Math.floor(Math.log10(v / MIN) * PER_DECADE);
        return Math.min(b, NUM_BINS - 1);
    }

    public Distribution merge(Distribution o) {
        long[] b = bins.clone();
        for (int i = 0; i < b.length; i++) b[i] += o.bins[i];
        return new Distribution(count + o.count, sum + o.sum, Math.max(max, o.max), b);
    }

    public double mean() { return count == 0 ? Double.NaN : sum / count; }

    /** The p-quantile (0 < p <= 1): the geometric centre of the bin holding that rank, capped by max. */
    public double quantile(double p) {
        if (count == 0) return Double.NaN;
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("quantile must be in (0, 1], got " + p);
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += bins[i];
            if (seen >= rank) return i == 0 ? 0 : Math.min(max, MIN * Math.pow(10, (i - 0.5) / PER_DECADE));
        }
        return max;
    }

    public double p50() { return quantile(0.5); }
    public double p99() { return quantile(0.99); }

    @Override
    public long[] bins() { return bins.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && d.count == count && d.sum == sum && d.max == max && Arrays.equals(d.bins, bins);
    }

    @Override
    public int hashCode() { return Long.hashCode(count) * 31 + Arrays.hashCode(bins); }

    @Override
    public String toString() {
        return String.format("n=%d mean=%.3g p50=%.3g p99=%.3g max=%.3g", count, mean(), p50(), p99(), max);
    }
}
