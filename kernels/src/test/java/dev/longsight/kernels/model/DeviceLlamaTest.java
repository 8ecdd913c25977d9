package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenCL forward against the double-precision reference on the same bf16 weights. The device rounds
 * activations to bf16 where transformers does (norm outputs, projections, the residual stream), so the
 * logits differ by bf16's relative precision (2^-8) propagated through the layers, not by 1e-6: the bound
 * is 5% of the logits' spread (their max minus min at that position), and the argmax must agree wherever
 * the reference's top two logits are further apart than that.
 */
class DeviceLlamaTest {
    @TempDir Path dir;

    private static final double TOLERANCE = 0.02;

    private static Map<String, Object> tiny() {
        Map<String, Object> c = RandomCheckpoint.tinyLlama();
        c.put("intermediate_size", 128); // the GEMMs take inner dimensions in multiples of 32
        return c;
    }

    private static int[] tokens(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(vocab);
        return t;
    }

    private void check(Map<String, Object> config, int n, int chunk, String pattern, int block) throws Exception {
        check(config, n, chunk, pattern, block, DeviceWeights.MAX_SLAB_INTS);
    }

    private void check(Map<String, Object> config, int n, int chunk, String pattern, int block, int slabInts) throws Exception {
        RandomCheckpoint.write(dir, config, Dtype.BF16, 1, 11);
        DeviceSpec spec = TestDevices.require("opencl");
        int[] t = tokens(n, (Integer) config.get("vocab_size"), n);
        int[] positions = {n - 1, 0, n / 2, n - 2};
        BlockLayout layout = pattern == null ? null : BlockLayout.of(Patterns.parse(pattern), n, block);
        try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(dir))) {
            ReferenceLlama reference = new ReferenceLlama(LlamaWeights.load(ckpt));
            double[][] exact = reference.exactLogits(t, positions, layout);
            if (layout != null) {
                double[][] full = reference.exactLogits(t, positions, null);
                assertTrue(maxRelative(full, exact) > 2 * TOLERANCE, pattern + " must change the logits, or the case proves nothing about masking");
            }
            try (DeviceLlama device = DeviceLlama.load(ckpt, spec, chunk, block, slabInts)) {
                assertClose(exact, device.logits(t, positions, layout), config + " n=" + n + " chunk=" + chunk + " " + pattern);
                // The buffers are reused: a shorter second sequence gives its own answer.
                int[] shorter = tokens(n / 2 + 1, (Integer) config.get("vocab_size"), 99);
                int[] p2 = {shorter.length - 1};
                BlockLayout l2 = pattern == null ? null : BlockLayout.of(Patterns.parse(pattern), shorter.length, block);
                assertClose(new ReferenceLlama(LlamaWeights.load(ckpt)).exactLogits(shorter, p2, l2), device.logits(shorter, p2, l2), "second sequence");
            }
        }
    }

    /** The largest difference at a position, relative to that position's spread. */
    private static double maxRelative(double[][] a, double[][] b) {
        double worst = 0;
        for (int r = 0; r < a.length; r++) {
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY, d = 0;
            for (int v = 0; v < a[r].length; v++) {
                max = Math.max(max, a[r][v]);
                min = Math.min(min, a[r][v]);
                d = Math.max(d, Math.abs(a[r][v] - b[r][v]));
            }
            worst = Math.max(worst, d / (max - min));
        }
        return worst;
    }

    private static void assertClose(double[][] exact, float[][] actual, String what) {
        assertEquals(exact.length, actual.length);
        for (int r = 0; r < exact.length; r++) {
            double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY, err = 0;
            int best = 0, second = -1;
            for (int v = 0; v < exact[r].length; v++) {
                max = Math.max(max, exact[r][v]);
                min = Math.min(min, exact[r][v]);
                err = Math.max(err, Math.abs(exact[r][v] - actual[r][v]));
                if (exact[r][v] > exact[r][best]) { second = best; best = v; } else if (second < 0 || exact[r][v] > exact[r][second]) { if (v != best) second = v; }
            }
            double bound = TOLERANCE * (max - min);
            assertTrue(max - min > 0.1, "logits must not be flat, or the comparison proves little");
            assertTrue(err <= bound, what + ": row " + r + " max |error| " + err + " > " + bound);
            if (exact[r][best] - exact[r][second] > 2 * bound) {
                int got = 0;
                for (int v = 0; v < actual[r].length; v++) if (actual[r][v] > actual[r][got]) got = v;
                assertEquals(best, got, what + ": argmax of row " + r);
            }
        }
    }

    @Test
    void fullAttentionInOneChunkAndInSeveral() throws Exception {
        check(tiny(), 150, 192, null, 64);  // one chunk, a length that is no multiple of the block
        check(tiny(), 150, 64, null, 64);   // three chunks, the last of 22 rows
    }

    /** One layer per slab: the GEMMs find each layer's weights in its own buffer. */
    @Test
    void layersInSeveralSlabs() throws Exception {
        Map<String, Object> three = tiny();
        three.put("num_hidden_layers", 3);
        int layerInts = (8 * 16 * 64 + 64 * 64 + 3 * 64 * 128) / 2; // q, k, v rows (4 + 2 + 2 heads of 16) x 64, o, gate, up, down
        check(three, 150, 64, null, 64, layerInts);
    }

    @Test
    void sparsePatternInSeveralChunks() throws Exception {
        check(tiny(), 333, 128, "sliding:window=1,sink=1", 64);
        check(tiny(), 320, 64, "power:window=1,sink=0", 64);
        check(tiny(), 600, 256, "power:window=1,sink=1", 128); // 128-row query tiles
    }

    @Test
    void qwen2BiasesAndTiedEmbeddings() throws Exception {
        Map<String, Object> qwen = tiny();
        qwen.put("architectures", java.util.List.of("Qwen2ForCausalLM"));
        qwen.put("model_type", "qwen2");
        qwen.put("tie_word_embeddings", true);
        check(qwen, 130, 64, null, 64);
    }

    /** What a run records: the device that computed the logits, bf16, and the device forward's answer. */
    @Test
    void modelForwardsOpensTheDeviceForwardOnAnOpenCLDevice() throws Exception {
        RandomCheckpoint.write(dir, tiny(), Dtype.BF16, 1, 11);
        DeviceSpec spec = TestDevices.require("opencl");
        ModelForwards.Forward f = ModelForwards.open(ModelFiles.local(dir), spec, 100, 64); // 100 rows: rounded down to one block
        try (CausalLm lm = f.lm()) {
            assertEquals("bf16", f.precision());
            assertTrue(f.device().startsWith("OpenCL"), f.device());
            assertTrue(lm.describe().startsWith("device forward on " + f.device()), lm.describe());
            int[] t = tokens(130, 100, 5);
            try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(dir))) {
                assertClose(new ReferenceLlama(LlamaWeights.load(ckpt)).exactLogits(t, new int[] {129}, null), lm.logits(t, new int[] {129}, null), "ModelForwards");
            }
        }
        ModelForwards.Forward java = ModelForwards.open(ModelFiles.local(dir), DeviceSpec.parse("jtp"), 100, 64);
        assertEquals(ModelForwards.JAVA_DEVICE, java.device());
        assertEquals("fp64", java.precision());
    }

    @Test
    void refusesAnOutOfRangeToken() throws Exception {
        RandomCheckpoint.write(dir, tiny(), Dtype.BF16, 1, 11);
        try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(dir));
             DeviceLlama device = DeviceLlama.load(ckpt, TestDevices.require("opencl"), 64, 64)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> device.logits(new int[] {1, 100}, new int[] {1}, null));
            assertTrue(e.getMessage().contains("vocab_size 100"), e.getMessage());
        }
    }
}
