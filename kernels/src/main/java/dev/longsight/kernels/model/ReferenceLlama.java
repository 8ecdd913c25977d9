package dev.longsight.kernels.model;

import dev.longsight.kernels.layout.BlockLayout;

/**
 * A plain-Java forward of a Llama-family model with every sum in double: the oracle that device
 * forwards are checked against. Follows transformers' LlamaForCausalLM / MistralForCausalLM /
 * Qwen2ForCausalLM: embedding, per layer {@code x += o(attn(rope(q), rope(k), v))} on the RMS-normed
 * stream and {@code x += down(silu(gate) * up)} on the RMS-normed stream, final RMSNorm, LM head.
 *
 * <p>Attention is causal and grouped-query; an optional {@link BlockLayout} restricts each query to the
 * key blocks of its row, the same layout in every layer and head, the diagonal block masked token by
 * token. Cost is {@code O(layers * seqLen * (params + seqLen * hidden))}: for tests and short texts.
 *
 * <p>{@link #capture} runs the same forward under full attention and hands every layer's attention
 * inputs to an {@link AttentionCapture}: the Q/K/V the fidelity study measures on.
 */
public final class ReferenceLlama implements CausalLm {
    private final ModelConfig c;
    private final LlamaWeights w;
    private final double[] invFreq; // (headDim / 2)

    /** Receives each layer's attention as the forward computes it, in layer order. */
    public interface AttentionCapture {
        /**
         * @param layer 0-based decoder layer
         * @param q     (heads, seqLen, headDim), row-major, after RoPE
         * @param k     (kvHeads, seqLen, headDim), row-major, after RoPE
         * @param v     (kvHeads, seqLen, headDim), row-major
         * @param o     (heads, seqLen, headDim), row-major: softmax(q k^T / sqrt(headDim)) v as the forward computed it
         *              (in double, rounded here), before o_proj
         */
        void layer(int layer, float[] q, float[] k, float[] v, float[] o);
    }

    public ReferenceLlama(LlamaWeights weights) {
        this.w = weights;
        this.c = weights.config();
        this.invFreq = Rope.inverseFrequencies(c.headDim(), c.ropeTheta(), c.ropeScaling());
    }

    @Override
    public ModelConfig config() { return c; }

    @Override
    public String describe() { return "Java reference forward (double precision, one thread)"; }

    @Override
    public float[][] logits(int[] tokens, int[] positions, BlockLayout layout) { // -> (positions.length, vocab)
        double[][] exact = exactLogits(tokens, positions, layout);
        float[][] out = new float[exact.length][];
        for (int r = 0; r < exact.length; r++) {
            out[r] = new float[exact[r].length];
            for (int i = 0; i < exact[r].length; i++) out[r][i] = (float) exact[r][i];
        }
        return out;
    }

    /**
     * Logits at the requested positions (0-based over {@code tokens}), under full causal attention when
     * {@code layout} is null, else under the layout (whose length must be {@code tokens.length}).
     */
    public double[][] exactLogits(int[] tokens, int[] positions, BlockLayout layout) { // -> (positions.length, vocab)
        int n = tokens.length, h = c.hiddenSize();
        checkTokens(tokens);
        for (int p : positions) {
            if (p < 0 || p >= n) throw new IllegalArgumentException("position " + p + " is outside the " + n + " tokens");
        }
        if (layout != null && layout.seqLen() != n) {
            throw new IllegalArgumentException("layout covers " + layout.seqLen() + " tokens; expected " + n);
        }
        double[] x = forward(tokens, layout, null);
        double[] last = new double[positions.length * h]; // (positions.length, hidden)
        for (int r = 0; r < positions.length; r++) System.arraycopy(x, positions[r] * h, last, r * h, h);
        double[] normed = rmsNorm(last, positions.length, w.finalNorm());
        double[] flat = linear(normed, positions.length, h, w.lmHead(), null, c.vocabSize()); // (positions.length, vocab)
        double[][] out = new double[positions.length][c.vocabSize()];
        for (int r = 0; r < positions.length; r++) System.arraycopy(flat, r * c.vocabSize(), out[r], 0, c.vocabSize());
        return out;
    }

    /**
     * Runs the forward over {@code tokens} under full causal attention, handing every layer's post-RoPE
     * Q and K, V and attention output to {@code sink}. Costs what {@link #exactLogits} costs up to the
     * last layer: for a capture of L layers at n tokens, O(L n (params / L + n hidden)) double operations
     * on one thread; the arrays handed over are 4 (heads + 2 kvHeads) n headDim bytes a layer.
     */
    public void capture(int[] tokens, AttentionCapture sink) {
        if (sink == null) throw new IllegalArgumentException("capture needs a sink");
        checkTokens(tokens);
        forward(tokens, null, sink);
    }

