package dev.longsight.job.report.chart;

import java.util.Objects;

/**
 * One line of a {@link LineChart}: points in x order; NaN points are skipped.
 *
 * @param name   legend text (escaped when drawn)
 * @param colour index into {@link Palette#series(int)}, so a pattern keeps its colour across charts
 * @param dashed drawn dashed (a second measure of the same pattern)
 * @param x      (points) x values
 * @param y      (points) y values
 */
public record Series(String name, int colour, boolean dashed, double[] x, double[] y) {
    public Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length)
            throw new IllegalArgumentException("series '" + name + "': expected as many x as y values, got " + x.length + " and " + y.length);
    }
}
