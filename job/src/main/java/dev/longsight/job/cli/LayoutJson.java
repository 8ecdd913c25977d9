package dev.longsight.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.kernels.layout.BlockLayout;

/**
 * A block layout as JSON, for tools outside the JVM (the training masks of {@code train/}):
 * {@code {"spec", "length", "block", "query_blocks", "full": [[k...] per query block],
 * "partial": [[k...] per query block], "kept_blocks", "pairs"}}. {@code full} and {@code partial}
 * are {@link BlockLayout}'s rows as its Javadoc defines them (partial blocks masked token by token,
 * key {@code j} kept for query {@code i} only if {@code j <= i}); {@code pairs} is {@link BlockLayout#pairs()},
 * the kept (query, key) pairs of one head, which a mask built from the rows must reproduce.
 */
final class LayoutJson {
    private LayoutJson() {}

    static String of(String spec, BlockLayout layout) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("spec", spec);
        root.put("length", layout.seqLen());
        root.put("block", layout.blockSize());
        root.put("query_blocks", layout.numQBlocks());
        ArrayNode full = root.putArray("full"), partial = root.putArray("partial");
        for (int q = 0; q < layout.numQBlocks(); q++) {
            ArrayNode f = full.addArray(), p = partial.addArray();
            for (int i = 0; i < layout.fullKvNumBlocks(q); i++) f.add(layout.fullKvIndex(q, i));
            for (int i = 0; i < layout.kvNumBlocks(q); i++) p.add(layout.kvIndex(q, i));
        }
        root.put("kept_blocks", layout.totalBlocks());
        root.put("pairs", layout.pairs());
        return root.toString();
    }
}
