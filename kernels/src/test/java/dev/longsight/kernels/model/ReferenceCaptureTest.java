package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.reference.ExactAttention;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference forward's capture hands over the Q/K/V its own attention used: the fidelity study's real inputs. */
class ReferenceCaptureTest {
    @TempDir Path dir;

    record Layer(float[] q, float[] k, float[] v, float[] o) {}

    @Test
    void capturedQkvReproduceTheForwardsAttentionInEveryLayer() throws Exception {
        RandomCheckpoint.write(dir, RandomCheckpoint.tinyLlama(), Dtype.BF16, 1, 3); // 2 layers, 4 heads sharing 2 KV heads, head dim 16
        LlamaWeights w;
        try (Checkpoint ckpt = Checkpoint.open(ModelFiles.local(dir))) {
            w = LlamaWeights.load(ckpt);
        }
        ModelConfig c = w.config();
        int n = 37, d = c.headDim();
        int[] tokens = new int[n];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) tokens[i] = r.nextInt(c.vocabSize());
        ReferenceLlama ref = new ReferenceLlama(w);
        List<Layer> layers = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        ref.capture(tokens, (layer, q, k, v, o) -> {
            order.add(layer);
            layers.add(new Layer(q, k, v, o));
        });
        assertEquals(List.of(0, 1), order);
        AttentionShape shape = new AttentionShape(c.numHeads(), c.numKvHeads(), n, d);
        BlockLayout full = BlockLayout.of(Patterns.parse("full"), n, 8);
        for (int li = 0; li < layers.size(); li++) {
            Layer l = layers.get(li);
            assertEquals(c.numHeads() * n * d, l.q().length);
            assertEquals(c.numKvHeads() * n * d, l.k().length);
            assertEquals(c.numKvHeads() * n * d, l.v().length);
            // the project's attention oracle on the captured, float-rounded Q/K/V gives the forward's own attention output
            double[] o = ExactAttention.compute(shape, full, l.q(), l.k(), l.v())[0];
            double worst = 0, scale = 0;
            for (int i = 0; i < o.length; i++) {
                worst = Math.max(worst, Math.abs(o[i] - l.o()[i]));
                scale = Math.max(scale, Math.abs(o[i]));
            }
            assertTrue(scale > 1e-3, "attention output must not vanish, or the check proves little");
            assertTrue(worst < 1e-5 * (1 + scale), "layer " + li + ": max abs difference " + worst);
        }
        // layer 0's Q of one token by hand: RMSNorm of its embedding, q_proj, RoPE at its position
        int t = 11, h = c.hiddenSize(), head = 3;
        double ss = 0;
        for (int j = 0; j < h; j++) ss += Math.pow(w.embed()[tokens[t] * h + j], 2);
        double inv = 1 / Math.sqrt(ss / h + c.rmsNormEps());
        LlamaWeights.Layer l0 = w.layers()[0];
        double[] q = new double[d];
        for (int e = 0; e < d; e++) {
            double s = l0.bq() == null ? 0 : l0.bq()[head * d + e];
            for (int j = 0; j < h; j++) s += l0.wq()[(head * d + e) * h + j] * (l0.inputNorm()[j] * (w.embed()[tokens[t] * h + j] * inv));
            q[e] = s;
        }
        Rope.apply(q, 0, t, Rope.inverseFrequencies(d, c.ropeTheta(), c.ropeScaling()));
        float[] expected = new float[d];
        for (int e = 0; e < d; e++) expected[e] = (float) q[e];
        float[] captured = new float[d];
        System.arraycopy(layers.get(0).q(), (head * n + t) * d, captured, 0, d);
        assertArrayEquals(expected, captured, 1e-5f);
        // capturing does not disturb the forward: the logits after a capture are those of a plain run
        int[] last = {n - 1};
        assertArrayEquals(ref.exactLogits(tokens, last, null)[0], new ReferenceLlama(w).exactLogits(tokens, last, null)[0]);
    }
}
