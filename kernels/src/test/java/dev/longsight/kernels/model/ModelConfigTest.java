package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    private static final String FILE = "/models/x/config.json";

    private static ModelConfig parse(Map<String, Object> fields) throws Exception {
        return ModelConfig.parse(new ObjectMapper().writeValueAsString(fields), FILE);
    }

    /** The config.json of Llama 3.1 8B as published, less the generation and dtype fields. */
    private static Map<String, Object> llama31() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", new String[] {"LlamaForCausalLM"});
        c.put("attention_bias", false);
        c.put("hidden_act", "silu");
        c.put("hidden_size", 4096);
        c.put("intermediate_size", 14336);
        c.put("max_position_embeddings", 131072);
        c.put("mlp_bias", false);
        c.put("model_type", "llama");
        c.put("num_attention_heads", 32);
        c.put("num_hidden_layers", 32);
        c.put("num_key_value_heads", 8);
        c.put("rms_norm_eps", 1e-05);
        c.put("rope_scaling", Map.of("factor", 8.0, "low_freq_factor", 1.0, "high_freq_factor", 4.0,
                "original_max_position_embeddings", 8192, "rope_type", "llama3"));
        c.put("rope_theta", 500000.0);
        c.put("tie_word_embeddings", false);
        c.put("vocab_size", 128256);
        return c;
    }

    private static String failure(Map<String, Object> fields) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(fields));
        assertTrue(e.getMessage().startsWith(FILE + ": field '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsLlama31WithItsRopeScaling() throws Exception {
        ModelConfig c = parse(llama31());
        assertEquals(new ModelConfig("llama", 4096, 14336, 32, 32, 8, 128, 128256, 131072, 1e-5, 500000.0,
                new RopeScaling(8.0, 1.0, 4.0, 8192), false, false, false), c);
        assertEquals(4, c.groupSize());
    }

    /** transformers 5 writes RoPE as one rope_parameters object and may leave no top-level rope_theta. */
    @Test
    void readsTransformers5RopeParameters() throws Exception {
        Map<String, Object> f = llama31();
        f.remove("rope_theta");
        f.remove("rope_scaling");
        f.put("rope_parameters", Map.of("rope_type", "llama3", "rope_theta", 500000.0, "factor", 8.0, "low_freq_factor", 1.0,
                "high_freq_factor", 4.0, "original_max_position_embeddings", 8192));
        assertEquals(parse(llama31()), parse(f));
        f.put("rope_parameters", Map.of("rope_type", "default", "rope_theta", 1000000.0));
        assertEquals(1000000.0, parse(f).ropeTheta());
        assertNull(parse(f).ropeScaling());
        f.put("rope_theta", 10000.0);
        assertTrue(failure(f).contains("field 'rope_theta' is 10000.0 but rope_parameters.rope_theta is 1000000.0"));
        f.remove("rope_theta");
        f.put("rope_parameters", Map.of("rope_type", "yarn", "rope_theta", 10000.0, "factor", 4.0));
        assertTrue(failure(f).contains("field 'rope_parameters.rope_type' is \"yarn\"; expected llama3 or default"));
        f.put("rope_parameters", Map.of("rope_type", "default", "rope_theta", 10000.0, "partial_rotary_factor", 0.5));
        assertTrue(failure(f).contains("field 'rope_parameters.partial_rotary_factor' is 0.5"));
        f.put("rope_parameters", Map.of("full_attention", Map.of("rope_theta", 10000.0)));
        assertTrue(failure(f).contains("field 'rope_parameters' has no rope_theta or rope_type"));
    }

    @Test
    void takesTransformersDefaultsForOptionalFields() throws Exception {
        Map<String, Object> f = llama31();
        for (String k : new String[] {"num_key_value_heads", "hidden_act", "rope_theta", "rope_scaling", "tie_word_embeddings", "attention_bias", "mlp_bias", "architectures"}) f.remove(k);
        ModelConfig c = parse(f);
        assertEquals(32, c.numKvHeads());
        assertEquals(10000.0, c.ropeTheta());
        assertNull(c.ropeScaling());
        assertFalse(c.tieWordEmbeddings());
        f.put("rope_scaling", Map.of("rope_type", "default"));
        assertNull(parse(f).ropeScaling());
    }

    @Test
    void readsQwen2BiasesTiedEmbeddingsAndAnExplicitHeadDim() throws Exception {
        Map<String, Object> f = llama31();
        f.put("model_type", "qwen2");
        f.put("architectures", new String[] {"Qwen2ForCausalLM"});
        f.remove("rope_scaling");
        f.put("tie_word_embeddings", true);
        f.put("use_sliding_window", false);
        f.put("sliding_window", 4096); // ignored while use_sliding_window is false, as in transformers
        f.put("head_dim", 64);
        ModelConfig c = parse(f);
        assertTrue(c.qkvBias());
        assertFalse(c.outputBias());
        assertTrue(c.tieWordEmbeddings());
        assertEquals(64, c.headDim());
        Map<String, Object> llamaBias = llama31();
        llamaBias.put("attention_bias", true);
        assertTrue(parse(llamaBias).qkvBias());
        assertTrue(parse(llamaBias).outputBias());
    }

    @Test
    void readsMistralWithoutASlidingWindowOrWithOneAsLongAsTheContext() throws Exception {
        Map<String, Object> f = llama31();
        f.put("model_type", "mistral");
        f.put("architectures", new String[] {"MistralForCausalLM"});
        f.remove("rope_scaling");
        f.put("sliding_window", null);
        assertEquals("mistral", parse(f).modelType());
        f.put("sliding_window", 131072);
        assertFalse(parse(f).qkvBias());
        f.put("sliding_window", 4096);
        assertEquals(FILE + ": field 'sliding_window' is 4096, shorter than max_position_embeddings (131072); "
                + "expected full attention (sliding-window models are not supported)", failure(f));
    }

    @Test
    void refusesWhatTheForwardDoesNotComputeNamingTheField() {
        Map<String, Object> f = llama31();
        f.put("model_type", "gemma");
        assertTrue(failure(f).contains("field 'model_type' is \"gemma\"; expected one of llama, mistral, qwen2"));
        f = llama31();
        f.put("architectures", new String[] {"LlamaForSequenceClassification"});
        assertTrue(failure(f).contains("field 'architectures'"));
        f = llama31();
        f.remove("hidden_size");
        assertEquals(FILE + ": field 'hidden_size' is missing; expected a positive integer", failure(f));
        f = llama31();
        f.put("num_key_value_heads", 5);
        assertTrue(failure(f).contains("field 'num_key_value_heads' is 5; expected a divisor"));
        f = llama31();
        f.put("hidden_act", "gelu");
        assertTrue(failure(f).contains("field 'hidden_act' is \"gelu\"; expected silu"));
        f = llama31();
        f.put("rms_norm_eps", "small");
        assertTrue(failure(f).contains("field 'rms_norm_eps' is \"small\"; expected a positive number"));
        f = llama31();
        f.put("rope_scaling", Map.of("rope_type", "yarn", "factor", 4.0));
        assertTrue(failure(f).contains("field 'rope_scaling.rope_type' is \"yarn\"; expected llama3 or default"));
        f = llama31();
        f.put("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0, "high_freq_factor", 4.0));
        assertTrue(failure(f).contains("field 'rope_scaling.original_max_position_embeddings' is missing"));
        f = llama31();
        f.put("mlp_bias", true);
        assertTrue(failure(f).contains("field 'mlp_bias' is true"));
        f = llama31();
        f.put("model_type", "qwen2");
        f.put("architectures", new String[] {"Qwen2ForCausalLM"});
        f.put("use_sliding_window", true);
        f.put("sliding_window", 4096);
        assertTrue(failure(f).contains("field 'sliding_window' is 4096, shorter than max_position_embeddings"));
    }

    @Test
    void aFileThatIsNotJsonIsOneLine() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelConfig.parse("{\"a\": \n oops", FILE));
        assertTrue(e.getMessage().startsWith(FILE + ": not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
