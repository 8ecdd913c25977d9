package dev.longsight.job.report.chart;

import static dev.longsight.job.report.chart.ChartTestSupport.attr;
import static dev.longsight.job.report.chart.ChartTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {
    private static Heatmap map(double[][] values, String[][] tips) {
        return new Heatmap("p", "depth", "length", List.of("0%", "50%"), List.of("4K", "8K", "16K"), values, tips,
                v -> String.valueOf(Math.round(100 * v)));
    }

    @Test
    void oneCellPerRowAndColumnColouredByValueInTheClassicLayout() {
        String svg = map(new double[][] {{1, 0.5, 0}, {Double.NaN, 0.25, 0.75}}, null).svg();
        assertEquals(6, count(svg, "class=\"cell\""));
        List<String> fills = attr(svg, "rect", "cell", "fill");
        assertEquals(List.of(Palette.scale(1), Palette.scale(0.5), Palette.scale(0), Palette.NO_DATA,
                Palette.scale(0.25), Palette.scale(0.75)), fills);
        List<String> xs = attr(svg, "rect", "cell", "x"), ys = attr(svg, "rect", "cell", "y");
        assertTrue(Double.parseDouble(xs.get(1)) > Double.parseDouble(xs.get(0)), "columns go left to right");
        assertTrue(Double.parseDouble(ys.get(3)) > Double.parseDouble(ys.get(0)), "rows go top to bottom");
        assertTrue(svg.contains(">100</text>") && svg.contains(">50</text>") && svg.contains(">\u2013</text>"));
        assertEquals(10, count(svg, "class=\"bar-step\""));
    }

    @Test
    void paletteRunsRedYellowGreen() {
        assertEquals("#D73027", Palette.scale(0));
        assertEquals("#FEE08B", Palette.scale(0.5));
        assertEquals("#1A9850", Palette.scale(1));
        assertEquals("#1A9850", Palette.scale(7), "clamped");
        assertEquals(Palette.NO_DATA, Palette.scale(Double.NaN));
    }

    @Test
    void tooltipsAndLabelsAreEscaped() {
        String[][] tips = {{"<i>a</i>", "b", "c"}, {"d", "e", "<script>f</script>"}};
        String svg = map(new double[][] {{1, 1, 1}, {1, 1, 1}}, tips).svg();
        assertFalse(svg.contains("<script") || svg.contains("<i>"));
        assertTrue(svg.contains("<title>&lt;script&gt;f&lt;/script&gt;</title>"));
    }

    @Test
    void rejectsValuesThatDoNotMatchTheLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map(new double[][] {{1, 1}, {1, 1}}, null));
        assertTrue(e.getMessage().contains("expected 3 values per row, got 2"), e.getMessage());
    }
}
