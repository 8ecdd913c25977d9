package dev.longsight.job.report;

import dev.longsight.job.report.chart.BlockMask;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.PatternSpecException;
import dev.longsight.kernels.pattern.Patterns;
import java.util.ArrayList;
import java.util.List;

/** Each pattern's block mask at the run's shortest length, as attention-gym draws them. */
final class MaskSection implements Section {
    /** Larger grids shrink cells below a pixel; the first blocks show the rule's shape. */
    static final int MAX_BLOCKS = 64;

    @Override
    public String id() { return "masks"; }

    @Override
    public String heading() { return "Block masks"; }

    @Override
    public String body(ReportModel m) {
        if (m.lengths.isEmpty()) return Section.note("No units: no masks to draw.");
        int len = m.lengths.get(0), block = m.blockSize(len);
        StringBuilder b = new StringBuilder("<div class=\"charts\">");
        List<String> skipped = new ArrayList<>();
        for (String p : m.patterns) {
            BlockLayout l = layout(p, len, block);
            if (l == null) { skipped.add(p); continue; }
            int n = Math.min(MAX_BLOCKS, l.numQBlocks());
            String caption = (n < l.numQBlocks() ? "first " + n + " of " + l.numQBlocks() : "all " + n) + " query x key blocks";
            b.append(Section.figure(new BlockMask(p + " at " + Fmt.length(len) + ": density " + Fmt.pct(m.cost(p, len).density()),
                    caption, cells(l, n), m.colour(p)).svg()));
        }
        b.append("</div>");
        String note = "Rows: query blocks (top: the start of the context); columns: key blocks; " + block + "-token blocks at "
                + Fmt.length(len) + " tokens. Filled: every query of the row's block attends every key of the column's block; light: "
                + "the diagonal block, where a query attends only the keys at or before it.";
        if (!skipped.isEmpty()) note += " Not drawn (not a static pattern): " + String.join(", ", skipped) + ".";
        return Section.note(note) + b;
    }

    private static BlockLayout layout(String spec, int length, int block) {
        if (block <= 0) return null;
        try {
            return BlockLayout.of(Patterns.parse(spec), length, block);
        } catch (PatternSpecException e) {
            return null;
        }
    }

    /** The first n x n blocks of the layout: (query blocks, key blocks) of EMPTY, FULL or PARTIAL. */
    static byte[][] cells(BlockLayout l, int n) {
        byte[][] c = new byte[n][n];
        for (int q = 0; q < n; q++) {
            for (int i = 0; i < l.fullKvNumBlocks(q); i++) if (l.fullKvIndex(q, i) < n) c[q][l.fullKvIndex(q, i)] = BlockMask.FULL;
            for (int i = 0; i < l.kvNumBlocks(q); i++) if (l.kvIndex(q, i) < n) c[q][l.kvIndex(q, i)] = BlockMask.PARTIAL;
        }
        return c;
    }
}
