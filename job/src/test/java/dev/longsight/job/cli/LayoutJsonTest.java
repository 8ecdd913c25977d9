package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class LayoutJsonTest {
    private static JsonNode parse(String s) throws Exception { return new ObjectMapper().readTree(s); }

    private static int[] ints(JsonNode a) { return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray(); }

    @Test
    void rowsAndPairsAreTheLayouts() throws Exception {
        for (String spec : Patterns.presetNames()) {
            BlockLayout l = BlockLayout.of(Patterns.parse(spec), 1000, 16); // 63 blocks, the last one short
            JsonNode j = parse(LayoutJson.of(spec, l));
            assertEquals(spec, j.get("spec").asText());
            assertEquals(1000, j.get("length").asInt());
            assertEquals(16, j.get("block").asInt());
            assertEquals(63, j.get("query_blocks").asInt());
            assertEquals(l.pairs(), j.get("pairs").asLong());
            assertEquals(l.totalBlocks(), j.get("kept_blocks").asLong());
            for (int q = 0; q < l.numQBlocks(); q++) {
                int[] full = ints(j.get("full").get(q)), partial = ints(j.get("partial").get(q));
                int[] both = java.util.stream.IntStream.concat(java.util.Arrays.stream(full), java.util.Arrays.stream(partial)).sorted().toArray();
                assertArrayEquals(l.row(q), both, spec + " row " + q);
                assertArrayEquals(new int[] {q}, partial, spec + " row " + q + ": the diagonal is the partial block");
            }
        }
    }

    /** Kept pairs counted token by token from the JSON rows, as the training tool counts its mask, equal the layout's count. */
    @Test
    void pairsCountedFromTheRowsAgree() throws Exception {
        int n = 333, b = 8;
        JsonNode j = parse(LayoutJson.of("paper-power", BlockLayout.of(Patterns.parse("paper-power"), n, b)));
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (JsonNode k : j.get("full").get(i / b)) pairs += Math.min(b, n - k.asInt() * b);
            for (JsonNode k : j.get("partial").get(i / b)) pairs += Math.max(0, Math.min(i + 1, k.asInt() * b + b) - k.asInt() * b);
        }
        assertEquals(j.get("pairs").asLong(), pairs);
    }

    @Test
    void commandPrintsOneLineOfJson() throws Exception {
        Cli.Run r = Cli.run("patterns", "--layout", "sliding:window=3,sink=1", "--length", "1K", "--block", "64");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count());
        JsonNode j = parse(r.out());
        assertEquals(16, j.get("query_blocks").asInt());
        assertArrayEquals(new int[] {0, 13, 14}, ints(j.get("full").get(15)));
        assertEquals(BlockLayout.of(Patterns.parse("sliding:window=3,sink=1"), 1024, 64).pairs(), j.get("pairs").asLong());
    }

    @Test
    void badSpecIsAnErrorWithExitCode2() {
        Cli.Run r = Cli.run("patterns", "--layout", "power:window=x", "--length", "1K");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("window"), r.err());
    }
}
