package dev.longsight.job.report.chart;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A heatmap as inline SVG in the classic needle-in-a-haystack layout: rows top to bottom, columns
 * left to right, one {@code rect.cell} per cell coloured red (0) to green (1) with its value written
 * in it, and a colour bar. Cells without data are grey and show a dash.
 *
 * @param rows     row labels, top to bottom
 * @param cols     column labels, left to right
 * @param values   (rows, cols) values in [0, 1]; NaN = no data
 * @param tips     (rows, cols) tooltip per cell, or null
 * @param cellText what is written in a cell with data
 */
public record Heatmap(String title, String rowAxis, String colAxis, List<String> rows, List<String> cols,
                      double[][] values, String[][] tips, DoubleFunction<String> cellText) {
    static final double LEFT = 70, TOP = 34, BAR_GAP = 18, BAR_W = 12;

    public Heatmap {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
        cols = List.copyOf(cols);
        Objects.requireNonNull(cellText, "cellText");
        if (values.length != rows.size())
            throw new IllegalArgumentException("heatmap '" + title + "': expected " + rows.size() + " rows of values, got " + values.length);
        for (double[] r : values)
            if (r.length != cols.size())
                throw new IllegalArgumentException("heatmap '" + title + "': expected " + cols.size() + " values per row, got " + r.length);
        if (tips != null && tips.length != rows.size())
            throw new IllegalArgumentException("heatmap '" + title + "': expected " + rows.size() + " rows of tips, got " + tips.length);
    }

    public String svg() {
        double cellW = Math.max(34, Math.min(72, 560.0 / Math.max(1, cols.size())));
        double cellH = Math.max(16, Math.min(26, 420.0 / Math.max(1, rows.size())));
        double gridW = cols.size() * cellW, gridH = Math.max(rows.size() * cellH, 3 * cellH);
        // wide enough for the title too: patterns can be long specs
        double width = Math.max(LEFT + gridW + BAR_GAP + BAR_W + 52, Math.max(260, 24 + 8.2 * title.length()));
        double height = TOP + gridH + 46;
        Svg s = new Svg("chart heatmap", width, height, title);
        s.text(Math.max(LEFT + gridW / 2, width / 2), 20, "middle", "title", title);
        String valueCls = cellW < 44 || cellH < 20 ? "cell-value small" : "cell-value";
        for (int r = 0; r < rows.size(); r++) {
            double y = TOP + r * cellH;
            s.text(LEFT - 6, y + cellH / 2 + 4, "end", "tick", rows.get(r));
            for (int c = 0; c < cols.size(); c++) {
                double v = values[r][c], x = LEFT + c * cellW;
                String tip = tips == null || tips[r] == null ? null : tips[r][c];
                s.rect(x, y, cellW, cellH, "cell", Palette.scale(v), tip);
                s.text(x + cellW / 2, y + cellH / 2 + 4, "middle", valueCls, Double.isNaN(v) ? "\u2013" : cellText.apply(v));
            }
        }
        for (int c = 0; c < cols.size(); c++)
            s.text(LEFT + c * cellW + cellW / 2, TOP + gridH + 16, "middle", "tick", cols.get(c));
        s.text(LEFT + gridW / 2, TOP + gridH + 36, "middle", "axis-label", colAxis);
        s.vtext(16, TOP + gridH / 2, "axis-label", rowAxis);
        colourBar(s, LEFT + gridW + BAR_GAP, TOP, gridH);
        return s.end();
    }

    /** Ten steps from 1 (top) to 0 (bottom), labelled at the ends and the middle. */
    private void colourBar(Svg s, double x, double y, double h) {
        int steps = 10;
        s.raw("<g class=\"colour-bar\">");
        for (int i = 0; i < steps; i++)
            s.rect(x, y + i * h / steps, BAR_W, h / steps + 0.5, "bar-step", Palette.scale(1 - (i + 0.5) / steps), null);
        for (double v : new double[] {1, 0.5, 0})
            s.text(x + BAR_W + 4, y + (1 - v) * h + 4, "start", "tick", cellText.apply(v));
        s.raw("</g>");
    }
}
