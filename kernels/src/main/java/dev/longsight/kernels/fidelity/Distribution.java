package dev.longsight.kernels.fidelity;

import java.util.Arrays;

/**
 * A mergeable summary of non-negative values: exact count, mean and max, and quantiles. While the
 * values fit ({@value #MAX_EXACT} of them) they are kept, sorted, and quantiles are exact (the value
 * of that rank); beyond that, or when built with {@link #histogram}, quantiles come from a log-scale
 * histogram (100 bins a decade from 1e-12 to 1e4: a quantile is within {@value #HISTOGRAM_RESOLUTION}
 * of a value of that rank, and values below 1e-12 count as zero). {@link #quantiles()} says which.
 * Merging two summaries equals summarising the union, so per-head or per-executor results can be
 * combined in any order.
 *
 * @param sorted every value, ascending, or null when the summary holds only the histogram
 */
public record Distribution(long count, double sum, double max, long[] bins, double[] sorted) {
    static final double MIN = 1e-12;
    static final int PER_DECADE = 100;
    static final int DECADES = 16;
    static final int NUM_BINS = 1 + PER_DECADE * DECADES; // bin 0 holds values below MIN
    /** Most values a summary keeps for exact quantiles: 16 MiB of doubles (128K rows x 8 heads fit with room). */
    public static final int MAX_EXACT = 1 << 21;
    /** Relative error of a histogram quantile: half a bin, 10^(1/200) - 1. */
    public static final String HISTOGRAM_RESOLUTION = "2.3%";

    public Distribution {
        if (bins.length != NUM_BINS) throw new IllegalArgumentException("expected " + NUM_BINS + " bins, got " + bins.length);
        if (sorted != null && sorted.length != count) throw new IllegalArgumentException("kept " + sorted.length + " values of " + count);
        bins = bins.clone();
    }

    public static Distribution empty() { return new Distribution(0, 0, 0, new long[NUM_BINS], new double[0]); }

    public static Distribution of(double[] values) { return of(values, 0, values.length); }

    /** Summarises values[from, to), keeping them for exact quantiles; a negative or NaN value is an error, not noise to average. */
    public static Distribution of(double[] values, int from, int to) { return summarise(values, from, to, to - from <= MAX_EXACT); }

    /** Summarises values[from, to) as a histogram only: for metrics whose quantiles nobody reads (mean and max stay exact). */
    public static Distribution histogram(double[] values, int from, int to) { return summarise(values, from, to, false); }

    private static Distribution summarise(double[] values, int from, int to, boolean keep) {
        long[] bins = new long[NUM_BINS];
        double sum = 0, max = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (!(v >= 0)) throw new IllegalArgumentException("value " + v + " at index " + i + " is negative or NaN");
            sum += v;
            max = Math.max(max, v);
            bins[bin(v)]++;
        }
        double[] sorted = null;
        if (keep) {
            sorted = Arrays.copyOfRange(values, from, to);
            Arrays.sort(sorted);
        }
        return new Distribution(to - from, sum, max, bins, sorted);
    }

    static int bin(double v) {
        if (v < MIN) return 0;
        int b = 1 + (int) Math.floor(Math.log10(v / MIN) * PER_DECADE);
        return Math.min(b, NUM_BINS - 1);
    }

    /** The union's summary; exact when both are and the union still fits. */
    public Distribution merge(Distribution o) {
        long[] b = bins.clone();
        for (int i = 0; i < b.length; i++) b[i] += o.bins[i];
        double[] union = sorted != null && o.sorted != null && count + o.count <= MAX_EXACT ? mergeSorted(sorted, o.sorted) : null;
        return new Distribution(count + o.count, sum + o.sum, Math.max(max, o.max), b, union);
    }

    private static double[] mergeSorted(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int i = 0, j = 0, k = 0;
        while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        while (i < a.length) out[k++] = a[i++];
        while (j < b.length) out[k++] = b[j++];
        return out;
    }

    public double mean() { return count == 0 ? Double.NaN : sum / count; }

    /** Whether {@link #quantile} is exact (every value kept) rather than a histogram bin's centre. */
    public boolean exact() { return sorted != null; }

    /** How the quantiles were computed, as tables state it beside them. */
    public String quantiles() { return exact() ? "exact" : "histogram (within " + HISTOGRAM_RESOLUTION + ")"; }

    /**
     * The p-quantile (0 < p <= 1) by nearest rank: the value of rank ceil(p * count). Exact when the
     * values are kept; else the geometric centre of the histogram bin holding that rank, capped by max.
     */
    public double quantile(double p) {
        if (count == 0) return Double.NaN;
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("quantile must be in (0, 1], got " + p);
        long rank = (long) Math.ceil(p * count);
        if (sorted != null) return sorted[(int) rank - 1];
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
    public double[] sorted() { return sorted == null ? null : sorted.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && d.count == count && d.sum == sum && d.max == max && Arrays.equals(d.bins, bins)
                && Arrays.equals(d.sorted, sorted);
    }

    @Override
    public int hashCode() { return Long.hashCode(count) * 31 + Arrays.hashCode(bins); }

    @Override
    public String toString() {
        return String.format("n=%d mean=%.3g p50=%.3g p99=%.3g max=%.3g (%s quantiles)", count, mean(), p50(), p99(), max, quantiles());
    }
}
