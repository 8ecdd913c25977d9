package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input from and output to s3a:// through hadoop-aws, against a real S3 server in this JVM (S3Proxy over
 * jclouds' in-memory blob store, on 127.0.0.1, checking AWS signatures), configured as a user configures
 * S3A for an S3-compatible store: endpoint, path-style access, static keys, no TLS.
 */
class S3RunTest {
    private static final String KEY = "longsight-test-key", SECRET = "longsight-test-secret";
    @TempDir Path dir;

    @Test
    void readsTheCorpusFromABucketCommitsEveryOutputThereAndResumesFromIt() throws Exception {
        // The API object, not the name "transient": a name makes jclouds load every provider on the classpath,
        // S3Proxy's Azure one included, whose SDK is left out of the test classpath.
        // A bucket name of its own: Hadoop caches filesystems per bucket for the life of the JVM.
        String bucket = "longsight-" + Long.toHexString(System.nanoTime());
        BlobStoreContext blobs = ContextBuilder.newBuilder(new TransientApiMetadata()).credentials(KEY, SECRET).build(BlobStoreContext.class);
        BlobStore store = blobs.getBlobStore();
        store.createContainerInLocation(null, bucket);
        List<Document> docs = JobFixtures.corpus(dir.resolve("local"));
        for (Document d : docs) {
            store.putBlob(bucket, store.blobBuilder("docs/" + d.id()).payload(d.text().getBytes(StandardCharsets.UTF_8)).build());
        }
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            for (long until = System.nanoTime() + 10_000_000_000L; !"STARTED".equals(proxy.getState()); Thread.sleep(5)) {
                assertTrue(System.nanoTime() < until, "S3Proxy did not start: " + proxy.getState());
            }
            settings.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
            settings.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
            settings.put("spark.hadoop.fs.s3a.path.style.access", "true");
            settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
            settings.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            settings.put("spark.hadoop.fs.s3a.access.key", KEY);
            settings.put("spark.hadoop.fs.s3a.secret.key", SECRET);
            settings.put("spark.hadoop.fs.s3a.attempts.maximum", "1"); // a misconfiguration fails in seconds, not minutes of retries
            settings.put("spark.hadoop.fs.s3a.retry.limit", "1");
            settings.forEach(System::setProperty); // as spark-submit passes --conf: SparkConf reads spark.* system properties

            ConfigBuilder b = new ConfigBuilder();
            b.input = "s3a://" + bucket + "/docs";
            b.output = "s3a://" + bucket + "/out";
            b.lengths = List.of(256);
            b.depths = List.of(0.5);
            RunOutcome o = JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));

            assertEquals(JobFixtures.unitIds(b, docs).size(), o.units());
            assertEquals(0, o.failedUnits());
            Set<String> keys = new TreeSet<>();
            for (StorageMetadata m : store.list(bucket, ListContainerOptions.Builder.prefix("out/").recursive())) keys.add(m.getName());
            for (String f : List.of("out/results.parquet/_SUCCESS", "out/summary.csv", "out/summary.json", "out/report.html",
                    "out/_longsight/run.json", "out/_longsight/batches/batch-00000.jsonl")) {
                assertTrue(keys.contains(f), f + " in " + keys);
            }
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("out/results.parquet/part-") && k.endsWith(".parquet")), keys.toString());
            assertTrue(keys.stream().noneMatch(k -> k.contains(".tmp-")), "temporaries are renamed into place: " + keys);
            String summary = new String(store.getBlob(bucket, "out/summary.json").getPayload().openStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(summary.contains("\"units\" : " + o.units()), summary);
            assertEquals(List.of("s3a://" + bucket + "/out/results.parquet", "s3a://" + bucket + "/out/summary.csv",
                    "s3a://" + bucket + "/out/summary.json", "s3a://" + bucket + "/out/report.html"), o.files());

            // The same command again resumes from the batches committed in the bucket: nothing is recomputed.
            RunOutcome again = JobFixtures.capture(new JobFixtures.Console(), out -> SweepJob.run(b.build(), out));
            assertEquals(0, again.computed());
            assertEquals(o.units(), again.resumed());
        } finally {
            settings.keySet().forEach(System::clearProperty);
            closeCachedFileSystem(bucket, proxy.getPort());
            proxy.stop();
            blobs.close();
        }
    }

    /** Closes the bucket's S3A instance that Hadoop cached during the run, and its thread pools. */
    private static void closeCachedFileSystem(String bucket, int port) {
        Configuration conf = new Configuration();
        conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        try {
            FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
        } catch (IOException | RuntimeException e) {
            // a run that failed before S3A started left nothing to close; its own failure is the one to report
        }
    }
}
