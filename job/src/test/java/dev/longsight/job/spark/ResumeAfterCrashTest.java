package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.cli.LongSight;
import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.workload.Document;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real driver JVM part way through a run ({@link HaltingDriver} halts it right after its
 * first batch commit, as a crash would), then reruns the same configuration from the command line:
 * committed units are not recomputed, and every unit appears exactly once.
 */
class ResumeAfterCrashTest {
    @TempDir Path dir;

    @Test
    void rerunAfterAKilledDriverResumesWithoutRecomputingCommittedUnits() throws Exception {
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = new ConfigBuilder();
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.lengths = List.of(256, 512, 768);
        b.master = "local[1]"; // one task slot: batches of two units, so the crash leaves most of the run undone
        int total = JobFixtures.unitIds(b, docs).size();

        Path saved = dir.resolve("config.ser");
        HaltingDriver.save(b.build(), saved);
        Process p = driverJvm(HaltingDriver.class, saved.toString(), "1");
        String firstLog = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), firstLog);
        Path batches = dir.resolve("out/_longsight/batches");
        List<Path> committed = list(batches);
        assertEquals(1, committed.size(), committed.toString());
        assertFalse(Files.exists(dir.resolve("out/results.parquet")));
        // What a crash in the middle of a commit leaves: a temporary, never mistaken for a batch.
        Files.writeString(batches.resolve(".tmp-crashed"), "{\"fingerprint\":\"x\",\"units\":9}\n");
        Map<String, String> firstRun = batchWallTimes(committed.get(0));

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        int rc;
        try {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(b.args());
            rc = LongSight.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        String log = console.toString(StandardCharsets.UTF_8);
        System.out.print(log);
        assertEquals(0, rc, log);
        int resumed = firstRun.size();
        assertTrue(log.contains("units: " + total + " in the sweep, " + resumed + " already committed (resuming), " + (total - resumed) + " to run"), log);
        assertTrue(log.contains(total + " units (" + (total - resumed) + " computed now, " + resumed + " resumed)"), log);
        assertFalse(Files.exists(batches.resolve(".tmp-crashed")));

        SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = s.read().parquet(dir.resolve("out/results.parquet").toString()).select("unit_id", "wall_ms").collectAsList();
            assertEquals(total, rows.size());
            assertEquals(total, rows.stream().map(r -> r.getString(0)).distinct().count());
            // The committed units kept the first run's timings: they were read back, not recomputed.
            for (Row r : rows) {
                if (firstRun.containsKey(r.getString(0))) assertEquals(firstRun.get(r.getString(0)), String.valueOf(r.getDouble(1)));
            }
        } finally {
            s.stop();
        }
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith("batch-")).sorted().toList();
        }
    }

    private static Map<String, String> batchWallTimes(Path batch) throws IOException {
        Map<String, String> m = new HashMap<>();
        List<String> lines = Files.readAllLines(batch);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines.subList(1, lines.size())) {
            var n = json.readTree(line);
            m.put(n.get("unitId").asText(), String.valueOf(n.get("wallMs").asDouble()));
        }
        return m;
    }

    /** A separate driver JVM running {@code main} with this test's classpath and Spark's JVM flags. */
    static Process driverJvm(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) cmd.add(a);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
