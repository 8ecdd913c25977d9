package dev.longsight.job.spark;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Redaction;
import dev.longsight.job.config.Rules;
import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.model.HadoopModelFiles;
import dev.longsight.job.model.ModelSource;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.ModelTokenizer;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.input.DocumentReader;
import dev.longsight.job.input.DocumentSet;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.output.ExecutorTime;
import dev.longsight.job.output.OutputStore;
import dev.longsight.job.output.WallSplit;
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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The driver: read documents, expand the sweep into units, open the output (all before the session
 * starts, so bad input fails at once), build the session, skip the units already committed in the
 * output, run the rest as one Spark job whose tasks are committed as they end (each commit atomic), then
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
        ModelSource source = config.model() == null ? null : Rules.checkpoint(Origin.OPTIONS, config.model(), config.chatTemplate(),
                DeviceSpec.parse(config.device()).wantsOpenCL(), hadoop);
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
                int vocab;
                try (Checkpoint ckpt = Checkpoint.open(files)) {
                    vocab = ckpt.config().vocabSize();
                }
                Workloads.checkVocabulary(units, vocab, files.describe(Checkpoint.TOKENIZER), files.describe(Checkpoint.CONFIG));
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
            int resumed = done.size();
            int computed = runPending(jsc, store, units, done, run, maxAttempts, out, hooks);
            List<UnitResult> computedNow = List.copyOf(done.subList(resumed, done.size()));

            done.sort(Comparator.comparing(UnitResult::unitId));
            Summary summary = Summary.of(done, config.patterns());
            Written w = writeOutputs(spark, store, run, summary, done, computedNow, docs, commandLine, t0);
            List<String> files = w.files();
            out.println();
            out.print(SummaryFormats.console(summary));
            out.print(SummaryFormats.time(WallSplit.of(computedNow), w.executorTime()));
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

    /**
     * Runs the units not yet in {@code done} as one Spark job of many tasks, and commits each task's
     * results as they arrive (the tasks that finished since the last commit form one batch, each
     * task whole); returns how many ran. One job instead of one per batch: no barrier between
     * batches where executors wait for the slowest task, and a job's start-up paid once. A crash
     * loses only the tasks in flight; a failed job still commits every task that finished.
     */
    private static int runPending(JavaSparkContext jsc, OutputStore store, List<WorkUnit> units, List<UnitResult> done,
                                  Run run, int maxAttempts, PrintStream out, RunHooks hooks) {
        Set<String> doneIds = new HashSet<>();
        done.forEach(r -> doneIds.add(r.unitId()));
        List<WorkUnit> pending = units.stream().filter(u -> !doneIds.contains(u.unitId())).toList();
        List<WorkUnit> ordered = Sharding.longestFirst(pending);
        int tasks = Sharding.tasks(pending.size(), jsc.defaultParallelism());
        out.println("units: " + units.size() + " in the sweep" + (done.isEmpty() ? "" : ", " + done.size() + " already committed (resuming)")
                + ", " + pending.size() + " to run" + (tasks == 0 ? "" : " as one Spark job of " + tasks + " task(s), each committed when it ends"));
        if (tasks == 0) return 0;
        Progress progress = Progress.console(pending.size(), tokens(pending), out);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "longsight-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(progress::tick, 250, 250, TimeUnit.MILLISECONDS); // elapsed and ETA move between tasks
        BlockingQueue<TaskOutput> finished = new LinkedBlockingQueue<>();
        ModelShape shape = run.config().shape();
        ModelSource source = run.source();
        JavaRDD<UnitResult[]> perTask = jsc.parallelize(ordered, tasks)
                .mapPartitions(it -> List.<UnitResult[]>of(toArray(runPartition(it, shape, source, hooks, maxAttempts))).iterator());
        SimpleFutureAction<BoxedUnit> job = jsc.sc().submitJob(perTask.rdd(), new OnlyElement(), allPartitions(tasks),
                (i, r) -> {
                    finished.add(new TaskOutput((Integer) i, r));
                    return BoxedUnit.UNIT;
                }, () -> BoxedUnit.UNIT);
        int computed = 0, commits = 0, received = 0;
        long computedTokens = 0;
        Set<String> seen = new HashSet<>();
        try {
            while (received < tasks) {
                TaskOutput first = finished.poll(250, TimeUnit.MILLISECONDS);
                if (first == null && job.isCompleted() && finished.isEmpty()) break; // failed: what finished is committed
                if (first == null) continue;
                List<TaskOutput> ready = new ArrayList<>(List.of(first));
                finished.drainTo(ready);
                List<UnitResult> results = new ArrayList<>();
                long batchTokens = 0;
                for (TaskOutput t : ready) {
                    List<WorkUnit> expected = Sharding.slice(ordered, tasks, t.partition());
                    requireExactlyOnce(expected, Arrays.asList(t.results()), seen);
                    results.addAll(Arrays.asList(t.results()));
                    batchTokens += tokens(expected);
                }
                received += ready.size();
                store.commitBatch(results);
                done.addAll(results);
                computed += results.size();
                computedTokens += batchTokens;
                hooks.afterCommit(++commits);
                progress.update(computed, computedTokens);
            }
            awaitJob(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the sweep ran (" + computed + " units committed)", e);
        } finally {
            if (!job.isCompleted()) job.cancel();
            ticker.shutdownNow();
            progress.finish();
        }
        return computed;
    }

    /** One task's results, as the driver receives them. */
    private record TaskOutput(int partition, UnitResult[] results) {}

    /** Each task's partition holds one element: the array of its results. */
    private static final class OnlyElement extends AbstractFunction1<scala.collection.Iterator<UnitResult[]>, UnitResult[]>
            implements Serializable {
        @Override
        public UnitResult[] apply(scala.collection.Iterator<UnitResult[]> it) { return it.hasNext() ? it.next() : new UnitResult[0]; }
    }

    private static UnitResult[] toArray(Iterator<UnitResult> it) {
        List<UnitResult> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l.toArray(UnitResult[]::new);
    }

    private static scala.collection.immutable.Seq<Object> allPartitions(int n) {
        List<Object> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(i);
        return scala.jdk.javaapi.CollectionConverters.asScala(ids).toList();
    }

    /** Waits for the job's end; a failed job's exception, as collect() would have thrown it. */
    private static void awaitJob(SimpleFutureAction<BoxedUnit> job) throws InterruptedException {
        while (!job.isCompleted()) Thread.sleep(20);
        scala.util.Try<BoxedUnit> result = job.value().get();
        if (result.isFailure()) {
            Throwable t = result.failed().get();
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error err) throw err;
            throw new IllegalStateException(t.getMessage(), t);
        }
    }

    private static long tokens(List<WorkUnit> units) { return units.stream().mapToLong(WorkUnit::length).sum(); }

    /** Runs on an executor: binds the task's device, then runs its units without Spark types (the model, if any, travels as its URI). */
    static Iterator<UnitResult> runPartition(Iterator<WorkUnit> units, ModelShape shape, ModelSource source, RunHooks hooks, int maxAttempts) {
        return UnitTasks.run(units, TaskBinding.place(shape, maxAttempts), new UnitTasks.ModelPlace(source, TaskBinding::hadoop), hooks).iterator();
    }

    /** A task returned exactly its units, none seen in another task. */
    private static void requireExactlyOnce(List<WorkUnit> task, List<UnitResult> results, Set<String> seen) {
        Set<String> expected = new HashSet<>();
        task.forEach(u -> expected.add(u.unitId()));
        Set<String> got = new HashSet<>();
        for (UnitResult r : results) {
            if (!expected.contains(r.unitId()) || !got.add(r.unitId()) || !seen.add(r.unitId())) {
                throw new IllegalStateException("task returned unit " + r.unitId() + (expected.contains(r.unitId()) ? " twice" : " that it did not contain"));
            }
        }
        if (got.size() != expected.size()) throw new IllegalStateException("task returned " + got.size() + " of " + expected.size() + " units");
    }

    /** The outputs written, and the per-executor time accounting the report shows. */
    private record Written(List<String> files, List<ExecutorTime> executorTime) {}

    /**
     * Writes results.parquet, the summaries and the report; the report's per-executor accounting
     * takes the run's wall time up to the report, over the units {@code computedNow}.
     */
    private static Written writeOutputs(SparkSession spark, OutputStore store, Run run, Summary summary, List<UnitResult> results,
                                        List<UnitResult> computedNow, DocumentSet docs, String commandLine, long t0) {
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
        List<ExecutorTime> time = ExecutorTime.of(computedNow, (System.nanoTime() - t0) / 1e6);
        store.writeText("report.html", HtmlReport.render(new ReportInput("LongSight report", commandLine,
                RunInfo.current(spark.sparkContext().master()), settings, results, List.of(), time)));
        return new Written(List.of(store.location("results.parquet"), store.location("summary.csv"), store.location("summary.json"),
                store.location("report.html")), time);
    }
}
