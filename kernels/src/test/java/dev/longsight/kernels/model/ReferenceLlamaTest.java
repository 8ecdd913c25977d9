package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLlamaTest {
    @TempDir Path dir;

    private LlamaWeights write(Map<String, Object> config, Dtype dtype) throws Exception {
        RandomCheckpoint.write(dir, config, dtype, 1, 7);
        try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(dir))) {
            return LlamaWeights.load(ckpt);
        }
    }

    private static int[] tokens(int n, int vocab) {
        Random r = new Random(n);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(vocab);
        return t;
    }

    private static int[] range(int from, int to) {
        int[] p = new int[to - from];
        for (int i = 0; i < p.length; i++) p[i] = from + i;
        return p;
    }

    /** Both forwards accumulate in double; they differ only in summation order and in sin/cos calls. */
    private static void assertClose(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int r = 0; r < expected.length; r++) {
            for (int v = 0; v < expected[r].length; v++) {
                assertEquals(expected[r][v], actual[r][v], 1e-9 * (1 + Math.abs(expected[r][v])), "row " + r + ", token " + v);
            }
        }
    }

    private void matchesNaive(Map<String, Object> config, Dtype dtype, int n) throws Exception {
        LlamaWeights w = write(config, dtype);
        int[] t = tokens(n, w.config().vocabSize());
        int[] positions = {n - 1, 0, n / 2}; // any order, as asked
        double[][] logits = new ReferenceLlama(w).exactLogits(t, positions, null);
        assertClose(NaiveLlama.logits(w, t, positions, (i, j) -> true), logits);
        assertTrue(spread(logits[0]) > 0.1, "logits must not be flat, or the comparison proves little");
    }

    private static double spread(double[] row) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : row) { min = Math.min(min, v); max = Math.max(max, v); }
        return max - min;
    }

    @Test
    void llamaWithGroupedQueryAttentionMatchesTheNaiveForwardInFp32AndBf16() throws Exception {
        matchesNaive(RandomCheckpoint.tinyLlama(), Dtype.F32, 37);
        matchesNaive(RandomCheckpoint.tinyLlama(), Dtype.BF16, 37);
    }

    @Test
    void qwen2BiasesMatchTheNaiveForwardAndChangeTheLogits() throws Exception {
        Map<String, Object> qwen = RandomCheckpoint.tinyLlama();
        qwen.put("model_type", "qwen2");
        qwen.put("architectures", new String[] {"Qwen2ForCausalLM"});
        qwen.put("use_sliding_window", false);
        matchesNaive(qwen, Dtype.BF16, 21);
        LlamaWeights w = write(qwen, Dtype.BF16);
        assertTrue(w.layers()[0].bq() != null && w.layers()[1].bv() != null && w.layers()[0].bo() == null);
        int[] t = tokens(9, 100);
        double[] withBias = new ReferenceLlama(w).exactLogits(t, new int[] {8}, null)[0];
        LlamaWeights.Layer l0 = w.layers()[0];
        LlamaWeights.Layer noBias = new LlamaWeights.Layer(l0.inputNorm(), l0.wq(), null, l0.wk(), null, l0.wv(), null, l0.wo(), null,
                l0.postNorm(), l0.wGate(), l0.wUp(), l0.wDown());
        LlamaWeights stripped = new LlamaWeights(w.config(), w.embed(), new LlamaWeights.Layer[] {noBias, w.layers()[1]}, w.finalNorm(), w.lmHead());
        double[] without = new ReferenceLlama(stripped).exactLogits(t, new int[] {8}, null)[0];
        assertTrue(Math.abs(withBias[3] - without[3]) > 1e-6, "the Q/K/V biases must reach the logits");
    }

    @Test
    void llamaAttentionBiasIncludesTheOutputProjection() throws Exception {
        Map<String, Object> c = RandomCheckpoint.tinyLlama();
        c.put("attention_bias", true);
        matchesNaive(c, Dtype.F32, 12);
    }

    @Test
    void tiedEmbeddingsUseTheEmbeddingAsTheHead() throws Exception {
        Map<String, Object> c = RandomCheckpoint.tinyLlama();
        c.put("tie_word_embeddings", true);
        matchesNaive(c, Dtype.F16, 19);
        LlamaWeights w = write(c, Dtype.F16);
        assertSame(w.embed(), w.lmHead());
    }

    @Test
    void llama3RopeScalingMatchesTheNaiveForward() throws Exception {
        Map<String, Object> c = RandomCheckpoint.tinyLlama();
        c.put("rope_theta", 500000.0);
        // head_dim 16: wavelengths from 6 to 3.3e5 tokens, so kept, interpolated and stretched bands all occur
        c.put("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0, "high_freq_factor", 4.0,
                "original_max_position_embeddings", 64));
        matchesNaive(c, Dtype.BF16, 40);
        c.remove("rope_scaling");
        LlamaWeights plain = write(c, Dtype.BF16);
        c.put("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0, "high_freq_factor", 4.0,
                "original_max_position_embeddings", 64));
        LlamaWeights scaled = write(c, Dtype.BF16);
        int[] t = tokens(40, 100);
        assertFalse(Math.abs(new ReferenceLlama(plain).exactLogits(t, new int[] {39}, null)[0][5]
                - new ReferenceLlama(scaled).exactLogits(t, new int[] {39}, null)[0][5]) < 1e-9, "scaling must change the logits");
    }

    /**
     * sliding:window=2,sink=1 over 8-token blocks keeps every key of query blocks 0-2 (sink 0, block 1 at
     * distance 1, the diagonal) and drops keys from block 3 on. Those first 24 positions see the same
     * tokens through the same arithmetic in every layer, so their logits equal full attention's exactly.
     */
    @Test
    void aSparsePatternChangesOnlyTheQueriesWhoseBlocksDropKeys() throws Exception {
        LlamaWeights w = write(RandomCheckpoint.tinyLlama(), Dtype.BF16);
        ReferenceLlama model = new ReferenceLlama(w);
        int n = 45, block = 8; // not a multiple of the block
        int[] t = tokens(n, 100);
        int[] all = range(0, n);
        Pattern sliding = Patterns.parse("sliding:window=2,sink=1");
        double[][] full = model.exactLogits(t, all, null);
        double[][] sparse = model.exactLogits(t, all, BlockLayout.of(sliding, n, block));
        for (int p = 0; p < 24; p++) assertArrayEquals(full[p], sparse[p], 0, "position " + p);
        for (int p = 24; p < n; p++) assertTrue(Math.abs(full[p][0] - sparse[p][0]) > 1e-9, "position " + p + " lost keys");
        // And the sparse logits are those of the naive forward masked by the pattern's rule itself.
        assertClose(NaiveLlama.logits(w, t, all, (i, j) -> i / block == j / block || sliding.keeps(i / block, j / block)), sparse);
        // The full pattern through a layout is full attention.
        assertClose(full, model.exactLogits(t, all, BlockLayout.of(Patterns.parse("full"), n, block)));
    }

    @Test
    void refusesTokensOutsideTheVocabularyAndPositionsOutsideTheText() throws Exception {
        ReferenceLlama model = new ReferenceLlama(write(RandomCheckpoint.tinyLlama(), Dtype.BF16));
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> model.logits(new int[] {1, 100}, new int[] {1}, null));
        assertEquals("token 1 has id 100; expected an id below vocab_size 100", id.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[] {1, 2}, new int[] {2}, null));
        assertThrows(IllegalArgumentException.class,
                () -> model.logits(new int[] {1, 2}, new int[] {1}, BlockLayout.of(Patterns.parse("full"), 3, 2)));
    }
}
