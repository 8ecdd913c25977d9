package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.workload.Document;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input from and output to a real in-process HDFS (hadoop-client-minicluster, the Hadoop line Spark ships with). */
class HdfsRunTest {
    @TempDir Path dir;

    @Test
    void readsJsonLinesFromHdfsSkippingABadLineAndWritesEveryOutputThere() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            FileSystem fs = cluster.getFileSystem();
            String root = fs.getUri().toString();
            List<Document> docs = JobFixtures.corpus(dir.resolve("local"));
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/corpus/docs.jsonl"))) {
                for (Document d : docs) {
                    out.write(("{\"id\":\"" + d.id() + "\",\"body\":\"" + d.text().replace("\n", "\\n") + "\"}\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write("{\"id\":\"broken\", body\n".getBytes(StandardCharsets.UTF_8)); // skipped and counted (--bad-lines skip)
            }
            try (OutputStream out = new java.util.zip.GZIPOutputStream(
                    fs.create(new org.apache.hadoop.fs.Path("/corpus/more.jsonl.gz")))) { // read back through Hadoop's codec
                out.write(("{\"body\":\"" + docs.get(0).text().replace("\n", "\\n") + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/corpus/blob.bin"))) {
                out.write(new byte[] {1, 0, 2}); // skipped and counted (--bad-files skip)
            }
            ConfigBuilder b = new ConfigBuilder();
            b.input = root + "/corpus";
            b.output = root + "/results/run1";
            b.format = InputFormat.AUTO;
            b.jsonField = "body";
            b.lengths = List.of(256);
            b.badLines = BadInput.SKIP;
            RunOutcome o = JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));
            assertEquals(JobFixtures.unitIds(b, docs).size(), o.units());
            for (String f : List.of("results.parquet/_SUCCESS", "summary.csv", "summary.json", "report.html", "_longsight/run.json",
                    "_longsight/batches/batch-00000.jsonl")) {
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/results/run1/" + f)), f);
            }
            try (var in = fs.open(new org.apache.hadoop.fs.Path("/results/run1/summary.json"))) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(json.contains("\"skipped_input_records\" : 1,\n  \"skipped_input_files\" : 1"), json);
            }
            assertEquals(List.of(root + "/results/run1/results.parquet", root + "/results/run1/summary.csv",
                    root + "/results/run1/summary.json", root + "/results/run1/report.html"), o.files());
            SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
            try {
                assertEquals(o.units(), s.read().parquet(root + "/results/run1/results.parquet").count());
                assertEquals(0, s.read().parquet(root + "/results/run1/results.parquet")
                        .filter("document not rlike '^(docs\\.jsonl|more\\.jsonl\\.gz):[0-9]+$'").count());
            } finally {
                s.stop();
            }
        } finally {
            cluster.shutdown();
        }
    }
}
