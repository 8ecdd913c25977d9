package dev.longsight.job.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Tick positions: round numbers (1, 2, 5 x 10^k) on linear axes, decades (and 2, 5 within) on log axes. */
final class Ticks {
    private Ticks() {}

    /** About {@code target} round ticks covering [min, max]; the outer ticks may extend the range. */
    static double[] linear(double min, double max, int target) {
        double step = niceStep((max - min) / Math.max(1, target));
        double lo = Math.floor(min / step + 1e-9) * step, hi = Math.ceil(max / step - 1e-9) * step;
        int n = (int) Math.round((hi - lo) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = clean(lo + i * step);
        return t;
    }

    /** Decades covering [min, max] (min > 0); adds 2x and 5x ticks when fewer than three decades show. */
    static double[] log(double min, double max) {
        int lo = (int) Math.floor(Math.log10(min) + 1e-9), hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        if (hi == lo) hi++;
        List<Double> t = new ArrayList<>();
        boolean fine = hi - lo < 3;
        for (int e = lo; e <= hi; e++) {
            double d = Math.pow(10, e);
            t.add(clean(d));
            if (fine && e < hi) { t.add(clean(2 * d)); t.add(clean(5 * d)); }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The distinct values, sorted. */
    static double[] distinct(List<double[]> xs, Axis axis) {
        TreeSet<Double> s = new TreeSet<>();
        for (double[] x : xs) for (double v : x) if (axis.drawable(v)) s.add(v);
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    /** Removes floating-point dust so that 0.30000000000000004 prints as 0.3. */
    private static double clean(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
    }
}
