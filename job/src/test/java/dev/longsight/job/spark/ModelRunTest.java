package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.model.ModelPool;
import dev.longsight.job.model.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --model --with-probe} on local[2]: model rows beside probe rows, the model loaded once, the report's model section. */
class ModelRunTest {
    @TempDir Path dir;

    @Test
    void aModelScoresEveryCellBesideTheProbe() throws Exception {
        Path model = TinyModel.write(dir.resolve("tiny"), 1024);
        ConfigBuilder b = new ConfigBuilder();
        JobFixtures.corpus(dir.resolve("corpus")); // read, though passkey's haystack is the filler
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.lengths = List.of(256);
        b.depths = List.of(0.5);
        RunConfig base = b.build();
        RunConfig config = new RunConfig(base.input(), base.format(), base.jsonField(), base.badLines(), base.badFiles(), true, base.output(),
                false, base.tasks(), base.lengths(), base.depths(), base.samples(), base.patterns(), base.seed(), base.layers(), base.heads(),
                base.kvHeads(), base.headDim(), base.block(), base.chunk(), base.device(), base.precision(), base.master(), base.maxFailures(),
                base.allowFailed(), base.sparkConf(), model.toString(), false, true);
        int loadedBefore = ModelPool.loaded();
        JobFixtures.Console console = new JobFixtures.Console();
        RunOutcome o = JobFixtures.capture(console, out -> SweepJob.run(config, out));
        assertEquals(4, o.units()); // passkey x 256 x 0.5 x {full, paper-power} x {probe, model}
        assertEquals(0, o.failedUnits(), console.text());
        assertEquals(loadedBefore + 1, ModelPool.loaded(), "the model is loaded once per executor JVM");

        SparkSession s = SparkSession.builder().master("local[1]").appName("model-results").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = s.read().parquet(dir.resolve("out/results.parquet").toString()).where("scorer = 'model'").collectAsList();
            assertEquals(2, rows.size());
            for (Row r : rows) {
                assertEquals("tiny-random-llama", r.getAs("model"));
                assertEquals(12, ((String) r.getAs("model_hash")).length());
                assertTrue((double) r.getAs("answer_logprob") < 0);
                assertTrue((long) r.getAs("tokens") <= 256);
                assertTrue(((String) r.getAs("kernel")).startsWith("Java reference forward"), (String) r.getAs("kernel"));
                assertEquals("Java (CPU, one thread)", r.getAs("device"));
                boolean exact = r.getAs("exact_match");
                int firstWrong = r.getAs("first_wrong");
                assertEquals(exact, firstWrong == -1);
            }
        } finally {
            s.stop();
        }
        String report = Files.readString(dir.resolve("out/report.html"));
        assertTrue(report.contains("Model accuracy") && report.contains("tiny-random-llama"), "report names the model");
        assertTrue(report.contains("Java reference forward"), "report says what computed the logits");
        assertTrue(Files.readString(dir.resolve("out/summary.csv")).lines().anyMatch(l -> l.startsWith("model,full,256,")));
    }
}
