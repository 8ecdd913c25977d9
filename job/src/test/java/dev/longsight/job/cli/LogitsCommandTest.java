package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.Dtype;
import dev.longsight.kernels.model.LlamaWeights;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.RandomCheckpoint;
import dev.longsight.kernels.model.ReferenceLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitsCommandTest {
    @TempDir Path tmp;

    private Path model() throws Exception {
        Path dir = tmp.resolve("tiny");
        RandomCheckpoint.write(dir, RandomCheckpoint.tinyLlama(), Dtype.BF16, 2, 11);
        return dir;
    }

    private Path text(int words) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) b.append("w").append(2 + (i * 37) % 98).append(i % 5 == 4 ? "\n" : " ");
        return Files.writeString(tmp.resolve("text-" + words + ".txt"), b);
    }

    @Test
    void printsTheTopFiveAtEachOfTheLastPositions() throws Exception {
        Path dir = model();
        Cli.Run r = Cli.run("logits", "--model", dir.toString(), "--text-file", text(20).toString(), "--last", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("position,rank,token_id,token,logit", lines.get(0));
        assertEquals(1 + 3 * 5, lines.size(), r.out());

        // 20 words after the BOS the tokenizer adds: 21 tokens, positions 18, 19, 20.
        int[] tokens = new int[21];
        tokens[0] = 1;
        for (int i = 0; i < 20; i++) tokens[i + 1] = 2 + (i * 37) % 98;
        double[][] expected;
        try (Checkpoint c = Checkpoint.open(ModelFiles.local(dir))) {
            expected = new ReferenceLlama(LlamaWeights.load(c)).exactLogits(tokens, new int[] {18, 19, 20}, null);
        }
        for (int p = 0; p < 3; p++) {
            double[] row = expected[p];
            int[] best = IntStream.range(0, row.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer id) -> -row[id]).thenComparing(id -> id))
                    .limit(5).mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < 5; k++) {
                String[] f = lines.get(1 + p * 5 + k).split(",");
                assertEquals(List.of(String.valueOf(18 + p), String.valueOf(k + 1), String.valueOf(best[k]), best[k] == 1 ? "<s>" : best[k] == 0 ? "<unk>" : "w" + best[k]),
                        List.of(f[0], f[1], f[2], f[3]));
                assertEquals((float) row[best[k]], Float.parseFloat(f[4]), 0);
            }
        }
    }

    @Test
    void aPatternChangesOnlyPositionsWhoseBlocksDropKeys() throws Exception {
        Path dir = model();
        Path text = text(40); // 41 tokens; 8-token blocks: the last query block (5) drops blocks 1-3 under window 2 + sink 1
        Cli.Run full = Cli.run("logits", "--model", dir.toString(), "--text-file", text.toString(), "--last", "2", "--block", "8");
        Cli.Run sparse = Cli.run("logits", "--model", dir.toString(), "--text-file", text.toString(), "--last", "2", "--block", "8",
                "--patterns", "sliding:window=2,sink=1");
        assertEquals(0, sparse.code(), sparse.err());
        assertNotEquals(full.out(), sparse.out());
        Cli.Run fullAsPattern = Cli.run("logits", "--model", dir.toString(), "--text-file", text.toString(), "--last", "2", "--block", "8",
                "--pattern", "full");
        assertEquals(full.out(), fullAsPattern.out());
    }

    @Test
    void badInputsAreOneLineNamingTheOptionOrFile() throws Exception {
        Path dir = model();
        Path text = text(4);
        assertRefused("logits: option '--last': 9 is more than the text's 5 tokens",
                "--model", dir.toString(), "--text-file", text.toString(), "--last", "9");
        assertRefused("logits: option '--last': expected a positive integer, got 0",
                "--model", dir.toString(), "--text-file", text.toString(), "--last", "0");
        assertRefused("logits: option '--patterns': expected one pattern spec, got 2 (run once per pattern)",
                "--model", dir.toString(), "--text-file", text.toString(), "--patterns", "full;paper-power");
        assertRefused("logits: option '--model': " + tmp.resolve("none") + " is not a directory; expected a Hugging Face checkpoint directory",
                "--model", tmp.resolve("none").toString(), "--text-file", text.toString());
        assertRefused("logits: option '--text-file': " + tmp.resolve("none.txt") + " is not a file; expected a UTF-8 text file",
                "--model", dir.toString(), "--text-file", tmp.resolve("none.txt").toString());
        RandomCheckpoint.writeTokenizer(dir.resolve("tokenizer.json"), 120); // w100 .. w119 lie beyond the model's vocabulary
        Path beyond = Files.writeString(tmp.resolve("beyond.txt"), "w5 w110");
        assertRefused("logits: " + dir.resolve("tokenizer.json") + ": gives token id 110 at position 2; expected ids below config.json's vocab_size 100",
                "--model", dir.toString(), "--text-file", beyond.toString());
        RandomCheckpoint.writeTokenizer(dir.resolve("tokenizer.json"), 100);
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"silu\"", "\"gelu\""));
        assertRefused("logits: " + dir.resolve("config.json") + ": field 'hidden_act' is \"gelu\"; expected silu",
                "--model", dir.toString(), "--text-file", text.toString());
        Files.delete(dir.resolve("tokenizer.json"));
        assertRefused("logits: " + dir.resolve("tokenizer.json") + ": no such file; expected the checkpoint's Hugging Face tokenizer",
                "--model", dir.toString(), "--text-file", text.toString());
    }

    private static void assertRefused(String message, String... options) {
        Cli.Run r = Cli.run("logits", options);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(message, r.err().strip());
    }

    @Test
    void topKeepsTheHighestInOrderAndTiesInIdOrder() {
        assertArrayEquals(new int[] {3, 1, 4}, LogitsCommand.top(new float[] {0, 2, -1, 5, 2, 1}, 3));
        assertArrayEquals(new int[] {0, 1}, LogitsCommand.top(new float[] {7, 7, 7}, 2));
        assertArrayEquals(new int[] {1, 0}, LogitsCommand.top(new float[] {1, 2}, 5));
        assertTrue(LogitsCommand.top(new float[] {}, 5).length == 0);
    }
}
