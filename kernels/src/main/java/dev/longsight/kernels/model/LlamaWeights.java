package dev.longsight.kernels.model;

import java.io.IOException;

/**
 * The weights of a Llama-family model as float arrays (bf16 and fp16 widen exactly), by Hugging Face
 * tensor name, each checked against the shape its config implies. Matrices are row-major
 * {@code (out, in)} as {@code nn.Linear} stores them. Biases are null where the family has none.
 */
public record LlamaWeights(ModelConfig config,
                           float[] embed,      // (vocab, hidden)
                           Layer[] layers,     // (numLayers)
                           float[] finalNorm,  // (hidden)
                           float[] lmHead) {   // (vocab, hidden); the embedding itself when tied

    /** One decoder layer. */
    public record Layer(float[] inputNorm,  // (hidden)
                        float[] wq,         // (heads * headDim, hidden)
                        float[] bq,         // (heads * headDim) or null
                        float[] wk,         // (kvHeads * headDim, hidden)
                        float[] bk,         // (kvHeads * headDim) or null
                        float[] wv,         // (kvHeads * headDim, hidden)
                        float[] bv,         // (kvHeads * headDim) or null
                        float[] wo,         // (hidden, heads * headDim)
                        float[] bo,         // (hidden) or null
                        float[] postNorm,   // (hidden)
                        float[] wGate,      // (intermediate, hidden)
                        float[] wUp,        // (intermediate, hidden)
                        float[] wDown) {}   // (hidden, intermediate)

    public static LlamaWeights load(Checkpoint ckpt) throws IOException {
        ModelConfig c = ckpt.config();
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), ff = c.intermediateSize();
        float[] embed = ckpt.tensor("model.embed_tokens.weight", c.vocabSize(), h);
        Layer[] layers = new Layer[c.numLayers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "model.layers." + l + ".";
            layers[l] = new Layer(
                    ckpt.tensor(p + "input_layernorm.weight", h),
                    ckpt.tensor(p + "self_attn.q_proj.weight", q, h),
                    c.qkvBias() ? ckpt.tensor(p + "self_attn.q_proj.bias", q) : null,
                    ckpt.tensor(p + "self_attn.k_proj.weight", kv, h),
                    c.qkvBias() ? ckpt.tensor(p + "self_attn.k_proj.bias", kv) : null,
                    ckpt.tensor(p + "self_attn.v_proj.weight", kv, h),
                    c.qkvBias() ? ckpt.tensor(p + "self_attn.v_proj.bias", kv) : null,
                    ckpt.tensor(p + "self_attn.o_proj.weight", h, q),
                    c.outputBias() ? ckpt.tensor(p + "self_attn.o_proj.bias", h) : null,
                    ckpt.tensor(p + "post_attention_layernorm.weight", h),
                    ckpt.tensor(p + "mlp.gate_proj.weight", ff, h),
                    ckpt.tensor(p + "mlp.up_proj.weight", ff, h),
                    ckpt.tensor(p + "mlp.down_proj.weight", h, ff));
        }
        float[] norm = ckpt.tensor("model.norm.weight", h);
        // Tied checkpoints may still store lm_head.weight; transformers ties it to the embedding regardless.
        float[] head = c.tieWordEmbeddings() ? embed : ckpt.tensor("lm_head.weight", c.vocabSize(), h);
        return new LlamaWeights(c, embed, layers, norm, head);
    }
}
