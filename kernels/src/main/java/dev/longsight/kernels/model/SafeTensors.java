package dev.longsight.kernels.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {@code {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the end of the header),
 * then the raw little-endian tensors. Tensors are read one at a time at their offsets, so a reader holds
 * only the header in memory; BF16, F16 and F32 widen exactly to float.
 */
public final class SafeTensors implements Closeable {
    /** The safetensors format caps the header at 100 MB; a larger length means a file of another kind. */
    static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int CHUNK_BYTES = 1 << 20;

    /** One tensor of the header; {@code dtype} is null for a type LongSight does not read (named by {@code dtypeName}). */
    public record Entry(String name, String dtypeName, Dtype dtype, int[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }
    }

    private final SeekableByteChannel channel;
    private final String source;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafeTensors(SeekableByteChannel channel, String source, long dataStart, Map<String, Entry> entries) {
        this.channel = channel;
        this.source = source;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    /** Reads the header of {@code channel} (positioned anywhere); {@code source} names the file in messages. Takes ownership of the channel. */
    public static SafeTensors open(SeekableByteChannel channel, String source) throws IOException {
        try {
            long size = channel.size();
            if (size < 8) throw bad(source, "is " + size + " bytes long; expected at least the 8-byte header length");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, 0, len, source);
            long headerLen = len.flip().getLong();
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > size) {
                throw bad(source, "declares a " + headerLen + "-byte header in a " + size + "-byte file; expected a safetensors file");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(channel, 8, header, source);
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw bad(source, "has a header that is not JSON (" + firstLine(e.getMessage()) + "); expected a safetensors file");
            }
            if (root == null || !root.isObject()) throw bad(source, "has a header that is not a JSON object; expected a safetensors file");
            long dataLen = size - 8 - headerLen;
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("__metadata__")) continue;
                entries.put(f.getKey(), entry(f.getKey(), f.getValue(), dataLen, source));
            }
            return new SafeTensors(channel, source, 8 + headerLen, Collections.unmodifiableMap(entries));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Entry entry(String name, JsonNode n, long dataLen, String source) {
        String where = "tensor '" + name + "'";
        JsonNode dtype = n.get("dtype"), shape = n.get("shape"), offsets = n.get("data_offsets");
        if (dtype == null || !dtype.isTextual()) throw bad(source, where + " has no 'dtype'; expected a string such as \"BF16\"");
        if (shape == null || !shape.isArray()) throw bad(source, where + " has no 'shape'; expected an array of sizes");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw bad(source, where + " has no 'data_offsets'; expected [begin, end]");
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || d.asInt() < 0) throw bad(source, where + " has shape " + shape + "; expected non-negative sizes");
            dims[i] = d.asInt();
        }
        long begin = offsets.get(0).asLong(), end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLen) {
            throw bad(source, where + " has data_offsets [" + begin + ", " + end + "] outside the file's " + dataLen + " data bytes");
        }
        Dtype type = Dtype.ofHeader(dtype.asText());
        Entry e = new Entry(name, dtype.asText(), type, dims, begin, end);
        if (type != null && e.elements() * type.bytes != end - begin) {
            throw bad(source, where + " has " + (end - begin) + " bytes; expected " + e.elements() * type.bytes
                    + " for " + type + " " + Arrays.toString(dims));
        }
        return e;
    }

    public Set<String> names() { return entries.keySet(); }

    /** The header entry of a tensor, or null if the file has none of that name. */
    public Entry entry(String name) { return entries.get(name); }

    /** The file's name as given to {@link #open}. */
    public String source() { return source; }

    /** A tensor's elements in row-major order, widened exactly to float. */
    public float[] read(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) throw bad(source, "has no tensor '" + name + "'");
        if (e.dtype() == null) throw bad(source, "tensor '" + name + "' has dtype " + e.dtypeName() + "; expected BF16, F16 or F32");
        if (e.elements() > Integer.MAX_VALUE - 8) {
            throw bad(source, "tensor '" + name + "' has " + e.elements() + " elements; expected at most " + (Integer.MAX_VALUE - 8) + " (one Java array)");
        }
        float[] out = new float[(int) e.elements()];
        int perChunk = CHUNK_BYTES / e.dtype().bytes;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * e.dtype().bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < out.length; ) {
            int n = Math.min(perChunk, out.length - done);
            buf.clear().limit(n * e.dtype().bytes);
            readFully(channel, dataStart + e.begin() + (long) done * e.dtype().bytes, buf, source);
            buf.flip();
            e.dtype().decode(buf, out, done, n);
            done += n;
        }
        return out;
    }

    private static void readFully(SeekableByteChannel ch, long position, ByteBuffer dst, String source) throws IOException {
        ch.position(position);
        while (dst.hasRemaining()) {
            if (ch.read(dst) < 0) throw bad(source, "ends at byte " + ch.position() + "; expected more data");
        }
    }

    private static ModelFormatException bad(String source, String what) { return new ModelFormatException(source + ": " + what); }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
