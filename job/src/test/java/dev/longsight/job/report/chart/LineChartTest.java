package dev.longsight.job.report.chart;

import static dev.longsight.job.report.chart.ChartTestSupport.attr;
import static dev.longsight.job.report.chart.ChartTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartTest {
    private static final Axis X = Axis.atData("length", Scale.LOG, v -> String.valueOf(Math.round(v)));
    private static final Axis Y = Axis.fixed("accuracy", 0, 1, v -> Math.round(100 * v) + "%");

    @Test
    void drawsOnePolylineAndOneMarkerPerDrawablePoint() {
        String svg = new LineChart("acc", X, Y, List.of(
                new Series("a", 0, false, new double[] {4096, 8192, 16384}, new double[] {1, 0.5, 0}),
                new Series("b", 1, true, new double[] {4096, 8192, 16384}, new double[] {0.2, Double.NaN, 0.9}))).svg();
        assertEquals(2, count(svg, "<polyline class=\"series\""));
        assertEquals(5, count(svg, "<circle"), "the NaN point is skipped");
        assertEquals(1, count(svg, "stroke-dasharray=\"6 4\" points="), "series b is dashed");
        List<String> points = attr(svg, "polyline", "series", "points");
        assertEquals(3, points.get(0).split(" ").length);
        assertEquals(2, points.get(1).split(" ").length);
        assertEquals(2, count(svg, "class=\"legend-text\""));
        assertTrue(svg.contains(">4096</text>") && svg.contains(">16384</text>"), "ticks at the data lengths");
        assertTrue(svg.contains(">100%</text>") && svg.contains(">0%</text>"));
    }

    @Test
    void mapsValuesMonotonicallyInsideThePlotArea() {
        String svg = new LineChart("t", X, Y, List.of(
                new Series("a", 0, false, new double[] {1000, 2000, 4000, 8000}, new double[] {0, 0.25, 0.5, 1}))).svg();
        double[][] pts = Arrays.stream(attr(svg, "polyline", "series", "points").get(0).split(" "))
                .map(p -> Arrays.stream(p.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        for (int i = 1; i < pts.length; i++) {
            assertTrue(pts[i][0] > pts[i - 1][0], "x grows to the right");
            assertTrue(pts[i][1] < pts[i - 1][1], "larger y is higher up");
        }
        // log x: equal ratios give equal steps
        assertEquals(pts[1][0] - pts[0][0], pts[2][0] - pts[1][0], 0.11);
        assertEquals(LineChart.TOP + LineChart.PLOT_H, pts[0][1], 1e-9, "y=0 on the bottom of a fixed [0,1] axis");
        assertEquals(LineChart.TOP, pts[3][1], 1e-9, "y=1 on the top");
        for (double[] p : pts) assertTrue(p[0] >= LineChart.LEFT && p[0] <= LineChart.WIDTH - LineChart.RIGHT);
    }

    @Test
    void logAxisDropsNonPositiveValuesAndEmptyChartSaysSo() {
        Axis logY = Axis.auto("mass", Scale.LOG, String::valueOf);
        String svg = new LineChart("m", X, logY, List.of(
                new Series("a", 0, false, new double[] {1, 2, 4}, new double[] {0, 1e-3, 1e-1}))).svg();
        assertEquals(2, count(svg, "<circle"));
        assertFalse(svg.contains("no data"));
        String empty = new LineChart("m", X, logY, List.of(new Series("a", 0, false, new double[] {1}, new double[] {0}))).svg();
        assertTrue(empty.contains(">no data</text>"));
        assertTrue(empty.contains(">a (nothing to draw)</text>"), "the legend says why the line is missing");
        assertFalse(svg.contains("(nothing to draw)"));
        assertFalse(empty.contains("NaN") || empty.contains("Infinity"));
    }

    @Test
    void escapesNamesAndTitles() {
        String svg = new LineChart("<b>t</b>", X, Y, List.of(
                new Series("<script>x</script>", 0, false, new double[] {1, 2}, new double[] {0.1, 0.2}))).svg();
        assertFalse(svg.contains("<script") || svg.contains("<b>"));
        assertTrue(svg.contains("&lt;script&gt;x&lt;/script&gt;"));
    }

    @Test
    void rejectsMismatchedSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Series("a", 0, false, new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }
}
