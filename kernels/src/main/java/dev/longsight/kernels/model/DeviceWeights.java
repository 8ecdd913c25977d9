package dev.longsight.kernels.model;

import dev.longsight.kernels.io.HalfFloats;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A checkpoint's weights as the device forward reads them: every matrix in bf16 (bf16 checkpoints
 * exactly; fp16 and fp32 ones rounded to nearest even), two to an int; norms, biases and RoPE
 * frequencies in fp32. Read one tensor at a time, so the host never holds the model in fp32.
 *
 * <p>Per layer, one int array of bf16 pairs holding, row-major {@code (out, in)} as {@code nn.Linear}
 * stores them: q, k and v stacked ({@code (heads*D + 2*kvHeads*D, hidden)}, one GEMM), o
 * ({@code (hidden, heads*D)}), gate and up stacked ({@code (2*intermediate, hidden)}, one GEMM), down
 * ({@code (hidden, intermediate)}); and one float array: input norm (hidden), post-attention norm
 * (hidden), q/k/v bias ({@code heads*D + 2*kvHeads*D}), o bias (hidden), zeros (hidden; the down
 * projection's absent bias). Missing biases are zeros.
 */
record DeviceWeights(ModelConfig config,
                     int[] embed,      // bf16 pairs (vocab, hidden / 2)
                     int[] lmHead,     // bf16 pairs (vocab, hidden / 2); null when tied to embed
                     int[][] layerW,   // (layers) bf16 pairs, layout above
                     float[][] layerF, // (layers) fp32, layout above
                     float[] finalNorm, // (hidden)
                     float[] invFreq) { // (headDim / 2)

    int qkvRows() { return (config.numHeads() + 2 * config.numKvHeads()) * config.headDim(); }

    /** Offsets (in ints) of o, gate-up and down within a layer's matrices. */
    int offO() { return qkvRows() * config.hiddenSize() / 2; }
    int offGateUp() { return offO() + config.hiddenSize() * config.numHeads() * config.headDim() / 2; }
    int offDown() { return offGateUp() + 2 * config.intermediateSize() * config.hiddenSize() / 2; }
    int layerInts() { return offDown() + config.hiddenSize() * config.intermediateSize() / 2; }

    /** Offsets (in floats) within a layer's vectors. */
    int fPostNorm() { return config.hiddenSize(); }
    int fQkvBias() { return 2 * config.hiddenSize(); }
    int fOBias() { return fQkvBias() + qkvRows(); }
    int fZeros() { return fOBias() + config.hiddenSize(); }
    int layerFloats() { return fZeros() + config.hiddenSize(); }

    static DeviceWeights load(Checkpoint ckpt) throws IOException {
        ModelConfig c = ckpt.config();
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), ff = c.intermediateSize();
        if (h % 32 != 0 || q % 32 != 0 || ff % 32 != 0) {
            throw new ModelFormatException(ckpt.files().describe(Checkpoint.CONFIG) + ": hidden_size " + h + ", num_attention_heads x head_dim "
                    + q + " and intermediate_size " + ff + " must be multiples of 32 for the device forward's tensor-core GEMMs");
        }
        int[] embed = pack(ckpt.tensor("model.embed_tokens.weight", c.vocabSize(), h));
        int[] head = c.tieWordEmbeddings() ? null : pack(ckpt.tensor("lm_head.weight", c.vocabSize(), h));
        DeviceWeights shape = new DeviceWeights(c, null, null, null, null, null, null);
        int[][] w = new int[c.numLayers()][];
        float[][] f = new float[c.numLayers()][];
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            int[] lw = new int[shape.layerInts()];
            int at = 0;
            at = packInto(lw, at, ckpt.tensor(p + "self_attn.q_proj.weight", q, h));
            at = packInto(lw, at, ckpt.tensor(p + "self_attn.k_proj.weight", kv, h));
            at = packInto(lw, at, ckpt.tensor(p + "self_attn.v_proj.weight", kv, h));
            at = packInto(lw, at, ckpt.tensor(p + "self_attn.o_proj.weight", h, q));
            at = packInto(lw, at, ckpt.tensor(p + "mlp.gate_proj.weight", ff, h));
            at = packInto(lw, at, ckpt.tensor(p + "mlp.up_proj.weight", ff, h));
            at = packInto(lw, at, ckpt.tensor(p + "mlp.down_proj.weight", h, ff));
            if (at != lw.length) throw new IllegalStateException("layer layout: " + at + " ints written, " + lw.length + " expected");
            float[] lf = new float[shape.layerFloats()];
            System.arraycopy(ckpt.tensor(p + "input_layernorm.weight", h), 0, lf, 0, h);
            System.arraycopy(ckpt.tensor(p + "post_attention_layernorm.weight", h), 0, lf, shape.fPostNorm(), h);
            if (c.qkvBias()) {
                System.arraycopy(ckpt.tensor(p + "self_attn.q_proj.bias", q), 0, lf, shape.fQkvBias(), q);
                System.arraycopy(ckpt.tensor(p + "self_attn.k_proj.bias", kv), 0, lf, shape.fQkvBias() + q, kv);
                System.arraycopy(ckpt.tensor(p + "self_attn.v_proj.bias", kv), 0, lf, shape.fQkvBias() + q + kv, kv);
            }
            if (c.outputBias()) System.arraycopy(ckpt.tensor(p + "self_attn.o_proj.bias", h), 0, lf, shape.fOBias(), h);
            w[l] = lw;
            f[l] = lf;
        }
        float[] norm = ckpt.tensor("model.norm.weight", h);
        double[] inv = Rope.inverseFrequencies(c.headDim(), c.ropeTheta(), c.ropeScaling());
        float[] invF = new float[inv.length];
        for (int i = 0; i < inv.length; i++) invF[i] = (float) inv[i];
        return new DeviceWeights(c, embed, head, w, f, norm, invF);
    }

    /**
     * Random weights at a config's shapes, for speed and memory measurements: matrices uniform with
     * standard deviation 0.02 (transformers' initialiser range), norms 1, no biases.
     */
    static DeviceWeights random(ModelConfig c, long seed) {
        DeviceWeights shape = new DeviceWeights(c, null, null, null, null, null, null);
        int[] embed = randomPairs((long) c.vocabSize() * c.hiddenSize() / 2, seed);
        int[] head = c.tieWordEmbeddings() ? null : randomPairs((long) c.vocabSize() * c.hiddenSize() / 2, seed + 1);
        int[][] w = new int[c.numLayers()][];
        float[][] f = new float[c.numLayers()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = randomPairs(shape.layerInts(), seed + 2 + l);
            f[l] = new float[shape.layerFloats()];
            Arrays.fill(f[l], 0, 2 * c.hiddenSize(), 1f);
        }
        float[] norm = new float[c.hiddenSize()];
        Arrays.fill(norm, 1f);
        double[] inv = Rope.inverseFrequencies(c.headDim(), c.ropeTheta(), c.ropeScaling());
        float[] invF = new float[inv.length];
        for (int i = 0; i < inv.length; i++) invF[i] = (float) inv[i];
        return new DeviceWeights(c, embed, head, w, f, norm, invF);
    }

    private static int[] randomPairs(long ints, long seed) {
        if (ints >= Integer.MAX_VALUE) throw new IllegalArgumentException(ints + " bf16 pairs do not fit one Java array");
        int[] out = new int[(int) ints];
        int slab = 1 << 20;
        IntStream.range(0, (out.length + slab - 1) / slab).parallel().forEach(s -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
            float a = (float) (0.02 * Math.sqrt(3)); // uniform on [-a, a]: standard deviation 0.02
            for (int i = s * slab; i < Math.min(out.length, (s + 1) * slab); i++) {
                out[i] = (HalfFloats.floatToBfloat16((float) (r.nextDouble(-a, a))) & 0xffff)
                        | (HalfFloats.floatToBfloat16((float) r.nextDouble(-a, a)) << 16);
            }
        });
        return out;
    }

    static int[] pack(float[] values) {
        int[] out = new int[values.length / 2];
        packInto(out, 0, values);
        return out;
    }

    /** Writes {@code values} as bf16 pairs at int {@code at}; returns the int after them. */
    private static int packInto(int[] out, int at, float[] values) {
        IntStream.range(0, values.length / 2).parallel().forEach(i -> out[at + i] =
                (HalfFloats.floatToBfloat16(values[2 * i]) & 0xffff) | (HalfFloats.floatToBfloat16(values[2 * i + 1]) << 16));
        return at + values.length / 2;
    }
}
