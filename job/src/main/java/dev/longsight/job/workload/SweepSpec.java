package dev.longsight.job.workload;

import dev.longsight.kernels.pattern.Patterns;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What to sweep: tasks x context lengths x needle depths x samples x patterns, and the seed that
 * makes it reproducible. Validated once here; every failure names the CLI option it came from.
 */
public record SweepSpec(List<String> tasks, List<Integer> lengths, List<Double> depths, int samples,
                        List<String> patterns, long seed) implements Serializable {
    public SweepSpec {
        tasks = nonEmpty("--tasks", tasks);
        lengths = nonEmpty("--lengths", lengths);
        depths = nonEmpty("--depths", depths);
        patterns = nonEmpty("--patterns", patterns);
        for (String t : tasks) {
            try {
                Task.of(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--tasks': expected one of " + Task.names() + ", got '" + t + "'");
            }
        }
        for (int l : lengths) {
            if (l <= 0) throw new IllegalArgumentException("option '--lengths': expected positive token counts, got " + l);
        }
        for (double d : depths) {
            if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException("option '--depths': expected values in [0, 1], got " + d);
        }
        if (samples <= 0) throw new IllegalArgumentException("option '--samples': expected a positive integer, got " + samples);
        for (String p : patterns) {
            try {
                Patterns.parse(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '--patterns': " + e.getMessage());
            }
        }
    }

    private static <T> List<T> nonEmpty(String option, List<T> values) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException("option '" + option + "': expected at least one value");
        for (T v : values) if (v == null) throw new IllegalArgumentException("option '" + option + "': null value");
        return List.copyOf(values);
    }

    /**
     * Reads a sweep from properties: {@code tasks}, {@code lengths}, {@code depths} (comma lists),
     * {@code patterns} (a ';' list, since specs contain commas), {@code samples}, {@code seed}.
     */
    public static SweepSpec fromProperties(Reader in, String source) throws IOException {
        Properties p = new Properties();
        p.load(in);
        try {
            return new SweepSpec(split(p, "tasks", ",", source), ints(split(p, "lengths", ",", source)),
                    doubles(split(p, "depths", ",", source)), Integer.parseInt(required(p, "samples", source).trim()),
                    split(p, "patterns", ";", source), Long.parseLong(required(p, "seed", source).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static String required(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException(source + ": missing key '" + key + "'");
        return v;
    }

    private static List<String> split(Properties p, String key, String sep, String source) {
        List<String> out = new ArrayList<>();
        for (String s : required(p, key, source).split(sep)) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static List<Integer> ints(List<String> s) {
        return s.stream().map(Integer::parseInt).toList();
    }

    private static List<Double> doubles(List<String> s) { return s.stream().map(Double::parseDouble).toList(); }
}
