package dev.longsight.kernels.attention;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Code-level options of a project-supplied OpenCL source: a comma list, each name from a fixed set. */
final class SourceOptions {
    private SourceOptions() {}

    /** Parses {@code spec}; an unknown name is an error naming the system property it came from. */
    static Set<String> parse(String property, List<String> names, String spec) {
        Set<String> on = new TreeSet<>();
        for (String o : spec.split(",")) {
            String t = o.trim();
            if (t.isEmpty()) continue;
            if (!names.contains(t)) throw new IllegalArgumentException(property + ": expected a comma list of " + names + ", got '" + t + "'");
            on.add(t);
        }
        return on;
    }
}
