package dev.longsight.job.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Spark settings given on the command line as {@code --conf KEY=VALUE}, in the order given; a later one wins. */
public final class SparkSettings {
    private SparkSettings() {}

    /** {@code KEY=VALUE} strings as a map; a bad one fails with one line that shows it with any credential hidden. */
    public static Map<String, String> parse(List<String> confs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : confs == null ? List.<String>of() : confs) {
            int eq = c.indexOf('=');
            String key = eq < 0 ? c.trim() : c.substring(0, eq).trim();
            if (eq < 0 || !key.startsWith("spark.") || key.length() == "spark.".length()) {
                throw new IllegalArgumentException("option '--conf': expected spark.KEY=VALUE (e.g. spark.hadoop.fs.s3a.endpoint=http://s3.local:9000), got '"
                        + (eq < 0 ? Redaction.uris(c) : Redaction.text(c)) + "'");
            }
            m.put(key, c.substring(eq + 1));
        }
        return checked(m);
    }

    /** An unmodifiable, ordered copy whose keys are all Spark settings. */
    static Map<String, String> checked(Map<String, String> settings) {
        if (settings == null) return Map.of();
        for (String k : settings.keySet()) {
            if (k == null || !k.startsWith("spark.")) throw new IllegalArgumentException("option '--conf': expected spark.KEY=VALUE, got key '" + k + "'");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The settings as "k=v, k=v", credentials hidden: what the console and the report show. */
    public static String text(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + (Redaction.isSecretName(e.getKey()) ? Redaction.HIDDEN : Redaction.text(e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
