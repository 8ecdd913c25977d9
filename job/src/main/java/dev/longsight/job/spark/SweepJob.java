package dev.longsight.job.spark;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Redaction;
import dev.longsight.job.config.Rules;
import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.model.HadoopModelFiles;
import dev.longsight.job.model.ModelSource;
import dev.longsight.kernels.model.ModelTokenizer;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.input.DocumentReader;
import dev.longsight.job.input.DocumentSet;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.output.OutputStore;
import dev.longsight.job.output.Progress;
import dev.longsight.job.output.ResultTable;
import dev.longsight.job.output.Summary;
import dev.longsight.job.output.SummaryFormats;
import dev.longsight.job.report.HtmlReport;
import dev.longsight.job.report.ReportInput;
import dev.longsight.job.report.RunInfo;
import java.util.Map;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The driver: read documents, expand the sweep into units, open the output (all before the session
 * starts, so bad input fails at once), build the session, skip the units already committed in the
 * output, run the rest batch by batch on the executors (each batch committed atomically), then
 * aggregate and write results.parquet, summary.csv, summary.json and report.html. Executor work is {@link #runPartition}, a static function whose closure holds only
 * values.
 */
public final class SweepJob {
    private SweepJob() {}

    public static RunOutcome run(RunConfig config, PrintStream out) {
        return run(config, out, "(run through the API; no command line)");
    }

    /** Runs the sweep; {@code commandLine} is what the report shows as the exact command. */
    public static RunOutcome run(RunConfig config, PrintStream out, String commandLine) {
        return run(config, out, commandLine, RunHooks.NONE);
    }

    /**
     * The same run with a test's hooks into the executors and the driver. Config, device, input and
     * output are checked before the Spark session starts, so that a bad one costs no start-up and
     * leaves the output as it was.
     */
    static RunOutcome run(RunConfig config, PrintStream out, String commandLine, RunHooks hooks) {
        long t0 = System.nanoTime();
        SparkConf sparkConf = SparkSessions.conf(config);
        Configuration hadoop = SparkSessions.hadoop(sparkConf);
        String master = sparkConf.get("spark.master");
        if (SparkSessions.isLocal(master)) {
            // Local tasks use the configured device: resolve it now for a clear error before any work.
            out.println("device: " + Devices.describe(Devices.resolve(DeviceSpec.parse(config.device()))));
        } else if (config.output().startsWith("file:") || !config.output().contains("://")) {
            out.println("warning: output '" + config.output() + "' is on the driver's local disk; results.parquet is written by "
                    + "executors, so use a shared filesystem (hdfs://, s3a://) on a cluster");
        }
        ModelSource source = config.model() == null ? null : Rules.checkpoint(Origin.OPTIONS, config.model(), config.chatTemplate(), hadoop);
        if (source != null) {
            out.println("model: " + source.label() + " from " + Redaction.uris(config.model()) + ", " + source.layers() + " layers, "
                    + source.heads() + " heads (" + source.kvHeads() + " kv), head dim " + source.headDim());
        }
        DocumentSet docs = new DocumentReader(hadoop, config.jsonField(), config.badLines(), config.badFiles()).read(config.input(), config.format());
        out.println("documents: " + docs.documents().size() + " from " + config.input()
                + (docs.skipped() > 0 ? " (" + docs.skipped() + " bad records skipped, e.g. " + docs.skippedExamples().get(0) + ")" : ""));
        for (String f : docs.skippedFileExamples()) out.println("skipped: " + f);
        if (docs.skippedFiles() > docs.skippedFileExamples().size()) {
            out.println("skipped: " + (docs.skippedFiles() - docs.skippedFileExamples().size()) + " more unreadable files");
        }
        List<WorkUnit> units = new ArrayList<>();
        if (config.runsProbe()) units.addAll(Workloads.expand(config.sweep(), docs.documents(), config.passkeyFiller()));
        if (source != null) units.addAll(modelUnits(config, docs, hadoop, out));
        String fingerprint = config.fingerprint(source == null ? null : source.hash());
        // Bad input fails above, before the output is touched.
        OutputStore store = OutputStore.open(hadoop, config.output(), fingerprint, config.describe(), config.overwrite(), out);
        SparkSession spark = SparkSessions.build(sparkConf);
        try {
            return run(spark, new Run(config, source, fingerprint), docs, units, store, out, t0, commandLine, hooks);
        } finally {
            spark.stop();
        }
    }

    /** The run's config with the model it evaluates (null: none) and the fingerprint its output carries. */
    private record Run(RunConfig config, ModelSource source, String fingerprint) {}

    /** The model's units: every cell rendered in RULER's wording and tokenized by the model's tokenizer, on the driver. */
    private static List<WorkUnit> modelUnits(RunConfig config, DocumentSet docs, Configuration hadoop, PrintStream out) {
        long t = System.nanoTime();
        try {
            HadoopModelFiles files = HadoopModelFiles.of(config.model(), hadoop);
            ChatTemplate chat = config.chatTemplate() ? ChatTemplate.of(files) : ChatTemplate.PLAIN;
            try (ModelTokenizer tok = ModelTokenizer.open(files)) {
                List<WorkUnit> units = Workloads.expandModel(config.sweep(), docs.documents(), config.passkeyFiller(), tok, chat);
                out.printf(java.util.Locale.ROOT, "prompts: %d model units rendered (%s) and tokenized in %.1f s%n", units.size(),
                        chat.kind().equals("plain") ? "plain text" : "chat template " + chat.kind(), (System.nanoTime() - t) / 1e9);
                return units;
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("option '--model': cannot read " + Redaction.uris(config.model()) + " (" + e + ")", e);
        }
    }

    private static RunOutcome run(SparkSession spark, Run run, DocumentSet docs, List<WorkUnit> units, OutputStore store,
                                  PrintStream out, long t0, String commandLine, RunHooks hooks) {
        RunConfig config = run.config();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int maxAttempts = SparkSessions.maxAttempts(spark.sparkContext().getConf());
        out.println("spark: master " + Redaction.uris(spark.sparkContext().master()) + ", " + jsc.defaultParallelism() + " task slots, " + maxAttempts
                + " attempt(s) per task, serializer " + spark.sparkContext().getConf().get("spark.serializer", "java")
                + " (registration required: " + spark.sparkContext().getConf().get("spark.kryo.registrationRequired", "false") + ")");
        List<UnitResult> done = new ArrayList<>();
        try {
            done.addAll(committed(store, units, config, out));
            int computed = runPending(jsc, store, units, done, run, maxAttempts, out, hooks);

            done.sort(Comparator.comparing(UnitResult::unitId));
            Summary summary = Summary.of(done, config.patterns());
            List<String> files = writeOutputs(spark, store, run, summary, done, docs, commandLine);
            out.println();
            out.print(SummaryFormats.console(summary));
            out.printf("%d units (%d computed now, %d resumed), %s, %d input files skipped, in %.1f s%n", units.size(), computed,
                    units.size() - computed, config.allowFailed().verdict(summary.total().failed(), units.size()), docs.skippedFiles(),
                    (System.nanoTime() - t0) / 1e9);
            if (summary.total().failed() > 0) {
                out.println("failed units are listed with their reasons in report.html and summary.json, e.g. "
                        + summary.failures().get(0).unitId() + ": " + Redaction.text(summary.failures().get(0).error()));
                if (summary.failures().stream().anyMatch(f -> SignalChainingFix.concerns(f.error()))) {
                    out.println("fix for the units refused without libjsig: " + SignalChainingFix.forMaster(spark.sparkContext().master()));
                }
            }
            out.println("outputs:");
            files.forEach(f -> out.println("  " + f));
            return new RunOutcome(units.size(), computed, units.size() - computed, summary.total().failed(), files);
        } catch (UncheckedIOException e) {
            // The output failed mid-run: a rerun resumes only if some batch made it in.
            if (done.isEmpty()) throw e;
            throw new UncheckedIOException(e.getMessage() + " (the " + done.size() + " units committed so far are kept; "
                    + "rerun the same command to resume)", e.getCause());
        }
    }

    /** The committed results of this sweep; each must be one of its units, once. */
    private static List<UnitResult> committed(OutputStore store, List<WorkUnit> units, RunConfig config, PrintStream out) {
        Set<String> ids = new HashSet<>();
        for (WorkUnit u : units) {
            if (!ids.add(u.unitId())) throw new IllegalStateException("two work units share the id " + u.unitId());
        }
        List<UnitResult> done = store.committed(out);
        Set<String> seen = new HashSet<>();
        for (UnitResult r : done) {
            if (!ids.contains(r.unitId()) || !seen.add(r.unitId())) {
                throw new IllegalArgumentException("output '" + config.output() + "' holds unit " + r.unitId() + " that this run "
                        + (seen.contains(r.unitId()) ? "committed twice" : "does not produce (did the input change?)")
                        + "; pass --overwrite to start again");
            }
        }
        return done;
    }

    /** Runs the units not yet in {@code done}, batch by batch, committing each; returns how many ran. */
    private static int runPending(JavaSparkContext jsc, OutputStore store, List<WorkUnit> units, List<UnitResult> done,
                                  Run run, int maxAttempts, PrintStream out, RunHooks hooks) {
        Set<String> doneIds = new HashSet<>();
        done.forEach(r -> doneIds.add(r.unitId()));
        List<WorkUnit> pending = units.stream().filter(u -> !doneIds.contains(u.unitId())).toList();
        List<List<WorkUnit>> batches = Sharding.batches(pending, jsc.defaultParallelism());
        out.println("units: " + units.size() + " in the sweep" + (done.isEmpty() ? "" : ", " + done.size() + " already committed (resuming)")
                + ", " + pending.size() + " to run in " + batches.size() + " batch(es)");
        Progress progress = Progress.console(pending.size(), tokens(pending), out);
        BatchProgress tasks = new BatchProgress(progress);
        jsc.sc().addSparkListener(tasks);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "longsight-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(progress::tick, 250, 250, TimeUnit.MILLISECONDS); // elapsed and ETA move between tasks
        int computed = 0;
        long computedTokens = 0;
        try {
            for (int b = 0; b < batches.size(); b++) {
                List<WorkUnit> batch = batches.get(b);
                int slices = slices(jsc, batch);
                List<WorkUnit> balanced = Sharding.balanced(batch, slices);
                tasks.start(jsc, "batch-" + b, balanced, slices, computed, computedTokens);
                List<UnitResult> results;
                try {
                    results = runBatch(jsc, balanced, slices, run.config().shape(), run.source(), hooks, maxAttempts);
                } finally {
                    tasks.end(jsc);
                }
                requireExactlyOnce(batch, results);
                store.commitBatch(results);
                done.addAll(results);
                computed += results.size();
                computedTokens += tokens(batch);
                hooks.afterCommit(b + 1);
                progress.update(computed, computedTokens);
            }
        } finally {
            ticker.shutdownNow();
            jsc.sc().removeSparkListener(tasks);
            progress.finish();
        }
        return computed;
    }

    private static long tokens(List<WorkUnit> units) { return units.stream().mapToLong(WorkUnit::length).sum(); }

    private static int slices(JavaSparkContext jsc, List<WorkUnit> batch) {
        return Math.max(1, Math.min(batch.size(), jsc.defaultParallelism()));
    }

    /** Runs {@code balanced} (already ordered by {@link Sharding#balanced}) as {@code slices} tasks. */
    private static List<UnitResult> runBatch(JavaSparkContext jsc, List<WorkUnit> balanced, int slices, ModelShape shape, ModelSource source,
                                             RunHooks hooks, int maxAttempts) {
        return jsc.parallelize(balanced, slices)
                .mapPartitions(it -> runPartition(it, shape, source, hooks, maxAttempts))
                .collect();
    }

    /** Runs on an executor: binds the task's device, then runs its units without Spark types (the model, if any, travels as its URI). */
    static Iterator<UnitResult> runPartition(Iterator<WorkUnit> units, ModelShape shape, ModelSource source, RunHooks hooks, int maxAttempts) {
        return UnitTasks.run(units, TaskBinding.place(shape, maxAttempts), new UnitTasks.ModelPlace(source, TaskBinding::hadoop), hooks).iterator();
    }

    private static void requireExactlyOnce(List<WorkUnit> batch, List<UnitResult> results) {
        Set<String> expected = new HashSet<>();
        batch.forEach(u -> expected.add(u.unitId()));
        Set<String> got = new HashSet<>();
        for (UnitResult r : results) {
            if (!expected.contains(r.unitId()) || !got.add(r.unitId())) {
                throw new IllegalStateException("batch returned unit " + r.unitId() + (got.contains(r.unitId()) ? " twice" : " that it did not contain"));
            }
        }
        if (got.size() != expected.size()) throw new IllegalStateException("batch returned " + got.size() + " of " + expected.size() + " units");
    }

    private static List<String> writeOutputs(SparkSession spark, OutputStore store, Run run, Summary summary,
                                             List<UnitResult> results, DocumentSet docs, String commandLine) {
        RunConfig config = run.config();
        String tmp = store.temporaryPath();
        spark.createDataFrame(ResultTable.toRows(results), ResultTable.schema()).coalesce(1).write().parquet(tmp);
        store.replaceWith(tmp, "results.parquet");
        store.writeText("summary.csv", SummaryFormats.csv(summary));
        store.writeText("summary.json", SummaryFormats.json(summary, run.fingerprint(), docs.skipped(), docs.skippedFiles()));
        Map<String, String> settings = config.settings();
        settings.put("fingerprint", run.fingerprint());
        if (run.source() != null) {
            java.util.TreeSet<String> computedBy = new java.util.TreeSet<>();
            results.stream().filter(r -> r.isModel() && "ok".equals(r.status())).forEach(r -> computedBy.add(r.kernel() + " on " + r.device()));
            settings.put("model", settings.get("model") + "; " + run.source().label() + ", " + run.source().layers() + " layers; logits computed by "
                    + (computedBy.isEmpty() ? "nothing (no model unit succeeded)" : String.join(" | ", computedBy)));
        }
        settings.put("failed units", config.allowFailed().verdict(summary.total().failed(), results.size())
                + (config.allowFailed().allows(summary.total().failed(), results.size()) ? "" : ": the run exits with status 3"));
        settings.put("skipped input records", docs.skipped() + (docs.skipped() > 0 ? ", e.g. " + String.join(" | ", docs.skippedExamples()) : ""));
        settings.put("skipped input files", docs.skippedFiles() + (docs.skippedFiles() > 0 ? ", e.g. " + String.join(" | ", docs.skippedFileExamples()) : ""));
        // no fidelity rows: run measures retrieval and cost; fidelity to exact attention is the fidelity command's
        store.writeText("report.html", HtmlReport.render(new ReportInput("LongSight report", commandLine,
                RunInfo.current(spark.sparkContext().master()), settings, results, List.of())));
        return List.of(store.location("results.parquet"), store.location("summary.csv"), store.location("summary.json"),
                store.location("report.html"));
    }
}
