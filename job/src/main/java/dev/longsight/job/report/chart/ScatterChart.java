package dev.longsight.job.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A scatter plot as inline SVG: one {@code circle.point} per point, coloured by group and labelled
 * beside it, points flagged as Pareto-optimal ringed ({@code circle.pareto-point}), and each front
 * drawn as a dashed {@code polyline.pareto} through its points in x order.
 */
public record ScatterChart(String title, Axis x, Axis y, List<Group> groups, List<Front> fronts) {
    static final double WIDTH = 640, LEFT = 74, RIGHT = 18, TOP = 34, PLOT_H = 280, BELOW = 46, LEGEND_ROW = 18;
    static final String FRONT_COLOUR = "#444";

    /**
     * The points of one pattern.
     *
     * @param x      (points) x values; NaN points are not drawn
     * @param y      (points) y values
     * @param labels (points) short text beside each point, e.g. its length
     * @param tips   (points) tooltips
     * @param pareto (points) whether the point is on a Pareto front
     */
    public record Group(String name, int colour, double[] x, double[] y, String[] labels, String[] tips, boolean[] pareto) {
        public Group {
            Objects.requireNonNull(name, "name");
            int n = x.length;
            if (y.length != n || labels.length != n || tips.length != n || pareto.length != n)
                throw new IllegalArgumentException("scatter group '" + name + "': expected " + n + " y values, labels, tips and flags");
        }
    }

    /** One Pareto front: its points, (points) x and y. */
    public record Front(String name, double[] x, double[] y) {
        public Front {
            if (x.length != y.length) throw new IllegalArgumentException("front '" + name + "': expected as many x as y values");
        }
    }

    public ScatterChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        groups = List.copyOf(groups);
        fronts = List.copyOf(fronts);
    }

    public String svg() {
        double plotW = WIDTH - LEFT - RIGHT;
        LineChart.Range rx = LineChart.range(x, groups.stream().map(Group::x).toList(), true);
        LineChart.Range ry = LineChart.range(y, groups.stream().map(Group::y).toList(), false);
        int cols = Math.max(1, (int) ((WIDTH - LEFT) / 150)), entries = groups.size() + (fronts.isEmpty() ? 0 : 1);
        double legendH = ((entries + cols - 1) / cols) * LEGEND_ROW + 8;
        Svg s = new Svg("chart scatter-chart", WIDTH, TOP + PLOT_H + BELOW + legendH, title);
        s.text(WIDTH / 2, 20, "middle", "title", title);
        double bottom = TOP + PLOT_H;
        for (double t : rx.ticks()) {
            double px = LEFT + rx.frac(t) * plotW;
            s.line(px, TOP, px, bottom, "grid").text(px, bottom + 16, "middle", "tick", x.format().apply(t));
        }
        for (double t : ry.ticks()) {
            double py = bottom - ry.frac(t) * PLOT_H;
            s.line(LEFT, py, LEFT + plotW, py, "grid").text(LEFT - 6, py + 4, "end", "tick", y.format().apply(t));
        }
        s.line(LEFT, bottom, LEFT + plotW, bottom, "axis").line(LEFT, TOP, LEFT, bottom, "axis");
        s.text(LEFT + plotW / 2, bottom + 36, "middle", "axis-label", x.label());
        s.vtext(16, TOP + PLOT_H / 2, "axis-label", y.label());
        for (Front f : fronts) {
            double[] px = new double[f.x().length], py = new double[f.x().length]; // (points) pixels
            int n = 0;
            for (int i = 0; i < f.x().length; i++) {
                if (!x.drawable(f.x()[i]) || !y.drawable(f.y()[i])) continue;
                px[n] = LEFT + rx.frac(f.x()[i]) * plotW;
                py[n++] = bottom - ry.frac(f.y()[i]) * PLOT_H;
            }
            if (n > 1) s.polyline(px, py, n, "pareto", FRONT_COLOUR, true, f.name());
        }
        boolean any = false;
        for (Group g : groups) {
            String colour = Palette.series(g.colour());
            for (int i = 0; i < g.x().length; i++) {
                if (!x.drawable(g.x()[i]) || !y.drawable(g.y()[i])) continue;
                double px = LEFT + rx.frac(g.x()[i]) * plotW, py = bottom - ry.frac(g.y()[i]) * PLOT_H;
                if (g.pareto()[i]) s.raw("<circle cx=\"" + Svg.n(px) + "\" cy=\"" + Svg.n(py) + "\" r=\"7\" class=\"pareto-point\" fill=\"none\" stroke=\""
                        + FRONT_COLOUR + "\"/>");
                s.circle(px, py, 4, "point", colour, g.tips()[i]);
                s.text(px + 8, py - 6, "start", "point-label", g.labels()[i]);
                any = true;
            }
        }
        if (!any) s.text(LEFT + plotW / 2, TOP + PLOT_H / 2, "middle", "no-data", "no data");
        s.raw("<g class=\"legend\">");
        double colW = (WIDTH - LEFT) / cols;
        for (int i = 0; i < entries; i++) {
            double lx = LEFT + (i % cols) * colW, ly = bottom + BELOW + (i / cols) * LEGEND_ROW;
            if (i < groups.size()) {
                s.circle(lx + 8, ly, 4, "legend-point", Palette.series(groups.get(i).colour()), groups.get(i).name());
                s.text(lx + 18, ly + 4, "start", "legend-text", groups.get(i).name());
            } else {
                s.line(lx, ly, lx + 16, ly, "legend-line", FRONT_COLOUR, true);
                s.text(lx + 22, ly + 4, "start", "legend-text", "Pareto front (ringed)");
            }
        }
        s.raw("</g>");
        return s.end();
    }
}
