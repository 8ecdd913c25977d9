package dev.longsight.kernels.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a seeded, randomly initialised checkpoint in Hugging Face format (config.json, safetensors,
 * optionally sharded with an index, and a word-level tokenizer.json whose words are {@code w2, w3, ...}):
 * a model with real shapes and no training, to exercise the reading and forward paths without a download.
 */
public final class RandomCheckpoint {
    private RandomCheckpoint() {}

    /** A tiny Llama's config.json fields: 2 layers, hidden 64, 4 heads sharing 2 KV heads, vocabulary 100. */
    public static Map<String, Object> tinyLlama() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("LlamaForCausalLM"));
        c.put("model_type", "llama");
        c.put("hidden_act", "silu");
        c.put("hidden_size", 64);
        c.put("intermediate_size", 112);
        c.put("num_hidden_layers", 2);
        c.put("num_attention_heads", 4);
        c.put("num_key_value_heads", 2);
        c.put("vocab_size", 100);
        c.put("max_position_embeddings", 512);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", 10000.0);
        c.put("tie_word_embeddings", false);
        c.put("bos_token_id", 1);
        return c;
    }

    /** Writes the checkpoint into {@code dir} (created if needed) and returns its parsed config. */
    public static ModelConfig write(Path dir, Map<String, Object> configFields, Dtype dtype, int shards, long seed) throws IOException {
        if (shards < 1) throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        Path configFile = dir.resolve(Checkpoint.CONFIG);
        json.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), configFields);
        ModelConfig c = ModelConfig.parse(Files.readString(configFile), configFile.toString());

        Random rnd = new Random(seed);
        Map<String, SafeTensorsWriter.Tensor> tensors = new LinkedHashMap<>();
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim(), ff = c.intermediateSize();
        tensors.put("model.embed_tokens.weight", matrix(rnd, c.vocabSize(), h, 1.0));
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            tensors.put(p + "input_layernorm.weight", norm(rnd, h));
            tensors.put(p + "self_attn.q_proj.weight", matrix(rnd, q, h, 1.0));
            tensors.put(p + "self_attn.k_proj.weight", matrix(rnd, kv, h, 1.0));
            tensors.put(p + "self_attn.v_proj.weight", matrix(rnd, kv, h, 1.0));
            tensors.put(p + "self_attn.o_proj.weight", matrix(rnd, h, q, 1.0));
            if (c.qkvBias()) {
                tensors.put(p + "self_attn.q_proj.bias", vector(rnd, q, 0.5));
                tensors.put(p + "self_attn.k_proj.bias", vector(rnd, kv, 0.5));
                tensors.put(p + "self_attn.v_proj.bias", vector(rnd, kv, 0.5));
            }
            if (c.outputBias()) tensors.put(p + "self_attn.o_proj.bias", vector(rnd, h, 0.5));
            tensors.put(p + "post_attention_layernorm.weight", norm(rnd, h));
            tensors.put(p + "mlp.gate_proj.weight", matrix(rnd, ff, h, 1.0));
            tensors.put(p + "mlp.up_proj.weight", matrix(rnd, ff, h, 1.0));
            tensors.put(p + "mlp.down_proj.weight", matrix(rnd, h, ff, 1.0));
        }
        tensors.put("model.norm.weight", norm(rnd, h));
        if (!c.tieWordEmbeddings()) tensors.put("lm_head.weight", matrix(rnd, c.vocabSize(), h, 1.0));

        List<String> names = new ArrayList<>(tensors.keySet());
        ObjectNode index = json.createObjectNode();
        ObjectNode weightMap = index.putObject("weight_map");
        for (int s = 0; s < shards; s++) {
            String file = shards == 1 ? Checkpoint.SINGLE : String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
            SafeTensorsWriter w = new SafeTensorsWriter();
            for (int i = s * names.size() / shards; i < (s + 1) * names.size() / shards; i++) {
                SafeTensorsWriter.Tensor t = tensors.get(names.get(i));
                w.put(names.get(i), dtype, t.values(), t.shape());
                weightMap.put(names.get(i), file);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
                w.write(out);
            }
        }
        if (shards > 1) json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(Checkpoint.INDEX).toFile(), index);
        writeTokenizer(dir.resolve(Checkpoint.TOKENIZER), c.vocabSize());
        return c;
    }

    /**
     * A word-level tokenizer: {@code <unk>} = 0, {@code <s>} = 1 added before every text (as Llama's
     * tokenizer adds its BOS), and words {@code w2 .. w(vocab-1)} split on whitespace and punctuation.
     */
    public static void writeTokenizer(Path file, int vocabSize) throws IOException {
        List<String> words = new ArrayList<>();
        for (int i = 2; i < vocabSize; i++) words.add("w" + i);
        writeTokenizer(file, words, false);
    }

    /**
     * A word-level tokenizer over {@code words} (ids from 2 on, after {@code <unk>} and {@code <s>}), split on
     * whitespace and punctuation and, with {@code splitDigits}, every digit a token of its own (as Llama's
     * tokenizers split numbers): text in English words that the list holds tokenizes without a download.
     */
    public static void writeTokenizer(Path file, List<String> words, boolean splitDigits) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        String[] special = {"<unk>", "<s>"};
        for (int i = 0; i < special.length; i++) {
            added.addObject().put("id", i).put("content", special[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        if (splitDigits) {
            ObjectNode seq = root.putObject("pre_tokenizer").put("type", "Sequence");
            ArrayNode steps = seq.putArray("pretokenizers");
            steps.addObject().put("type", "Whitespace");
            steps.addObject().put("type", "Digits").put("individual_digits", true);
        } else {
            root.putObject("pre_tokenizer").put("type", "Whitespace");
        }
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode bos = post.putObject("special_tokens").putObject("<s>");
        bos.put("id", "<s>");
        bos.putArray("ids").add(1);
        bos.putArray("tokens").add("<s>");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < special.length; i++) vocab.put(special[i], i);
        int id = special.length;
        for (String w : words) if (!vocab.has(w)) vocab.put(w, id++);
        model.put("unk_token", "<unk>");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** Scaled so that a projection keeps unit-order activations: N(0, scale^2 / cols). */
    private static SafeTensorsWriter.Tensor matrix(Random rnd, int rows, int cols, double scale) {
        float[] v = new float[rows * cols];
        double sd = scale / Math.sqrt(cols);
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() * sd);
        return new SafeTensorsWriter.Tensor(v, rows, cols);
    }

    private static SafeTensorsWriter.Tensor vector(Random rnd, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rnd.nextGaussian() * sd);
        return new SafeTensorsWriter.Tensor(v, n);
    }

    /** Norm gains near 1, as trained models have, but not exactly 1, so a test notices a gain left out. */
    private static SafeTensorsWriter.Tensor norm(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (1 + 0.2 * rnd.nextGaussian());
        return new SafeTensorsWriter.Tensor(v, n);
    }
}
