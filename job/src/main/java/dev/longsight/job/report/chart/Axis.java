package dev.longsight.job.report.chart;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * One chart axis.
 *
 * @param label      axis title
 * @param scale      linear or log (log drops non-positive values)
 * @param min        fixed lower bound, NaN = from the data
 * @param max        fixed upper bound, NaN = from the data
 * @param ticksAtData put ticks at the distinct data values (context lengths) instead of round numbers
 * @param format     tick label text
 */
public record Axis(String label, Scale scale, double min, double max, boolean ticksAtData, DoubleFunction<String> format) {
    public Axis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(format, "format");
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max))
            throw new IllegalArgumentException("axis '" + label + "': expected min < max, got " + min + " and " + max);
    }

    /** An axis whose range comes from the data. */
    public static Axis auto(String label, Scale scale, DoubleFunction<String> format) {
        return new Axis(label, scale, Double.NaN, Double.NaN, false, format);
    }

    /** A linear axis with a fixed range, e.g. accuracy in [0, 1]. */
    public static Axis fixed(String label, double min, double max, DoubleFunction<String> format) {
        return new Axis(label, Scale.LINEAR, min, max, false, format);
    }

    /** A log axis with ticks at the data values: context lengths, layer counts. */
    public static Axis atData(String label, Scale scale, DoubleFunction<String> format) {
        return new Axis(label, scale, Double.NaN, Double.NaN, true, format);
    }

    /** Whether a value can be drawn on this axis. */
    boolean drawable(double v) {
        return Double.isFinite(v) && (scale == Scale.LINEAR || v > 0);
    }
}
