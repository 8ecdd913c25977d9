package dev.longsight.job.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.Dtype;
import dev.longsight.kernels.model.LlamaWeights;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelTokenizer;
import dev.longsight.kernels.model.RandomCheckpoint;
import dev.longsight.kernels.model.ReferenceLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's captured attention, served per document, layer and head, equals what its reference forward computes. */
public class ModelQkvSourceTest {
    public static final String CORPUS = "../sample-data/corpus";
    @TempDir Path dir;

    /** Every word and punctuation mark of the sample corpus's text files, as the word-level tokenizer splits them. */
    static List<String> corpusWords() throws IOException {
        Set<String> words = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(Path.of(CORPUS))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                for (String w : Files.readString(f).split("\\s+|(?<=\\w)(?=[^\\w\\s])|(?<=[^\\w\\s])(?=\\w)")) if (!w.isBlank()) words.add(w);
            }
        }
        return new ArrayList<>(words);
    }

    /** A tiny random Llama (2 layers, 4 heads sharing 2 KV heads, head dim 16) whose tokenizer knows the corpus's words. */
    public static Path tinyModel(Path dir) throws IOException {
        List<String> words = corpusWords();
        Map<String, Object> fields = RandomCheckpoint.tinyLlama();
        fields.put("vocab_size", words.size() + 2);
        fields.put("max_position_embeddings", 4096);
        fields.put("_name_or_path", "tiny-random-llama");
        RandomCheckpoint.write(dir, fields, Dtype.BF16, 1, 11);
        RandomCheckpoint.writeTokenizer(dir.resolve(Checkpoint.TOKENIZER), words, false);
        return dir;
    }

    @Test
    void servesTheReferenceForwardsQkvOfEveryDocumentLayerAndHead() throws IOException {
        Path model = tinyModel(dir.resolve("model"));
        List<String> lines = new ArrayList<>();
        ModelQkvSource src = ModelQkvSource.capture(model.toString(), CORPUS, 2, 96, new Configuration(), lines::add);
        assertEquals(2, src.documents());
        assertEquals(2, src.layers());
        assertEquals(4, src.heads());
        assertEquals(2, src.kvHeads());
        assertEquals(16, src.headDim());
        assertEquals(96, src.maxLength());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(src.describe().startsWith("model(tiny-random-llama ("), src.describe());

        LlamaWeights w;
        try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(model))) {
            w = LlamaWeights.load(ckpt);
        }
        try (ModelTokenizer tok = ModelTokenizer.open(ModelFiles.local(model))) {
            int[] tokens = ModelQkvSource.sequence(tok, new dev.longsight.job.input.DocumentReader(new Configuration(), "text",
                    dev.longsight.job.config.BadInput.FAIL, dev.longsight.job.config.BadInput.FAIL)
                    .read(CORPUS, dev.longsight.job.config.InputFormat.AUTO).documents(), 1, 48);
            long unknown = java.util.Arrays.stream(tokens).filter(t -> t == 0).count();
            assertEquals(0, unknown, "the corpus tokenizes to known words");
            // a shorter length is the prefix of the capture: the reference run on 48 tokens alone gives the same Q/K/V, bit for bit
            List<float[][]> own = new ArrayList<>();
            new ReferenceLlama(w).capture(tokens, (layer, q, k, v, o) -> own.add(new float[][] {q, k, v}));
            for (int layer = 0; layer < 2; layer++) {
                for (int h = 0; h < 4; h++) assertArrayEquals(head(own.get(layer)[0], h, 48, 16), src.q(1, layer, h, 48), "q layer " + layer + " head " + h);
                for (int h = 0; h < 2; h++) {
                    assertArrayEquals(head(own.get(layer)[1], h, 48, 16), src.k(1, layer, h, 48));
                    assertArrayEquals(head(own.get(layer)[2], h, 48, 16), src.v(1, layer, h, 48));
                }
            }
        }
        assertTrue(!java.util.Arrays.equals(src.q(0, 0, 0, 48), src.q(1, 0, 0, 48)), "documents differ");
        assertTrue(!java.util.Arrays.equals(src.q(0, 0, 0, 48), src.q(0, 1, 0, 48)), "layers differ");
        assertThrows(IllegalArgumentException.class, () -> ModelQkvSource.capture(model.toString(), CORPUS, 1000, 96, new Configuration(), x -> { }));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ModelQkvSource.capture(model.toString(), CORPUS, 1, 8192, new Configuration(), x -> { }));
        assertTrue(tooLong.getMessage().contains("max_position_embeddings 4096"), tooLong.getMessage());
    }

    private static float[] head(float[] a, int h, int n, int d) { // a: (heads, n, d) -> (n, d) of head h
        return java.util.Arrays.copyOfRange(a, h * n * d, (h + 1) * n * d);
    }
}