    private void checkTokens(int[] tokens) {
        if (tokens.length == 0) throw new IllegalArgumentException("no tokens to run");
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
                throw new IllegalArgumentException("token " + i + " has id " + tokens[i] + "; expected an id below vocab_size " + c.vocabSize());
            }
        }
    }

    /** The residual stream after the last layer, (seqLen, hidden); {@code sink} (or null) sees each layer's attention. */
    private double[] forward(int[] tokens, BlockLayout layout, AttentionCapture sink) {
        int n = tokens.length, h = c.hiddenSize();
        boolean[][] keep = layout == null ? null : keptBlocks(layout); // (numQBlocks, numKBlocks)
        double[] x = new double[n * h]; // (seqLen, hidden): the residual stream
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < h; j++) x[t * h + j] = w.embed()[tokens[t] * h + j];
        }
        for (int li = 0; li < w.layers().length; li++) {
            LlamaWeights.Layer layer = w.layers()[li];
            double[] normed = rmsNorm(x, n, layer.inputNorm());
            double[] attn = attention(li, layer, normed, n, keep, layout == null ? 0 : layout.blockSize(), sink);
            double[] o = linear(attn, n, c.numHeads() * c.headDim(), layer.wo(), layer.bo(), h); // (seqLen, hidden)
            for (int i = 0; i < x.length; i++) x[i] += o[i];
            normed = rmsNorm(x, n, layer.postNorm());
            double[] mlp = mlp(layer, normed, n);
            for (int i = 0; i < x.length; i++) x[i] += mlp[i];
        }
        return x;
    }

    /** (seqLen, heads, headDim) in double -> (heads, seqLen, headDim) in float. */
    private static float[] headMajor(double[] a, int n, int heads, int d) {
        float[] out = new float[a.length];
        for (int t = 0; t < n; t++) {
            for (int hd = 0; hd < heads; hd++) {
                for (int e = 0; e < d; e++) out[(hd * n + t) * d + e] = (float) a[(t * heads + hd) * d + e];
            }
        }
        return out;
    }

    private static boolean[][] keptBlocks(BlockLayout layout) {
        int nb = layout.numQBlocks();
        boolean[][] keep = new boolean[nb][nb];
        for (int q = 0; q < nb; q++) {
            for (int i = 0; i < layout.fullKvNumBlocks(q); i++) keep[q][layout.fullKvIndex(q, i)] = true;
            for (int i = 0; i < layout.kvNumBlocks(q); i++) keep[q][layout.kvIndex(q, i)] = true;
        }
        return keep;
    }

    /** Grouped-query causal attention over one layer; returns the heads' outputs before o_proj. */
    private double[] attention(int li, LlamaWeights.Layer layer, double[] normed, int n, boolean[][] keep, int blockSize, AttentionCapture sink) {
        int h = c.hiddenSize(), d = c.headDim(), heads = c.numHeads(), kvHeads = c.numKvHeads();
        double[] q = linear(normed, n, h, layer.wq(), layer.bq(), heads * d);   // (seqLen, heads, headDim)
        double[] k = linear(normed, n, h, layer.wk(), layer.bk(), kvHeads * d); // (seqLen, kvHeads, headDim)
        double[] v = linear(normed, n, h, layer.wv(), layer.bv(), kvHeads * d); // (seqLen, kvHeads, headDim)
        for (int t = 0; t < n; t++) {
            for (int hd = 0; hd < heads; hd++) Rope.apply(q, (t * heads + hd) * d, t, invFreq);
            for (int hd = 0; hd < kvHeads; hd++) Rope.apply(k, (t * kvHeads + hd) * d, t, invFreq);
        }
        double scale = 1.0 / Math.sqrt(d);
        double[] out = new double[n * heads * d]; // (seqLen, heads, headDim)
        double[] scores = new double[n];          // (keys), reused per query row
        for (int hd = 0; hd < heads; hd++) {
            int g = hd / c.groupSize(); // the key/value head this query head shares
            for (int i = 0; i < n; i++) {
                boolean[] row = keep == null ? null : keep[i / blockSize];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    if (row != null && !row[j / blockSize]) { scores[j] = Double.NEGATIVE_INFINITY; continue; }
                    double s = 0;
                    for (int e = 0; e < d; e++) s += q[(i * heads + hd) * d + e] * k[(j * kvHeads + g) * d + e];
                    scores[j] = s * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    scores[j] = Math.exp(scores[j] - max); // exp(-inf) = 0 for dropped keys
                    sum += scores[j];
                }
                int o = (i * heads + hd) * d;
                for (int j = 0; j <= i; j++) {
                    if (scores[j] == 0) continue;
                    double p = scores[j] / sum;
                    for (int e = 0; e < d; e++) out[o + e] += p * v[(j * kvHeads + g) * d + e];
                }
            }
        }
        if (sink != null) sink.layer(li, headMajor(q, n, heads, d), headMajor(k, n, kvHeads, d), headMajor(v, n, kvHeads, d), headMajor(out, n, heads, d));
        return out;
    }

    private double[] mlp(LlamaWeights.Layer layer, double[] normed, int n) {
        int h = c.hiddenSize(), ff = c.intermediateSize();
        double[] gate = linear(normed, n, h, layer.wGate(), null, ff); // (seqLen, intermediate)
        double[] up = linear(normed, n, h, layer.wUp(), null, ff);     // (seqLen, intermediate)
        for (int i = 0; i < gate.length; i++) gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        return linear(gate, n, ff, layer.wDown(), null, h);            // (seqLen, hidden)
    }

    private double[] rmsNorm(double[] x, int rows, float[] weight) { // x: (rows, hidden) -> (rows, hidden)
        int h = c.hiddenSize();
        double[] out = new double[rows * h];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int j = 0; j < h; j++) ss += x[r * h + j] * x[r * h + j];
            double inv = 1.0 / Math.sqrt(ss / h + c.rmsNormEps());
            for (int j = 0; j < h; j++) out[r * h + j] = weight[j] * (x[r * h + j] * inv);
        }
        return out;
    }

    /** {@code x W^T + b}: x (rows, in), w (out, in) row-major, b (out) or null -> (rows, out). */
    private static double[] linear(double[] x, int rows, int in, float[] w, float[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                int wo = o * in, xo = r * in;
                for (int i = 0; i < in; i++) s += x[xo + i] * w[wo + i];
                y[r * out + o] = s;
            }
        }
        return y;
    }
}
