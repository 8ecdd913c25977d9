package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.job.config.AllowedFailures;
import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.output.Columns;
import dev.longsight.job.workload.Document;
import dev.longsight.kernels.attention.Precision;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real job on local[2], end to end: outputs, Kryo with registration required, faults, config refusal. */
class SweepJobTest {
    @TempDir Path dir;

    private ConfigBuilder tiny(List<Document> docs) {
        ConfigBuilder b = new ConfigBuilder();
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        return b;
    }

    private static Dataset<Row> readResults(SparkSession s, Path out) { return s.read().parquet(out.resolve("results.parquet").toString()); }

    private static SparkSession reader() {
        return SparkSession.builder().master("local[1]").appName("results-reader").config("spark.ui.enabled", "false").getOrCreate();
    }

    @Test
    void endToEndRunWritesEveryOutputWithKryoRegistrationRequired() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        // Inputs as they come: a compressed document is read, a stray binary file is skipped, named and counted.
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("corpus/doc4.txt.gz")))) {
            gz.write(docs.get(0).text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("corpus/cover.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 0x10});
        ConfigBuilder b = tiny(docs);
        b.device = "auto"; // the best device here: PoCL in CI
        JobFixtures.Console console = new JobFixtures.Console();
        int runnersBefore = RunnerPool.built();
        RunOutcome o = JobFixtures.capture(console, out -> SweepJob.run(b.build(), out, "./longsight run --lengths 256"));
        // Kernels are built once per task slot (2) and reused across the tasks of all batches.
        assertTrue(RunnerPool.built() - runnersBefore <= 2, "runners built: " + (RunnerPool.built() - runnersBefore));
        int expected = JobFixtures.unitIds(b, docs).size();
        assertEquals(8, expected);
        assertEquals(new RunOutcome(expected, expected, 0, 0, o.files()), o);
        String text = console.text();
        assertTrue(text.contains("serializer org.apache.spark.serializer.KryoSerializer (registration required: true)"), text);
        assertTrue(text.contains("progress: 8/8 units (100%)"), text);
        assertTrue(text.contains("pattern      length  units  failed  accuracy"), text);
        assertTrue(text.contains("\ndevice: OpenCL") || text.contains("\ndevice: JTP"), text);
        assertTrue(text.contains("outputs:\n  file:" + dir.resolve("out/results.parquet")), text);
        assertTrue(text.contains("documents: 4 from " + b.input), text);
        assertTrue(text.contains("skipped: input 'file:" + dir.resolve("corpus/cover.jpg") + "': binary data (NUL bytes)"), text);
        assertTrue(text.contains(" 0 units failed, 1 input files skipped, in "), text);

        Path out = dir.resolve("out");
        SparkSession s = reader();
        try {
            Dataset<Row> rows = readResults(s, out);
            assertEquals(Arrays.stream(UnitResult.class.getRecordComponents()).map(Columns::of).toList(), List.of(rows.columns()));
            assertEquals(expected, rows.count());
            assertEquals(expected, rows.select("unit_id").distinct().count());
            assertEquals(expected, rows.filter("status = 'ok' and device like 'OpenCL%' or device like 'JTP%'").count());
            assertEquals(expected, rows.filter("precision = 'fp32' and (kernel like 'tiled%' or kernel like 'naive%')").count());
            // Every row names its document; with --input given, passkey's haystacks come from it too.
            assertEquals(expected, rows.filter("document in ('doc1.txt', 'doc2.txt', 'doc3.txt', 'doc4.txt.gz')").count());
        } finally {
            s.stop();
        }
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("scorer,pattern,length,units,failed,accuracy,accuracy_ci_low,accuracy_ci_high,rf_accuracy,score,rf_coverage,density,"
                + "blocks_per_row,attention_flops,kernel_ms,wall_ms,speedup_kernel,speedup_wall,tokens_per_s,tflops,device_kind,device,kernel",
                csv.get(0));
        assertEquals(1 + 2 * 2, csv.size()); // header + patterns x lengths
        assertTrue(csv.get(1).startsWith("probe,full,256,2,0,"), csv.get(1));
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(expected, json.get("units").asInt());
        assertEquals(4, json.get("cells").size());
        assertEquals(1, json.get("skipped_input_files").asInt());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains(">accuracy [95% CI]</th>") && html.contains(">density</th>")
                && html.contains("<td>paper-power</td>") && html.contains("<svg") && html.contains("./longsight run --lengths 256"), html);
        assertTrue(html.contains("<td>Spark master</td><td>local["), "the session's master in the metadata");
        assertFalse(html.contains("id=\"fidelity\""), "run measures no fidelity: no empty section");
    }

    @Test
    void bf16RunRecordsTheTensorCoreKernelAndGivesTheVerdictsOfFp32() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = tiny(docs);
        b.lengths = List.of(256);
        b.output = dir.resolve("fp32").toString();
        JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));
        b.precision = Precision.BF16;
        b.output = dir.resolve("bf16").toString();
        JobFixtures.Console console = new JobFixtures.Console();
        JobFixtures.capture(console, out -> SweepJob.run(b.build(), out));
        assertTrue(console.text().contains("\nkernel: mma-bf16 (Java threads, row per work-item)\n"), console.text());
        List<Row> fp32 = readRows(dir.resolve("fp32")), bf16 = readRows(dir.resolve("bf16"));
        assertEquals(JobFixtures.unitIds(b, docs).size(), bf16.size());
        int exact = 0;
        for (Row r : bf16) {
            assertEquals("ok", r.getAs("status"));
            assertEquals("bf16", r.getAs("precision"));
            assertEquals("mma-bf16 (Java threads, row per work-item)", r.getAs("kernel"));
            Row f = fp32.stream().filter(x -> x.getString(0).equals(r.getString(0))).findFirst().orElseThrow();
            assertEquals("fp32", f.getAs("precision"));
            for (String field : List.of("exact_match", "score", "rf_reachable", "rf_coverage")) {
                assertEquals(String.valueOf((Object) f.getAs(field)), String.valueOf((Object) r.getAs(field)), r.getString(0) + " " + field);
            }
            if (r.<Boolean>getAs("exact_match")) exact++;
        }
        assertTrue(exact > 0, "no unit retrieved its answer: the comparison would say nothing");
        assertTrue(Files.readAllLines(dir.resolve("bf16/summary.csv")).get(1).endsWith(",\"mma-bf16 (Java threads, row per work-item)\"")); // quoted: the name holds a comma
    }

    @Test
    void registrationIsReallyRequired() {
        SparkSession s = SparkSessions.build(ConfigBuilder.with(b -> b));
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(s.sparkContext());
            // A class no registrator lists: shipping it must fail, proving that the end-to-end run's classes are all registered.
            SparkException e = assertThrows(SparkException.class,
                    () -> jsc.parallelize(List.of(new Document("d", "t")), 1).collect());
            assertTrue(String.valueOf(e.getMessage()).contains("Class is not registered: dev.longsight.job.workload.Document"), e.getMessage());
        } finally {
            s.stop();
        }
    }

    @Test
    void transientFaultsAreRetriedAndPersistentOnesRecordedAsFailedUnits() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = tiny(docs);
        b.lengths = List.of(256);
        List<String> ids = JobFixtures.unitIds(b, docs);
        String transient1 = ids.get(0), persistent = ids.get(1);
        FaultPlan faults = new FaultPlan(Set.of(transient1), Set.of(persistent));
        b.allowFailed = AllowedFailures.parse("50%");
        JobFixtures.Console console = new JobFixtures.Console();
        RunOutcome o = JobFixtures.capture(console, out -> SweepJob.run(b.build(), out, "test", faults));
        assertEquals(1, o.failedUnits());
        // The summary line and the report say how many failed and what the run allows, so the exit status is no surprise.
        assertTrue(console.text().contains(", 1 unit failed (allowed: 50%), "), console.text());
        assertTrue(Files.readString(dir.resolve("out/report.html")).contains("1 unit failed (allowed: 50%)"));
        b.allowFailed = AllowedFailures.NONE;
        List<Row> rows = readRows(dir.resolve("out"));
        Row ok = rows.stream().filter(r -> r.getString(0).equals(transient1)).findFirst().orElseThrow();
        Row failed = rows.stream().filter(r -> r.getString(0).equals(persistent)).findFirst().orElseThrow();
        assertEquals("ok", ok.getAs("status"));
        assertEquals("failed", failed.getAs("status"));
        String reason = failed.getAs("error");
        assertTrue(reason.startsWith("threw on all 2 attempts: dev.longsight.job.spark.FaultPlan$InjectedFault: injected fault"), reason);
        assertTrue(Files.readString(dir.resolve("out/summary.json")).contains("\"failed\" : 1"));

        // Without retries (one attempt) the same transient fault fails its unit: the retry above is what healed it.
        b.maxFailures = 1;
        b.output = dir.resolve("out1").toString();
        FaultPlan once = new FaultPlan(Set.of(transient1), Set.of());
        JobFixtures.Console strict = new JobFixtures.Console();
        assertEquals(1, JobFixtures.capture(strict, out -> SweepJob.run(b.build(), out, "test", once)).failedUnits());
        assertTrue(strict.text().contains(", 1 unit failed (none allowed; over the limit), "), strict.text());
        assertTrue(Files.readString(dir.resolve("out1/report.html")).contains("1 unit failed (none allowed; over the limit): the run exits with status 3"));

        // Determinism: the units that ran in both runs (same config and seed) have identical accuracy and cost fields.
        List<Row> again = readRows(dir.resolve("out1"));
        int compared = 0;
        for (Row r : rows) {
            String id = r.getString(0);
            if (id.equals(transient1) || id.equals(persistent)) continue;
            Row s = again.stream().filter(x -> x.getString(0).equals(id)).findFirst().orElseThrow();
            for (String f : List.of("predicted", "exact_match", "score", "rf_reachable", "rf_coverage", "pairs", "flops")) {
                assertEquals(String.valueOf((Object) r.getAs(f)), String.valueOf((Object) s.getAs(f)), id + " " + f);
            }
            compared++;
        }
        assertEquals(ids.size() - 2, compared);
    }

    private static List<Row> readRows(Path out) {
        SparkSession s = reader();
        try {
            return readResults(s, out).collectAsList();
        } finally {
            s.stop();
        }
    }

    @Test
    void aDifferentConfigIntoTheSameOutputIsRefusedUnlessOverwrite() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = tiny(docs);
        b.lengths = List.of(256);
        b.patterns = List.of("full");
        RunConfig first = b.build();
        JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(first, out));
        b.seed = 99;
        String e = assertThrows(IllegalArgumentException.class,
                () -> JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out))).getMessage();
        assertEquals("output '" + b.output + "' holds results of a different configuration (fingerprint " + first.fingerprint()
                + ", this run " + b.build().fingerprint() + "); pass --overwrite to replace them, or choose another --output", e);
        b.overwrite = true;
        RunOutcome o = JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));
        assertEquals(0, o.resumed());
        assertEquals(o.units(), o.computed());

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        b.output = foreign.toString();
        b.overwrite = false;
        e = assertThrows(IllegalArgumentException.class, () -> JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out)))
                .getMessage();
        assertTrue(e.endsWith("directory exists and is not a LongSight output (holds notes.txt); choose a new directory, or pass --overwrite "
                + "(deletes only LongSight's own files)"), e);
        b.overwrite = true;
        JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("out/_longsight/.tmp")));
    }

    /** After its first commit, blocks summary.csv (a non-empty directory in its place), as a failing output filesystem would. */
    record BlockSummary(String output) implements RunHooks {
        @Override
        public void afterCommit(int committed) {
            try {
                if (committed == 1) Files.createDirectories(Path.of(output, "summary.csv", "blocked"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void anOutputThatFailsAfterACommitSaysTheCommittedUnitsAreKept() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = tiny(docs);
        b.lengths = List.of(256);
        b.patterns = List.of("full");
        String e = assertThrows(java.io.UncheckedIOException.class, () -> JobFixtures.capture(new JobFixtures.Console(),
                out -> SweepJob.run(b.build(), out, "test", new BlockSummary(b.output)))).getMessage();
        assertTrue(e.startsWith("output '" + b.output + "': cannot write summary.csv: "), e);
        assertTrue(e.endsWith("(the 2 units committed so far are kept; rerun the same command to resume)"), e);
        assertTrue(Files.exists(dir.resolve("out/_longsight/batches/batch-00000.jsonl")));
    }
}
