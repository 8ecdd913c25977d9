package dev.longsight.job.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A line chart as inline SVG: one {@code polyline.series} per series (markers with tooltips at each
 * point), axes with ticks and grid lines, and a legend below the plot. Every chart of the report is
 * one of these, so they all look and read alike.
 */
public record LineChart(String title, Axis x, Axis y, List<Series> series) {
    static final double WIDTH = 640, LEFT = 74, RIGHT = 18, TOP = 34, PLOT_H = 250, BELOW = 46, LEGEND_ROW = 18;

    public LineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
    }

    public String svg() {
        double plotW = WIDTH - LEFT - RIGHT;
        Range rx = range(x, series.stream().map(Series::x).toList(), true);
        Range ry = range(y, series.stream().map(Series::y).toList(), false);
        // say so in the legend rather than leave the reader looking for a line (zeros on a log axis)
        List<String> legendNames = series.stream().map(se -> drawable(se) ? se.name() : se.name() + " (nothing to draw)").toList();
        Legend legend = new Legend(legendNames, WIDTH - LEFT);
        double height = TOP + PLOT_H + BELOW + legend.height();
        Svg s = new Svg("chart line-chart", WIDTH, height, title);
        s.text(WIDTH / 2, 20, "middle", "title", title);
        double bottom = TOP + PLOT_H;
        for (double t : rx.ticks) {
            double px = LEFT + rx.frac(t) * plotW;
            s.line(px, TOP, px, bottom, "grid").text(px, bottom + 16, "middle", "tick", x.format().apply(t));
        }
        for (double t : ry.ticks) {
            double py = bottom - ry.frac(t) * PLOT_H;
            s.line(LEFT, py, LEFT + plotW, py, "grid").text(LEFT - 6, py + 4, "end", "tick", y.format().apply(t));
        }
        s.line(LEFT, bottom, LEFT + plotW, bottom, "axis").line(LEFT, TOP, LEFT, bottom, "axis");
        s.text(LEFT + plotW / 2, bottom + 36, "middle", "axis-label", x.label());
        s.vtext(16, TOP + PLOT_H / 2, "axis-label", y.label());
        boolean any = false;
        for (Series se : series) {
            String colour = Palette.series(se.colour());
            double[] px = new double[se.x().length], py = new double[se.x().length]; // (points) pixels
            int n = 0;
            for (int i = 0; i < se.x().length; i++) {
                if (!x.drawable(se.x()[i]) || !y.drawable(se.y()[i])) continue;
                px[n] = LEFT + rx.frac(se.x()[i]) * plotW;
                py[n] = bottom - ry.frac(se.y()[i]) * PLOT_H;
                n++;
            }
            s.polyline(px, py, n, "series", colour, se.dashed(), se.name());
            for (int i = 0, k = 0; i < se.x().length; i++) {
                if (!x.drawable(se.x()[i]) || !y.drawable(se.y()[i])) continue;
                s.circle(px[k], py[k], 3, "point", colour,
                        se.name() + ": " + x.format().apply(se.x()[i]) + ", " + y.format().apply(se.y()[i]));
                k++;
            }
            any |= n > 0;
        }
        if (!any) s.text(LEFT + plotW / 2, TOP + PLOT_H / 2, "middle", "no-data", "no data");
        legend.draw(s, series, legendNames, LEFT, bottom + BELOW);
        return s.end();
    }

    private boolean drawable(Series se) {
        for (int i = 0; i < se.x().length; i++) if (x.drawable(se.x()[i]) && y.drawable(se.y()[i])) return true;
        return false;
    }

    /** The value range of one axis and its ticks; frac maps a value to [0, 1] along the axis. */
    record Range(double lo, double hi, boolean log, double[] ticks) {
        double frac(double v) {
            double a = log ? Math.log10(lo) : lo, b = log ? Math.log10(hi) : hi, t = log ? Math.log10(v) : v;
            return b == a ? 0.5 : (t - a) / (b - a);
        }
    }

    static Range range(Axis axis, List<double[]> values, boolean isX) {
        boolean log = axis.scale() == Scale.LOG;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] vs : values) for (double v : vs) if (axis.drawable(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo > hi) { lo = log ? 1 : 0; hi = log ? 10 : 1; }
        if (!Double.isNaN(axis.min())) lo = axis.min();
        if (!Double.isNaN(axis.max())) hi = axis.max();
        if (axis.ticksAtData()) {
            double[] ticks = Ticks.distinct(values, axis);
            if (ticks.length > 12) ticks = log ? Ticks.log(lo, hi) : Ticks.linear(lo, hi, 6);
            // a margin so that the first and last points do not sit on the frame
            double pad = log ? Math.pow(hi / lo, 0.04) : (hi - lo) * 0.04;
            if (lo == hi) { pad = log ? 2 : 1; }
            return log ? new Range(lo / pad, hi * pad, true, inRange(ticks, lo / pad, hi * pad))
                       : new Range(lo - pad, hi + pad, false, inRange(ticks, lo - pad, hi + pad));
        }
        if (log) {
            double[] ticks = Ticks.log(lo, hi);
            return new Range(ticks[0], ticks[ticks.length - 1], true, ticks);
        }
        if (Double.isNaN(axis.min()) && lo > 0 && !isX) lo = 0; // throughput and errors read best from zero
        if (lo == hi) { lo -= 1; hi += 1; }
        double[] ticks = Ticks.linear(lo, hi, 5);
        if (Double.isNaN(axis.min())) lo = ticks[0];
        if (Double.isNaN(axis.max())) hi = ticks[ticks.length - 1];
        return new Range(lo, hi, false, inRange(ticks, lo, hi));
    }

    private static double[] inRange(double[] ticks, double lo, double hi) {
        double eps = (hi - lo) * 1e-9;
        return java.util.Arrays.stream(ticks).filter(t -> t >= lo - eps && t <= hi + eps).toArray();
    }

    /** Legend entries laid out in as many equal columns as fit the width. */
    private static final class Legend {
        final double colW;
        final int cols, rows;

        Legend(List<String> names, double width) {
            int longest = names.stream().mapToInt(String::length).max().orElse(0);
            colW = Math.min(width, 34 + longest * 6.6);
            cols = Math.max(1, (int) (width / colW));
            rows = (names.size() + cols - 1) / cols;
        }

        double height() {
            return rows * LEGEND_ROW + 8;
        }

        void draw(Svg s, List<Series> series, List<String> names, double x0, double y0) {
            s.raw("<g class=\"legend\">");
            for (int i = 0; i < series.size(); i++) {
                Series se = series.get(i);
                double x = x0 + (i % cols) * colW, y = y0 + (i / cols) * LEGEND_ROW;
                s.line(x, y, x + 24, y, "legend-line", Palette.series(se.colour()), se.dashed());
                s.text(x + 30, y + 4, "start", "legend-text", names.get(i));
            }
            s.raw("</g>");
        }
    }
}
