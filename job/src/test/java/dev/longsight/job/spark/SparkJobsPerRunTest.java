package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.workload.Document;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many Spark jobs a run starts, counted by a listener the session loads (spark.extraListeners). */
class SparkJobsPerRunTest {
    @TempDir Path dir;

    /** Counts every job the driver starts; Spark builds it by name, so the count is static. */
    public static final class JobCounter extends SparkListener {
        static final AtomicInteger JOBS = new AtomicInteger();

        @Override
        public void onJobStart(SparkListenerJobStart e) { JOBS.incrementAndGet(); }
    }

    private int jobsOf(ConfigBuilder b, JobFixtures.Console console) {
        JobCounter.JOBS.set(0);
        JobFixtures.capture(console, out -> SweepJob.run(b.build(), out));
        return JobCounter.JOBS.get();
    }

    @Test
    void aSweepRunsAsOneSparkJobCommittedTaskByTaskAndAResumeRunsNone() throws IOException {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = new ConfigBuilder();
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.depths = List.of(0.0, 0.25, 0.5, 0.75, 1.0);
        b.lengths = List.of(128, 256);
        b.layers = 1;
        b.sparkConf = Map.of("spark.extraListeners", JobCounter.class.getName());
        int units = JobFixtures.unitIds(b, docs).size();
        assertEquals(20, units);

        JobFixtures.Console first = new JobFixtures.Console();
        int jobs = jobsOf(b, first);
        // One job computes every unit; the rest is results.parquet's write.
        assertEquals(1 + WRITE_JOBS, jobs, first.text());
        assertTrue(first.text().contains("20 units (20 computed now, 0 resumed)"), first.text());

        JobFixtures.Console again = new JobFixtures.Console();
        assertEquals(WRITE_JOBS, jobsOf(b, again), again.text());
        assertTrue(again.text().contains("20 units (0 computed now, 20 resumed)"), again.text());
    }

    /** Jobs Spark starts to write results.parquet (one partition). */
    static final int WRITE_JOBS = 1;
}
