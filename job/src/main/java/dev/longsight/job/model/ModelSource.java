package dev.longsight.job.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.DeviceLlama;
import dev.longsight.kernels.model.ModelConfig;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * The checkpoint a run evaluates, as it travels to executors: its URI (each executor opens it there),
 * the name results record, and a short hash of what fixes the network (config.json, the weights
 * index and every safetensors header: names, dtypes, shapes and offsets, not the weight bytes).
 *
 * @param name   config.json's {@code _name_or_path}, else the directory's name
 * @param hash   first 12 hex digits of the SHA-256
 * @param layers the model's decoder layers (the receptive field's hops)
 */
public record ModelSource(String uri, String name, String hash, int layers, int heads, int kvHeads, int headDim)
        implements Serializable {

    /**
     * Opens the checkpoint on the driver and checks it as the executors will read it: config.json
     * (architecture and fields), the tensor index or the single safetensors' header, tokenizer.json.
     * Any problem is one line naming the file and field ({@link ModelFormatException}, exit 2).
     */
    public static ModelSource inspect(String uri, Configuration conf) { return inspect(uri, conf, false); }

    /** As {@link #inspect(String, Configuration)}; with {@code deviceForward}, also the shapes the device forward needs. */
    public static ModelSource inspect(String uri, Configuration conf, boolean deviceForward) {
        try {
            HadoopModelFiles files = HadoopModelFiles.of(uri, conf);
            ModelConfig c;
            try (Checkpoint ckpt = Checkpoint.open(files)) {
                c = ckpt.config();
            }
            if (deviceForward) DeviceLlama.checkShape(c, files.describe(Checkpoint.CONFIG));
            if (!files.exists(Checkpoint.TOKENIZER)) {
                throw new ModelFormatException(files.describe(Checkpoint.TOKENIZER) + ": no such file; expected the checkpoint's Hugging Face tokenizer");
            }
            return new ModelSource(uri, name(files), hash(files), c.numLayers(), c.numHeads(), c.numKvHeads(), c.headDim());
        } catch (IOException e) {
            throw new IllegalArgumentException("model '" + uri + "': cannot read (" + e + ")", e);
        }
    }

    /** "name (hash)", as the console and the report name the model. */
    public String label() { return name + " (" + hash + ")"; }

    static String name(HadoopModelFiles files) throws IOException {
        try (InputStream in = files.open(Checkpoint.CONFIG)) {
            JsonNode n = new ObjectMapper().readTree(in).path("_name_or_path");
            if (n.isTextual() && !n.asText().isBlank()) return n.asText();
        }
        return files.dirName();
    }

    /** SHA-256 over config.json, the index (if any) and each safetensors file's header, in file-name order. */
    static String hash(ModelFiles files) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        TreeSet<String> shards = new TreeSet<>();
        for (String f : new String[] {Checkpoint.CONFIG, Checkpoint.INDEX}) {
            if (!files.exists(f)) continue;
            byte[] bytes;
            try (InputStream in = files.open(f)) {
                bytes = in.readAllBytes();
            }
            sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
            if (f.equals(Checkpoint.INDEX)) {
                for (Iterator<JsonNode> it = new ObjectMapper().readTree(bytes).path("weight_map").elements(); it.hasNext(); ) shards.add(it.next().asText());
            }
        }
        if (shards.isEmpty()) shards.add(Checkpoint.SINGLE);
        for (String s : shards) {
            sha.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(header(files, s));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /** A safetensors file's 8-byte length and JSON header. */
    private static byte[] header(ModelFiles files, String name) throws IOException {
        try (SeekableByteChannel ch = files.channel(name)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (len.hasRemaining() && ch.read(len) >= 0) { /* fill */ }
            long n = len.flip().getLong(0);
            if (n < 0 || n > 100_000_000 || n > ch.size() - 8) {
                throw new ModelFormatException(files.describe(name) + ": header length " + n + " does not fit the file; expected a safetensors file");
            }
            ByteBuffer h = ByteBuffer.allocate(8 + (int) n);
            h.put(len.array());
            while (h.hasRemaining() && ch.read(h) >= 0) { /* fill */ }
            return h.array();
        }
    }
}
