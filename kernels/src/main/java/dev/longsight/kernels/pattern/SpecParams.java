package dev.longsight.kernels.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code key=value} part of one pattern spec; every read is validated and unread keys are an error. */
public final class SpecParams {
    private final String pattern;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> known = new ArrayList<>();

    SpecParams(String pattern, String body) {
        this.pattern = pattern;
        if (body == null || body.isBlank()) return;
        for (String pair : body.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new PatternSpecException("pattern '" + pattern + "': expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim();
            if (values.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new PatternSpecException("pattern '" + pattern + "': key '" + key + "' given twice");
            }
        }
    }

    /** An integer parameter that must be at least {@code min}. */
    public int integer(String key, int defaultValue, int min) {
        known.add(key);
        String raw = values.get(key);
        if (raw == null) return defaultValue;
        int v;
        try {
            v = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new PatternSpecException("pattern '" + pattern + "': " + key + " must be an integer, got '" + raw + "'");
        }
        if (v < min) {
            throw new PatternSpecException("pattern '" + pattern + "': " + key + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    public long longValue(String key, long defaultValue) {
        known.add(key);
        String raw = values.get(key);
        if (raw == null) return defaultValue;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new PatternSpecException("pattern '" + pattern + "': " + key + " must be an integer, got '" + raw + "'");
        }
    }

    /** A list of integers separated by '/' (commas separate keys), each at least {@code min}. */
    public int[] integers(String key, int[] defaultValue, int min) {
        known.add(key);
        String raw = values.get(key);
        if (raw == null) return defaultValue.clone();
        String[] parts = raw.split("/");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new PatternSpecException("pattern '" + pattern + "': " + key
                        + " must be integers separated by '/', got '" + raw + "'");
            }
            if (out[i] < min) {
                throw new PatternSpecException("pattern '" + pattern + "': every " + key + " must be >= " + min + ", got " + raw);
            }
        }
        return out;
    }

    /** Fails on keys the pattern does not have; call after all reads. */
    void requireAllKnown() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new PatternSpecException("pattern '" + pattern + "': unknown key '" + key + "' (expected one of "
                        + String.join(", ", known) + ")");
            }
        }
    }

    static String join(int[] xs) {
        return String.join("/", Arrays.stream(xs).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
