package dev.longsight.job.report.chart;

import static dev.longsight.job.report.chart.ChartTestSupport.attr;
import static dev.longsight.job.report.chart.ChartTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScatterAndMaskTest {
    private static final Axis X = Axis.auto("density", Scale.LOG, v -> v + ""), Y = Axis.fixed("accuracy", 0, 1, v -> v + "");

    @Test
    void scatterDrawsAPointPerValueRingsTheFrontAndSkipsWhatALogAxisCannotShow() {
        ScatterChart.Group a = new ScatterChart.Group("a", 0, new double[] {1, 0.5}, new double[] {1, 0.9},
                new String[] {"4K", "8K"}, new String[] {"a 4K", "a 8K"}, new boolean[] {true, true});
        ScatterChart.Group b = new ScatterChart.Group("b <x>", 1, new double[] {0.1, 0, Double.NaN}, new double[] {0.5, 1, 1},
                new String[] {"4K", "8K", "16K"}, new String[] {"b 4K", "b 8K", "b 16K"}, new boolean[] {false, false, false});
        String svg = new ScatterChart("t", X, Y, List.of(a, b),
                List.of(new ScatterChart.Front("front at 4K", new double[] {0.5, 1}, new double[] {0.9, 1}))).svg();
        assertEquals(3, count(svg, "class=\"point\""), "zero density and NaN are not drawn on the log axis");
        assertEquals(2, count(svg, "class=\"pareto-point\""));
        assertEquals(1, count(svg, "<polyline class=\"pareto\""));
        assertTrue(svg.contains("<title>a 8K</title>") && svg.contains("b &lt;x&gt;"), "tooltips, and names escaped");
        List<String> cx = attr(svg, "circle", "point", "cx"), cy = attr(svg, "circle", "point", "cy");
        assertTrue(Double.parseDouble(cx.get(0)) > Double.parseDouble(cx.get(1)), "higher density to the right");
        assertTrue(Double.parseDouble(cy.get(0)) < Double.parseDouble(cy.get(2)), "higher accuracy higher up");
        assertThrows(IllegalArgumentException.class, () -> new ScatterChart.Group("c", 0, new double[] {1}, new double[] {1, 2},
                new String[] {""}, new String[] {""}, new boolean[] {false}));
    }

    @Test
    void maskDrawsRunsOfKeptBlocksAndTheDiagonalApart() {
        byte F = BlockMask.FULL, P = BlockMask.PARTIAL, E = BlockMask.EMPTY;
        byte[][] cells = {{P, E, E}, {F, P, E}, {F, E, P}};
        String svg = new BlockMask("sliding", "all 3 blocks", cells, 2).svg();
        assertEquals(3, count(svg, "class=\"mask-partial\""));
        assertEquals(2, count(svg, "class=\"mask-full\""));
        byte[][] dense = {{P, E, E}, {F, P, E}, {F, F, P}};
        String d = new BlockMask("full", "all 3 blocks", dense, 0).svg();
        assertEquals(2, count(d, "class=\"mask-full\""), "row 2's two full blocks are one rect");
        assertEquals(List.of(Palette.series(0), Palette.series(0)), attr(d, "rect", "mask-full", "fill"));
        assertEquals(List.of(Palette.light(0), Palette.light(0), Palette.light(0)), attr(d, "rect", "mask-partial", "fill"));
        assertThrows(IllegalArgumentException.class, () -> new BlockMask("x", "", new byte[][] {{P, E}}, 0));
    }
}
