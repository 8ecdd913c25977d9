package dev.longsight.job.cli;

import dev.longsight.job.config.BadFiles;
import dev.longsight.job.config.BadLines;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.config.Values;
import dev.longsight.job.spark.SweepJob;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code longsight run}: parses the options into a {@link RunConfig} and runs the sweep as a Spark job. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the retrieval sweep as a Spark job: documents x tasks x lengths x depths x samples x patterns.",
                "With no options: the sample sweep on sample-data/, local[*], the best device, results in ./out/."},
        footer = {"", "Example: ./longsight run --patterns full,paper-sliding,paper-power --lengths 4K,8K --output hdfs://nn/ls/run1"})
final class RunCommand implements Callable<Integer> {
    private static final String DEFAULT_SWEEP = "(default: the sample sweep, sample-data/sweep.properties)";

    @Option(names = "--input", paramLabel = "URI", description = "documents: a file or directory on any Hadoop filesystem "
            + "(file://, hdfs://, s3a://): text files, JSON lines (both also .gz, .bz2) or Parquet; passkey's haystacks are cut "
            + "from them too (default: " + RunConfig.DEFAULT_INPUT + ", with passkey on its classic filler sentences)")
    String input;

    @Option(names = "--format", description = "input format: auto, text, jsonl, parquet (default: ${DEFAULT-VALUE})")
    String format = "auto";

    @Option(names = {"--text-field", "--json-field"}, description = "the documents' text: a field of JSON lines, a column of Parquet (default: ${DEFAULT-VALUE})")
    String textField = "text";

    @Option(names = "--bad-lines", description = "bad JSON lines or Parquet rows: skip (and count) or fail (default: ${DEFAULT-VALUE})")
    String badLines = "fail";

    @Option(names = "--bad-files", description = "input files that cannot be read as documents (binary, not UTF-8, damaged archive, "
            + "not Parquet): skip or fail (default: ${DEFAULT-VALUE}: one stray file should not cost a run over a folder; each "
            + "skipped file is named at the start and counted in the summary)")
    String badFiles = "skip";

    @Option(names = "--output", paramLabel = "URI", description = "output directory on any Hadoop filesystem (default: ${DEFAULT-VALUE})")
    String output = RunConfig.DEFAULT_OUTPUT;

    @Option(names = "--overwrite", description = "replace LongSight results of a different config in --output")
    boolean overwrite;

    @Option(names = "--tasks", split = ",", paramLabel = "LIST", description = {"passkey, niah-single, niah-multikey, niah-multivalue, niah-multiquery", DEFAULT_SWEEP})
    List<String> tasks;

    @Option(names = "--lengths", split = ",", paramLabel = "LIST", description = {"context lengths in tokens, e.g. 4K,8K,32K", DEFAULT_SWEEP})
    List<String> lengths;

    @Option(names = "--depths", split = ",", paramLabel = "LIST", description = {"needle depths in [0, 1], e.g. 0,0.5,1", DEFAULT_SWEEP})
    List<String> depths;

    @Option(names = "--samples", description = {"samples per (task, length, depth) cell", DEFAULT_SWEEP})
    Integer samples;

    @Option(names = "--patterns", paramLabel = "LIST", description = {"pattern specs or presets (see './longsight patterns'), "
            + "e.g. full,paper-sliding,power:window=5,sink=1 (a comma followed by key=value continues a spec; ';' also separates)", DEFAULT_SWEEP})
    List<String> patterns;

    @Option(names = "--seed", description = {"seed of documents, needles and probe weights", DEFAULT_SWEEP})
    Long seed;

    @Option(names = "--layers", description = "probe layers (default: ${DEFAULT-VALUE})")
    int layers = 3;

    @Option(names = "--heads", description = "query heads (default: ${DEFAULT-VALUE})")
    int heads = 2;

    @Option(names = "--kv-heads", description = "KV heads, dividing --heads (default: ${DEFAULT-VALUE})")
    int kvHeads = 1;

    @Option(names = "--head-dim", description = "head dimension, 1..128; 64 and 128 are the tuned sizes (default: ${DEFAULT-VALUE})")
    int headDim = 64;

    @Option(names = "--block", defaultValue = Options.BLOCK, description = Options.BLOCK_DESCRIPTION)
    int block;

    @Option(names = "--chunk", description = "prefill chunk in tokens, a multiple of --block (default: ${DEFAULT-VALUE})")
    int chunk = 1024;

    @Option(names = "--device", description = "auto, gpu, gpu:<i>, cpu (OpenCL, e.g. PoCL) or jtp; a task's Spark-assigned GPU "
            + "takes precedence (default: ${DEFAULT-VALUE})")
    String device = "auto";

    @Option(names = "--precision", description = "prefill arithmetic: fp32, or tf32/bf16 on tensor cores (mma.sync; needs a --block "
            + "multiple of 64); results record the kernel that ran (default: ${DEFAULT-VALUE})")
    String precision = "fp32";

    @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE}; under spark-submit the submitted master wins)")
    String master = RunConfig.DEFAULT_MASTER;

    @Option(names = "--max-failures", description = "attempts per task before a throwing unit is recorded as failed (default: ${DEFAULT-VALUE})")
    int maxFailures = 4;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig config = toConfig();
        System.out.println("LongSight run");
        config.describe().forEach(System.out::println);
        try {
            SweepJob.run(config, System.out, "./longsight run " + String.join(" ", spec.commandLine().getParseResult().originalArgs())); // failed units are recorded and counted, not an error of the run
        } catch (UncheckedIOException e) { // the output failed mid-run; the message says whether a rerun resumes
            System.err.println("run: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    RunConfig toConfig() {
        SweepSpec d = Workloads.defaultSweep();
        return new RunConfig(input == null ? RunConfig.DEFAULT_INPUT : input, InputFormat.parse(format), textField,
                BadLines.parse(badLines), BadFiles.parse(badFiles), input == null, output, overwrite,
                tasks == null ? d.tasks() : Values.names(tasks),
                lengths == null ? d.lengths() : Values.lengths("--lengths", lengths),
                depths == null ? d.depths() : Values.doubles("--depths", "needle depths in [0, 1]", depths),
                samples == null ? d.samples() : samples,
                patterns == null ? d.patterns() : Values.patterns(patterns),
                seed == null ? d.seed() : seed,
                layers, heads, kvHeads, headDim, block, chunk, device, Values.precision(precision), master, maxFailures);
    }
}
