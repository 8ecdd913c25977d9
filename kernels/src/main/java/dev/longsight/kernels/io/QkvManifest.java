package dev.longsight.kernels.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;

/**
 * The small properties file that describes captured Q/K/V tensors:
 * <pre>
 * q = q.npy            # paths relative to the manifest's directory, or absolute URIs
 * k = k.npy
 * v = v.npy
 * layout = hnd         # hnd: [heads, n, d]   nhd: [n, heads, d]
 * heads = 32           # query heads
 * kv_heads = 8         # key/value heads (grouped-query attention), divides heads
 * dtype = bfloat16     # optional: float32, float16 or bfloat16; required for bfloat16 stored as uint16
 * </pre>
 */
public record QkvManifest(String q, String k, String v, Layout layout, int heads, int kvHeads, NpyDtype dtype) {
    /** How the three axes are ordered in each file. */
    public enum Layout { HND, NHD }

    private static final Set<String> KEYS = Set.of("q", "k", "v", "layout", "heads", "kv_heads", "dtype");

    public QkvManifest {
        if (heads <= 0) throw new NpyFormatException("manifest: heads must be > 0, got " + heads);
        if (kvHeads <= 0 || heads % kvHeads != 0) {
            throw new NpyFormatException("manifest: kv_heads must be > 0 and divide heads (" + heads + "), got " + kvHeads);
        }
    }

    public static QkvManifest parse(InputStream in, String source) throws IOException {
        Properties p = new Properties();
        p.load(in);
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) throw new NpyFormatException(source + ": unknown key '" + key + "' (expected " + String.join(", ", KEYS) + ")");
        }
        String layout = required(p, "layout", source).toLowerCase();
        Layout l = switch (layout) {
            case "hnd" -> Layout.HND;
            case "nhd" -> Layout.NHD;
            default -> throw new NpyFormatException(source + ": layout must be hnd ([heads, n, d]) or nhd ([n, heads, d]), got '" + layout + "'");
        };
        String dtype = p.getProperty("dtype");
        return new QkvManifest(required(p, "q", source), required(p, "k", source), required(p, "v", source), l,
                integer(p, "heads", source), integer(p, "kv_heads", source),
                dtype == null ? null : NpyDtype.fromManifest(dtype, source));
    }

    private static String required(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new NpyFormatException(source + ": missing key '" + key + "'");
        return v.trim();
    }

    private static int integer(Properties p, String key, String source) {
        String v = required(p, key, source);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new NpyFormatException(source + ": " + key + " must be an integer, got '" + v + "'");
        }
    }
}
