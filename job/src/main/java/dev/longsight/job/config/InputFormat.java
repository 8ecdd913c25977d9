package dev.longsight.job.config;

/** How input documents are stored; AUTO decides from file names (.parquet, .jsonl/.json/.ndjson, else text). */
public enum InputFormat {
    AUTO, TEXT, JSONL, PARQUET;

    public static InputFormat parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase();
        for (InputFormat f : values()) if (f.toString().equals(t)) return f;
        throw new IllegalArgumentException("option '--format': expected auto, text, jsonl or parquet, got '" + s + "'");
    }

    @Override
    public String toString() { return name().toLowerCase(); }
}
