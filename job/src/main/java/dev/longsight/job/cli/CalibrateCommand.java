package dev.longsight.job.cli;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.config.Values;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.probe.Calibrate;
import dev.longsight.job.workload.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code longsight calibrate}: the probe's accuracy per task x length x pattern, without Spark (see job/PROBE.md). */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep through the probe on one device without Spark and print a CSV per task x length x pattern: "
                + "units, accuracy, rf_accuracy, mean_score, kernel_ms_per_unit, device.",
                "Checks the probe's calibration: under full attention every task should score 1.0.",
                "Exit codes: 0 ok, 1 a unit failed, 2 bad input, 3 device error."},
        footer = {"", "Example: ./longsight calibrate --lengths 8K,32K,128K --depths 0,0.5,1 --patterns full --device gpu"})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--tasks", split = ",", paramLabel = "LIST", defaultValue = "passkey,niah-single,niah-multikey,niah-multivalue,niah-multiquery",
            description = "Tasks (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--lengths", split = ",", paramLabel = "LIST", defaultValue = "1K,2K,4K,8K",
            description = "Context lengths in tokens, K = 1024, M = 1048576 (default: ${DEFAULT-VALUE}).")
    List<String> lengths;

    @Option(names = "--depths", split = ",", paramLabel = "LIST", defaultValue = "0,0.25,0.5,0.75,1",
            description = "Needle depths in [0, 1] (default: ${DEFAULT-VALUE}).")
    List<String> depths;

    @Option(names = "--samples", defaultValue = "1", description = "Samples per (task, length, depth) cell (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--patterns", paramLabel = "LIST", defaultValue = "full", description = "Pattern specs or presets; a comma followed by "
            + "key=value continues a spec, ';' also separates (default: ${DEFAULT-VALUE}).")
    List<String> patterns;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of documents, needles and probe weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layers", defaultValue = "3", description = "Probe layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "2", description = "Query heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "1", description = "KV heads, dividing --heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = "64", description = "Head dimension, 1..128 (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--block", defaultValue = Options.BLOCK, description = Options.BLOCK_DESCRIPTION)
    int block;

    @Option(names = "--chunk", defaultValue = "1024", description = "Prefill chunk in tokens, a multiple of --block (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--device", defaultValue = "auto", description = "auto, gpu, gpu:<i>, cpu or jtp (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--precision", defaultValue = "fp32", description = "Prefill arithmetic: fp32, or tf32/bf16 on tensor cores "
            + "(needs a --block multiple of 64) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "sample-data/corpus",
            description = "Local directory whose *.txt documents give the haystacks of tasks other than passkey (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Override
    public Integer call() { return Calibrate.run(sweep(), shape(), corpus, System.out, System.err); }

    SweepSpec sweep() {
        return Rules.sweep(Origin.OPTIONS, Values.names(tasks), Values.lengths("--lengths", lengths),
                Values.doubles("--depths", "needle depths in [0, 1]", depths), samples, Values.patterns(patterns), seed);
    }

    ModelShape shape() {
        return Rules.shape(Origin.OPTIONS, layers, heads, kvHeads, headDim, block, chunk, device, Values.precision(precision));
    }
}
