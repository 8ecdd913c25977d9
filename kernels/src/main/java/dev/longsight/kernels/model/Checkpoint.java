package dev.longsight.kernels.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hugging Face checkpoint directory: {@code config.json} parsed into a {@link ModelConfig}, and its
 * tensors in one {@code model.safetensors} or in shards listed by {@code model.safetensors.index.json}
 * ({@code weight_map}: tensor name to shard file). Shards are opened when first read from.
 */
public final class Checkpoint implements Closeable {
    public static final String CONFIG = "config.json";
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    public static final String TOKENIZER = "tokenizer.json";

    private final ModelFiles files;
    private final ModelConfig config;
    private final Map<String, String> shardOf;            // tensor name -> shard file name
    private final Map<String, SafeTensors> open = new HashMap<>(); // shard file name -> reader

    private Checkpoint(ModelFiles files, ModelConfig config, Map<String, String> shardOf) {
        this.files = files;
        this.config = config;
        this.shardOf = shardOf;
    }

    /** Reads config.json and the tensor index; tensors are read later, one at a time. */
    public static Checkpoint open(ModelFiles files) throws IOException {
        if (!files.exists(CONFIG)) throw new ModelFormatException(files.describe(CONFIG) + ": no such file; expected a Hugging Face checkpoint directory");
        ModelConfig config = ModelConfig.parse(text(files, CONFIG), files.describe(CONFIG));
        Map<String, String> shardOf = new LinkedHashMap<>();
        if (files.exists(INDEX)) {
            JsonNode map = json(files, INDEX).get("weight_map");
            if (map == null || !map.isObject()) throw new ModelFormatException(files.describe(INDEX) + ": field 'weight_map' is missing; expected an object of tensor name to shard file");
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String shard = e.getValue().asText();
                if (!e.getValue().isTextual() || !files.exists(shard)) {
                    throw new ModelFormatException(files.describe(INDEX) + ": field 'weight_map." + e.getKey() + "' names " + e.getValue()
                            + ", which is not a file in " + files.describe() + "; expected a shard of the checkpoint");
                }
                shardOf.put(e.getKey(), shard);
            }
        } else if (files.exists(SINGLE)) {
            Checkpoint c = new Checkpoint(files, config, shardOf);
            for (String name : c.shard(SINGLE).names()) shardOf.put(name, SINGLE);
            return c;
        } else {
            throw new ModelFormatException(files.describe(SINGLE) + ": no such file (nor " + INDEX + "); expected the checkpoint's safetensors");
        }
        return new Checkpoint(files, config, shardOf);
    }

    public ModelConfig config() { return config; }

    public ModelFiles files() { return files; }

    public boolean has(String tensor) { return shardOf.containsKey(tensor); }

    /** A tensor checked against the shape the config implies; a missing tensor or another shape is a one-line error. */
    public float[] tensor(String name, int... shape) throws IOException {
        String shard = shardOf.get(name);
        if (shard == null) {
            String where = files.exists(INDEX) ? files.describe(INDEX) : files.describe(SINGLE);
            throw new ModelFormatException(where + ": no tensor '" + name + "'; expected " + Arrays.toString(shape) + " for this " + config.modelType() + " config");
        }
        SafeTensors st = shard(shard);
        SafeTensors.Entry e = st.entry(name);
        if (e == null) throw new ModelFormatException(files.describe(shard) + ": no tensor '" + name + "', which " + INDEX + " places there");
        if (!Arrays.equals(e.shape(), shape)) {
            throw new ModelFormatException(files.describe(shard) + ": tensor '" + name + "' has shape " + Arrays.toString(e.shape())
                    + "; expected " + Arrays.toString(shape) + " from " + CONFIG);
        }
        return st.read(name);
    }

    private SafeTensors shard(String file) throws IOException {
        SafeTensors st = open.get(file);
        if (st == null) {
            st = SafeTensors.open(files.channel(file), files.describe(file));
            open.put(file, st);
        }
        return st;
    }

    static String text(ModelFiles files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(ModelFiles files, String name) throws IOException {
        try {
            JsonNode n = new ObjectMapper().readTree(text(files, name));
            if (n == null || !n.isObject()) throw new IOException("not a JSON object");
            return n;
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFormatException(files.describe(name) + ": not a JSON object (" + m + ")");
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafeTensors st : open.values()) {
            try { st.close(); } catch (IOException e) { if (first == null) first = e; }
        }
        open.clear();
        if (first != null) throw first;
    }
}
