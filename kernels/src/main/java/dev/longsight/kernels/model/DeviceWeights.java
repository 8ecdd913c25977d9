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
 * <p>The layers' matrices lie in slabs, each one int array of whole layers (every device buffer must
 * stay below 2 GiB, see {@link DeviceLlama#plannedBytes}), so that all of them stay on the device for
 * every forward. Per layer, bf16 pairs holding, row-major {@code (out, in)} as {@code nn.Linear}
 * stores them: q, k and v stacked ({@code (heads*D + 2*kvHeads*D, hidden)}, one GEMM), o
 * ({@code (hidden, heads*D)}), gate and up stacked ({@code (2*intermediate, hidden)}, one GEMM), down
 * ({@code (hidden, intermediate)}); and in one float array for all layers, per layer: input norm
 * (hidden), post-attention norm (hidden), q/k/v bias ({@code heads*D + 2*kvHeads*D}), o bias (hidden),
 * zeros (hidden; the down projection's absent bias). Missing biases are zeros.
 */
record DeviceWeights(ModelConfig config,
                     int[] embed,      // bf16 pairs (vocab, hidden / 2)
                     int[] lmHead,     // bf16 pairs (vocab, hidden / 2); null when tied to embed
                     int[][] slabs,    // (numSlabs) bf16 pairs: whole layers, layout above
                     int[] slabOf,     // (layers) the slab holding each layer
                     int[] baseOf,     // (layers) the int where each layer starts in its slab
                     float[] vectors,  // (layers * layerFloats) fp32, layout above
                     float[] finalNorm, // (hidden)
                     float[] invFreq) { // (headDim / 2)

    /** Ints in one slab at most: 4-byte elements in a buffer below 2 GiB, Aparapi's limit. */
    static final int MAX_SLAB_INTS = (Integer.MAX_VALUE - 64) / 4;

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

    static DeviceWeights load(Checkpoint ckpt) throws IOException { return load(ckpt, MAX_SLAB_INTS); }

    /** As {@link #load(Checkpoint)} with slabs of at most {@code slabInts} ints (tests make them small). */
    static DeviceWeights load(Checkpoint ckpt, int slabInts) throws IOException {
        ModelConfig c = ckpt.config();
        DeviceLlama.checkShape(c, ckpt.files().describe(Checkpoint.CONFIG));
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), ff = c.intermediateSize();
        int[] embed = pack(ckpt.tensor("model.embed_tokens.weight", c.vocabSize(), h));
        int[] head = c.tieWordEmbeddings() ? null : pack(ckpt.tensor("lm_head.weight", c.vocabSize(), h));
        DeviceWeights w = empty(c, embed, head, slabInts);
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            int[] slab = w.slabs[w.slabOf[l]];
            int at = w.baseOf[l];
            at = packInto(slab, at, ckpt.tensor(p + "self_attn.q_proj.weight", q, h));
            at = packInto(slab, at, ckpt.tensor(p + "self_attn.k_proj.weight", kv, h));
            at = packInto(slab, at, ckpt.tensor(p + "self_attn.v_proj.weight", kv, h));
            at = packInto(slab, at, ckpt.tensor(p + "self_attn.o_proj.weight", h, q));
            at = packInto(slab, at, ckpt.tensor(p + "mlp.gate_proj.weight", ff, h));
            at = packInto(slab, at, ckpt.tensor(p + "mlp.up_proj.weight", ff, h));
            at = packInto(slab, at, ckpt.tensor(p + "mlp.down_proj.weight", h, ff));
            if (at != w.baseOf[l] + w.layerInts()) throw new IllegalStateException("layer layout: " + (at - w.baseOf[l]) + " ints written, " + w.layerInts() + " expected");
            int f0 = l * w.layerFloats();
            System.arraycopy(ckpt.tensor(p + "input_layernorm.weight", h), 0, w.vectors, f0, h);
            System.arraycopy(ckpt.tensor(p + "post_attention_layernorm.weight", h), 0, w.vectors, f0 + w.fPostNorm(), h);
            if (c.qkvBias()) {
                System.arraycopy(ckpt.tensor(p + "self_attn.q_proj.bias", q), 0, w.vectors, f0 + w.fQkvBias(), q);
                System.arraycopy(ckpt.tensor(p + "self_attn.k_proj.bias", kv), 0, w.vectors, f0 + w.fQkvBias() + q, kv);
                System.arraycopy(ckpt.tensor(p + "self_attn.v_proj.bias", kv), 0, w.vectors, f0 + w.fQkvBias() + q + kv, kv);
            }
            if (c.outputBias()) System.arraycopy(ckpt.tensor(p + "self_attn.o_proj.bias", h), 0, w.vectors, f0 + w.fOBias(), h);
        }
        System.arraycopy(ckpt.tensor("model.norm.weight", h), 0, w.finalNorm, 0, h);
        return w;
    }

    /** Zeroed slabs and vectors for {@code c}'s layers, whole layers per slab, the final norm zero, the RoPE frequencies set. */
    private static DeviceWeights empty(ModelConfig c, int[] embed, int[] head, int slabInts) {
        DeviceWeights shape = new DeviceWeights(c, null, null, null, null, null, null, null, null);
        int perSlab = slabInts / shape.layerInts();
        if (perSlab < 1) {
            throw new IllegalArgumentException("one layer's matrices take " + 4L * shape.layerInts() / (1 << 20) + " MiB; the device forward keeps a layer "
                    + "in one buffer, which must stay below 2 GiB");
        }
        int layers = c.numLayers(), numSlabs = (layers + perSlab - 1) / perSlab;
        int[][] slabs = new int[numSlabs][];
        int[] slabOf = new int[layers], baseOf = new int[layers];
        for (int i = 0; i < numSlabs; i++) slabs[i] = new int[Math.min(perSlab, layers - i * perSlab) * shape.layerInts()];
        for (int l = 0; l < layers; l++) {
            slabOf[l] = l / perSlab;
            baseOf[l] = (l % perSlab) * shape.layerInts();
        }
        double[] inv = Rope.inverseFrequencies(c.headDim(), c.ropeTheta(), c.ropeScaling());
        float[] invF = new float[inv.length];
        for (int i = 0; i < inv.length; i++) invF[i] = (float) inv[i];
        return new DeviceWeights(c, embed, head, slabs, slabOf, baseOf, new float[layers * shape.layerFloats()], new float[c.hiddenSize()], invF);
    }

    /**
     * Random weights at a config's shapes, for speed and memory measurements: matrices uniform with
     * standard deviation 0.02 (transformers' initialiser range), norms 1, no biases.
     */
    static DeviceWeights random(ModelConfig c, long seed) {
        int[] embed = randomPairs((long) c.vocabSize() * c.hiddenSize() / 2, seed);
        int[] head = c.tieWordEmbeddings() ? null : randomPairs((long) c.vocabSize() * c.hiddenSize() / 2, seed + 1);
        DeviceWeights w = empty(c, embed, head, MAX_SLAB_INTS);
        for (int i = 0; i < w.slabs.length; i++) fillRandom(w.slabs[i], seed + 2 + i);
        for (int l = 0; l < c.numLayers(); l++) Arrays.fill(w.vectors, l * w.layerFloats(), l * w.layerFloats() + 2 * c.hiddenSize(), 1f);
        Arrays.fill(w.finalNorm, 1f);
        return w;
    }

    private static int[] randomPairs(long ints, long seed) {
        if (ints >= Integer.MAX_VALUE) throw new IllegalArgumentException(ints + " bf16 pairs do not fit one Java array");
        int[] out = new int[(int) ints];
        fillRandom(out, seed);
        return out;
    }

    private static void fillRandom(int[] out, long seed) {
        int slab = 1 << 20;
        IntStream.range(0, (out.length + slab - 1) / slab).parallel().forEach(s -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
            float a = (float) (0.02 * Math.sqrt(3)); // uniform on [-a, a]: standard deviation 0.02
            for (int i = s * slab; i < Math.min(out.length, (s + 1) * slab); i++) {
                out[i] = (HalfFloats.floatToBfloat16((float) (r.nextDouble(-a, a))) & 0xffff)
                        | (HalfFloats.floatToBfloat16((float) r.nextDouble(-a, a)) << 16);
            }
        });
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
