package dev.longsight.job.workload;

import java.io.Serializable;
import java.util.List;

/**
 * What to sweep: tasks x context lengths x needle depths x samples x patterns, and the seed that
 * makes it reproducible. User values reach it through {@code config.Rules.sweep}, which checks them
 * once and names the option, argument or key they came from; this record only holds them.
 */
public record SweepSpec(List<String> tasks, List<Integer> lengths, List<Double> depths, int samples,
                        List<String> patterns, long seed) implements Serializable {
    public SweepSpec {
        tasks = List.copyOf(tasks);
        lengths = List.copyOf(lengths);
        depths = List.copyOf(depths);
        patterns = List.copyOf(patterns);
    }
}
