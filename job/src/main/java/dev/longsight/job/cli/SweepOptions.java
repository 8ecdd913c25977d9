package dev.longsight.job.cli;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.config.Values;
import dev.longsight.job.workload.SweepSpec;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The retrieval sweep's options, as run and calibrate take them. The defaults differ by command (run's
 * is the sample sweep, calibrate's a calibration sweep), so each command names a {@link Defaults}.
 */
final class SweepOptions {
    @Option(names = "--tasks", split = ",", paramLabel = "LIST",
            description = "passkey, niah-single, niah-multikey, niah-multivalue, niah-multiquery (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--lengths", split = ",", paramLabel = "LIST",
            description = Options.LENGTHS_DESCRIPTION)
    List<String> lengths;

    @Option(names = "--depths", split = ",", paramLabel = "LIST", description = "Needle depths in [0, 1] (default: ${DEFAULT-VALUE}).")
    List<String> depths;

    @Option(names = "--samples", description = "Samples per (task, length, depth) cell (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--patterns", paramLabel = "LIST", description = "Pattern specs or presets (see './longsight patterns'), "
            + "e.g. full,paper-sliding,power:window=5,sink=1; a comma followed by key=value continues a spec, ';' also separates "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> patterns;

    @Option(names = "--seed", description = "Seed of documents, needles and probe weights (default: ${DEFAULT-VALUE}).")
    long seed;

    List<String> taskNames() { return Values.names(tasks); }

    List<Integer> lengthValues() { return Values.lengths("--lengths", lengths); }

    List<Double> depthValues() { return Values.doubles("--depths", "needle depths in [0, 1]", depths); }

    List<String> patternSpecs() { return Values.patterns(patterns); }

    /** The sweep, checked by the rules every way of configuring a run shares. */
    SweepSpec sweep() {
        return Rules.sweep(Origin.OPTIONS, taskNames(), lengthValues(), depthValues(), samples, patternSpecs(), seed);
    }

    /** A command's default sweep, shown by {@code --help} as the options' defaults. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(SweepSpec sweep) {
            values = Map.of("--tasks", String.join(",", sweep.tasks()),
                    "--lengths", join(sweep.lengths()),
                    "--depths", join(sweep.depths()),
                    "--samples", String.valueOf(sweep.samples()),
                    "--patterns", String.join(";", sweep.patterns()), // specs keep their own commas
                    "--seed", String.valueOf(sweep.seed()));
        }

        private static String join(List<?> xs) {
            return String.join(",", xs.stream().map(String::valueOf).toList());
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
        }
    }
}
