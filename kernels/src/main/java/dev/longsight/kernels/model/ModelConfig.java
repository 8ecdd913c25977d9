package dev.longsight.kernels.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The architecture of a Llama-family checkpoint, parsed once from its {@code config.json}.
 *
 * <p>Families read: {@code llama} (Llama 2, 3, 3.1 with {@code rope_scaling.rope_type: llama3}),
 * {@code mistral} and {@code qwen2} (biases on Q/K/V); grouped-query attention through
 * {@code num_key_value_heads}; SiLU-gated MLPs; RMSNorm. Fields that shape the network are required;
 * fields with one default across these families in Hugging Face transformers take that default
 * ({@code num_key_value_heads} = heads, {@code head_dim} = hidden / heads, {@code rope_theta} = 10000,
 * {@code hidden_act} = silu, {@code tie_word_embeddings} = false).
 *
 * @param qkvBias     whether q_proj, k_proj and v_proj carry a bias (Qwen2; Llama's {@code attention_bias})
 * @param outputBias  whether o_proj carries a bias (Llama's {@code attention_bias})
 * @param ropeScaling Llama 3.1's scaling, or null for plain RoPE
 */
public record ModelConfig(String modelType, int hiddenSize, int intermediateSize, int numLayers, int numHeads, int numKvHeads,
                          int headDim, int vocabSize, int maxPositionEmbeddings, double rmsNormEps, double ropeTheta,
                          RopeScaling ropeScaling, boolean tieWordEmbeddings, boolean qkvBias, boolean outputBias) {

    /** model_type to the architectures its config.json may name. */
    private static final Map<String, String> ARCHITECTURES = Map.of(
            "llama", "LlamaForCausalLM", "mistral", "MistralForCausalLM", "qwen2", "Qwen2ForCausalLM");

    public ModelConfig {
        if (!ARCHITECTURES.containsKey(modelType)) throw new IllegalArgumentException("model type must be one of " + ARCHITECTURES.keySet() + ", got " + modelType);
        for (var f : List.of(Map.entry("hidden_size", hiddenSize), Map.entry("intermediate_size", intermediateSize),
                Map.entry("num_hidden_layers", numLayers), Map.entry("num_attention_heads", numHeads),
                Map.entry("num_key_value_heads", numKvHeads), Map.entry("head_dim", headDim), Map.entry("vocab_size", vocabSize),
                Map.entry("max_position_embeddings", maxPositionEmbeddings))) {
            if (f.getValue() <= 0) throw new IllegalArgumentException(f.getKey() + " must be > 0, got " + f.getValue());
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (headDim % 2 != 0) throw new IllegalArgumentException("head_dim must be even for rotary embeddings, got " + headDim);
        if (!(rmsNormEps > 0)) throw new IllegalArgumentException("rms_norm_eps must be > 0, got " + rmsNormEps);
        if (!(ropeTheta > 0)) throw new IllegalArgumentException("rope_theta must be > 0, got " + ropeTheta);
    }

    /** Query heads that share one key/value head. */
    public int groupSize() { return numHeads / numKvHeads; }

    /** Parses config.json's text; {@code source} names the file in every message. */
    public static ModelConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFormatException(source + ": not JSON (" + m + "); expected a Hugging Face config.json");
        }
        if (root == null || !root.isObject()) throw new ModelFormatException(source + ": not a JSON object; expected a Hugging Face config.json");
        Fields f = new Fields(root, source);

        String type = f.text("model_type", null);
        if (!ARCHITECTURES.containsKey(type)) {
            throw f.bad("model_type", "is \"" + type + "\"; expected one of llama, mistral, qwen2");
        }
        JsonNode archs = root.get("architectures");
        if (archs != null && !archs.isNull()) {
            if (!archs.isArray()) throw f.bad("architectures", "is " + archs + "; expected a list");
            for (JsonNode a : archs) {
                if (!a.asText().equals(ARCHITECTURES.get(type))) {
                    throw f.bad("architectures", "names " + a + "; expected \"" + ARCHITECTURES.get(type) + "\" for model_type " + type);
                }
            }
        }
        String act = f.text("hidden_act", "silu");
        if (!act.equals("silu")) throw f.bad("hidden_act", "is \"" + act + "\"; expected silu");

        int hidden = f.positiveInt("hidden_size", null);
        int heads = f.positiveInt("num_attention_heads", null);
        int kvHeads = f.positiveInt("num_key_value_heads", heads);
        if (heads % kvHeads != 0) {
            throw f.bad("num_key_value_heads", "is " + kvHeads + "; expected a divisor of num_attention_heads (" + heads + ")");
        }
        if (!f.present("head_dim") && hidden % heads != 0) {
            throw f.bad("head_dim", "is missing and hidden_size (" + hidden + ") is not a multiple of num_attention_heads (" + heads + "); expected head_dim");
        }
        int headDim = f.positiveInt("head_dim", hidden / heads);
        if (headDim % 2 != 0) throw f.bad("head_dim", "is " + headDim + "; expected an even size for rotary embeddings");
        int maxPos = f.positiveInt("max_position_embeddings", null);
        double eps = f.positiveNumber("rms_norm_eps", null);
        // transformers 5 writes RoPE as rope_parameters {rope_type, rope_theta, factor, ...} and may leave no
        // top-level rope_theta: reading only the old fields would run such a model with the default base.
        JsonNode params = f.root.get("rope_parameters");
        boolean v5 = params != null && !params.isNull();
        if (v5 && !params.isObject()) throw f.bad("rope_parameters", "is " + params + "; expected an object");
        Fields rope = v5 ? new Fields(params, f.source, "rope_parameters.") : null;
        if (v5 && !rope.present("rope_theta") && !rope.present("rope_type") && rope.root.size() > 0) {
            throw f.bad("rope_parameters", "has no rope_theta or rope_type (per-layer-type RoPE?); expected one RoPE for every layer");
        }
        double theta = v5 && rope.present("rope_theta") ? rope.positiveNumber("rope_theta", null) : f.positiveNumber("rope_theta", 10000.0);
        if (v5 && rope.present("rope_theta") && f.present("rope_theta") && f.positiveNumber("rope_theta", null) != theta) {
            throw f.bad("rope_theta", "is " + f.positiveNumber("rope_theta", null) + " but rope_parameters.rope_theta is " + theta + "; expected one base");
        }
        if (v5 && rope.present("partial_rotary_factor") && rope.positiveNumber("partial_rotary_factor", null) != 1.0) {
            throw rope.bad("partial_rotary_factor", "is " + rope.positiveNumber("partial_rotary_factor", null) + "; expected 1 (RoPE over the whole head)");
        }

        if (f.bool("mlp_bias", false)) throw f.bad("mlp_bias", "is true; expected false (MLP projections without bias)");
        boolean attentionBias = type.equals("llama") && f.bool("attention_bias", false);
        boolean qkvBias = type.equals("qwen2") || attentionBias;

        boolean windowed = switch (type) {
            case "mistral" -> f.present("sliding_window");
            case "qwen2" -> f.bool("use_sliding_window", false);
            default -> false;
        };
        if (windowed) {
            if (type.equals("qwen2") && !f.present("sliding_window")) {
                throw f.bad("use_sliding_window", "is true without a sliding_window; expected full attention (use_sliding_window false)");
            }
            int window = f.positiveInt("sliding_window", null);
            if (window < maxPos) {
                throw f.bad("sliding_window", "is " + window + ", shorter than max_position_embeddings (" + maxPos
                        + "); expected full attention (sliding-window models are not supported)");
            }
        }

        return new ModelConfig(type, hidden, f.positiveInt("intermediate_size", null), f.positiveInt("num_hidden_layers", null),
                heads, kvHeads, headDim, f.positiveInt("vocab_size", null), maxPos, eps, theta, v5 ? scaling(rope) : ropeScaling(f),
                f.bool("tie_word_embeddings", false), qkvBias, attentionBias);
    }

    /** The scaling of a pre-5 config's rope_scaling object. */
    private static RopeScaling ropeScaling(Fields f) {
        JsonNode node = f.root.get("rope_scaling");
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw f.bad("rope_scaling", "is " + node + "; expected null or an object");
        return scaling(new Fields(node, f.source, "rope_scaling."));
    }

    /** The scaling named by a rope_scaling or rope_parameters object (its type field absent: default RoPE). */
    private static RopeScaling scaling(Fields s) {
        if (s.prefix.equals("rope_parameters.") && !s.present("rope_type")) return null;
        String kindField = s.present("type") && !s.present("rope_type") ? "type" : "rope_type"; // "type" in older configs
        String kind = s.text(kindField, null);
        if (kind.equals("default")) return null;
        if (!kind.equals("llama3")) throw s.bad(kindField, "is \"" + kind + "\"; expected llama3 or default");
        double factor = s.positiveNumber("factor", null);
        if (factor < 1) throw s.bad("factor", "is " + factor + "; expected >= 1");
        double low = s.positiveNumber("low_freq_factor", null);
        double high = s.positiveNumber("high_freq_factor", null);
        if (high <= low) throw s.bad("high_freq_factor", "is " + high + "; expected more than low_freq_factor (" + low + ")");
        return new RopeScaling(factor, low, high, s.positiveInt("original_max_position_embeddings", null));
    }

    /** Typed access to one JSON object's fields, each failure a one-line message naming file and field. */
    private static final class Fields {
        final JsonNode root;
        final String source;
        final String prefix;

        Fields(JsonNode root, String source) { this(root, source, ""); }

        Fields(JsonNode root, String source, String prefix) {
            this.root = root;
            this.source = source;
            this.prefix = prefix;
        }

        boolean present(String name) {
            JsonNode n = root.get(name);
            return n != null && !n.isNull();
        }

        ModelFormatException bad(String name, String what) {
            return new ModelFormatException(source + ": field '" + prefix + name + "' " + what);
        }

        private JsonNode required(String name, String expected) {
            if (!present(name)) throw bad(name, "is missing; expected " + expected);
            return root.get(name);
        }

        String text(String name, String fallback) {
            if (fallback != null && !present(name)) return fallback;
            JsonNode n = required(name, "a string");
            if (!n.isTextual()) throw bad(name, "is " + n + "; expected a string");
            return n.asText();
        }

        int positiveInt(String name, Integer fallback) {
            if (fallback != null && !present(name)) return fallback;
            JsonNode n = required(name, "a positive integer");
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) throw bad(name, "is " + n + "; expected a positive integer");
            return n.asInt();
        }

        double positiveNumber(String name, Double fallback) {
            if (fallback != null && !present(name)) return fallback;
            JsonNode n = required(name, "a positive number");
            if (!n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) throw bad(name, "is " + n + "; expected a positive number");
            return n.asDouble();
        }

        boolean bool(String name, boolean fallback) {
            if (!present(name)) return fallback;
            JsonNode n = root.get(name);
            if (!n.isBoolean()) throw bad(name, "is " + n + "; expected true or false");
            return n.asBoolean();
        }
    }
}
