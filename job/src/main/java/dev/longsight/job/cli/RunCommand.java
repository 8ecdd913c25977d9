package dev.longsight.job.cli;

import dev.longsight.job.config.AllowedFailures;
import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.config.Redaction;
import dev.longsight.job.config.SparkSettings;
import dev.longsight.job.config.ProbeShapeDefaults;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.report.CommandLineText;
import dev.longsight.job.spark.DryRun;
import dev.longsight.job.spark.ExecutorDevices;
import dev.longsight.job.spark.RunOutcome;
import dev.longsight.job.spark.SweepJob;
import dev.longsight.job.workload.Workloads;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code longsight run}: parses the options into a {@link RunConfig} and runs the sweep as a Spark job. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = RunCommand.SampleSweep.class,
        description = {"Run the retrieval sweep as a Spark job: documents x tasks x lengths x depths x samples x patterns.",
                "With no options: the sample sweep (sample-data/sweep.properties) on sample-data/, local[*], the best device, "
                        + "results in ./out/. A task's Spark-assigned GPU takes precedence over --device."},
        footer = {"", "Example: ./longsight run --patterns full,paper-sliding,paper-power --lengths 4K,8K --output hdfs://nn/ls/run1"})
final class RunCommand implements Callable<Integer> {
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

    @Mixin
    SweepOptions sweep;

    @Mixin
    ShapeOptions shape;

    @Option(names = "--model", paramLabel = "URI", description = "score the units with a real model: a Hugging Face Llama-family "
            + "checkpoint directory on any Hadoop filesystem (config.json; model.safetensors or shards with model.safetensors.index.json; "
            + "tokenizer.json), instead of the probe. Prompts in RULER's wording, lengths counted in the model's tokens; a unit is "
            + "correct when the argmax at every token of the gold answer is that token (teacher forcing). Logits are computed by the "
            + "plain-Java reference forward (double precision, one thread per task) whatever --device says, and results record it. "
            + "E.g. --model hdfs://nn/models/TinyLlama-1.1B --tasks passkey --lengths 2K")
    String model;

    @Option(names = "--chat-template", description = "with --model: wrap each prompt in the checkpoint's chat template "
            + "(tokenizer_config.json 'chat_template'), for instruction-tuned models. Templates are recognised, not interpreted: "
            + ChatTemplate.KNOWN + "; any other is refused")
    boolean chatTemplate;

    @Option(names = "--with-probe", description = "with --model: score every cell with the probe as well, so the report shows the "
            + "model's accuracy beside the probe's and the receptive field's")
    boolean withProbe;

    @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE}; under spark-submit the submitted master wins)")
    String master = RunConfig.DEFAULT_MASTER;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, as spark-submit's --conf "
            + "(e.g. spark.hadoop.fs.s3a.endpoint=http://s3.local:9000); repeatable; values of settings named like credentials "
            + "are hidden wherever the run echoes them")
    List<String> conf = new ArrayList<>();

    @Option(names = "--max-failures", description = "attempts per task before a throwing unit is recorded as failed (default: ${DEFAULT-VALUE})")
    int maxFailures = 4;

    @Option(names = "--allow-failed", paramLabel = "N|P%", description = "failed units the run may have and still exit 0: a count "
            + "(e.g. 2) or a share of the units (e.g. 5%%); beyond it the run exits 3 (default: ${DEFAULT-VALUE}, none allowed)")
    String allowFailed = "0";

    @Option(names = "--dry-run", description = "print the units and batches and a time estimate from one small unit timed on "
            + "the device, then stop: no Spark job, nothing read or written")
    boolean dryRun;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig config = toConfig();
        System.out.println(dryRun ? "LongSight run (dry run: nothing is run or written)" : "LongSight run");
        config.describe().forEach(System.out::println);
        if (dryRun) {
            DryRun.print(config, System.out);
            return 0;
        }
        RunOutcome outcome;
        try {
            outcome = SweepJob.run(config, System.out, typed());
        } catch (UncheckedIOException e) { // the output failed mid-run; the message says whether a rerun resumes
            System.err.println("run: " + e.getMessage());
            return 1;
        }
        return exitStatus(outcome, config.allowFailed());
    }

    /** 0, or 3 when more units failed than allowed: results are written either way, the status tells an orchestrator. */
    static int exitStatus(RunOutcome outcome, AllowedFailures allowed) {
        return allowed.allows(outcome.failedUnits(), outcome.units()) ? 0 : FAILED_UNITS;
    }

    static final int FAILED_UNITS = 3;

    /** The command as typed, credentials hidden, for the report; originalArgs already begins with "run", and ./longsight passes its own name. */
    String typed() {
        return CommandLineText.of(System.getProperty("longsight.launcher", "longsight"), Redaction.args(spec.commandLine().getParseResult().originalArgs()));
    }

    /**
     * The config; where shape options are left unset and the executors run on GPUs, the probe takes a
     * model-like shape there ({@link ProbeShapeDefaults}), and the config says so.
     */
    RunConfig toConfig() {
        RunConfig asGiven = optionsConfig();
        ProbeShapeDefaults.Given given = new ProbeShapeDefaults.Given(given("--heads", shape.heads), given("--kv-heads", shape.kvHeads),
                given("--head-dim", shape.headDim), given("--block", shape.block.size), given("--chunk", shape.chunk),
                given("--precision", 0) == null ? null : shape.kernel.precision());
        boolean allGiven = given.heads() != null && given.kvHeads() != null && given.headDim() != null && given.block() != null
                && given.chunk() != null && given.precision() != null;
        return allGiven || !ExecutorDevices.gpu(asGiven) ? asGiven : asGiven.withShape(ProbeShapeDefaults.choose(true, given));
    }

    private Integer given(String option, int value) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option) ? value : null;
    }

    private RunConfig optionsConfig() {
        return new RunConfig(input == null ? RunConfig.DEFAULT_INPUT : input, InputFormat.parse(format), textField,
                BadInput.parse("--bad-lines", badLines), BadInput.parse("--bad-files", badFiles), input == null, output, overwrite,
                sweep.taskNames(), sweep.lengthValues(), sweep.depthValues(), sweep.samples, sweep.patternSpecs(), sweep.seed,
                shape.layers, shape.heads, shape.kvHeads, shape.headDim, shape.block.size, shape.chunk, shape.kernel.device,
                shape.kernel.precision(), master, maxFailures, AllowedFailures.parse(allowFailed), SparkSettings.parse(conf),
                model, chatTemplate, withProbe);
    }

    static final class SampleSweep extends SweepOptions.Defaults {
        SampleSweep() { super(Workloads.defaultSweep()); }
    }
}
