package dev.longsight.job.report.chart;

import java.util.Objects;

/**
 * A block mask as inline SVG, drawn as attention-gym draws a BlockMask: query blocks down, key
 * blocks across, a kept block filled, a partial block (the diagonal, masked token by token) in a
 * lighter shade. Runs of equal cells in a row are one {@code rect}, so a dense mask stays small.
 *
 * @param cells (query blocks, key blocks) {@link #EMPTY}, {@link #FULL} or {@link #PARTIAL}
 */
public record BlockMask(String title, String caption, byte[][] cells, int colour) {
    public static final byte EMPTY = 0, FULL = 1, PARTIAL = 2;
    static final double SIDE = 256, TOP = 30, LEFT = 12, BELOW = 40;

    public BlockMask {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        for (byte[] row : cells)
            if (row.length != cells.length)
                throw new IllegalArgumentException("block mask '" + title + "': expected " + cells.length + " key blocks a row, got " + row.length);
    }

    public String svg() {
        int n = Math.max(1, cells.length);
        double cell = SIDE / n, width = Math.max(SIDE + 2 * LEFT, 24 + 7.4 * title.length());
        Svg s = new Svg("chart block-mask", width, TOP + SIDE + BELOW, title);
        s.text(width / 2, 20, "middle", "title", title);
        s.rect(LEFT, TOP, SIDE, SIDE, "mask-empty", "#F2F2F2", null);
        String full = Palette.series(colour), partial = Palette.light(colour);
        for (int q = 0; q < cells.length; q++)
            for (int k = 0; k < cells.length; ) {
                byte v = cells[q][k];
                int end = k + 1;
                while (end < cells.length && cells[q][end] == v) end++;
                if (v != EMPTY)
                    s.rect(LEFT + k * cell, TOP + q * cell, (end - k) * cell, cell, v == FULL ? "mask-full" : "mask-partial",
                            v == FULL ? full : partial, null);
                k = end;
            }
        s.text(LEFT, TOP + SIDE + 16, "start", "tick", caption);
        s.rect(LEFT, TOP + SIDE + 24, 10, 10, "mask-key", full, null).text(LEFT + 14, TOP + SIDE + 33, "start", "tick", "kept");
        s.rect(LEFT + 60, TOP + SIDE + 24, 10, 10, "mask-key", partial, null)
         .text(LEFT + 74, TOP + SIDE + 33, "start", "tick", "partial (diagonal, causal inside)");
        return s.end();
    }
}
