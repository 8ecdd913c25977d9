package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import dev.longsight.job.workload.Document;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path: the shaded application jar (Spark provided) launched through Spark's own submit
 * entry point, org.apache.spark.deploy.SparkSubmit, with --master local[2], in a JVM whose
 * classpath holds Spark only, with cluster-configs/local/spark-defaults.conf. Runs in the verify phase, after package has built the jar.
 */
class SparkSubmitIT {
    @TempDir Path dir;

    @Test
    void shadedJarRunsUnderSparkSubmit() throws Exception {
        Path jar = Path.of(System.getProperty("longsight.appJar"));
        assertTrue(Files.isRegularFile(jar), "no application jar at " + jar + " (run mvn package first)");
        List<Document> docs = JobFixtures.corpus(dir.resolve("corpus"));
        ConfigBuilder b = new ConfigBuilder();
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.lengths = List.of(256);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) cmd.add(a);
        }
        cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("longsight.log4j"));
        cmd.addAll(List.of("-cp", sparkOnlyClasspath(), "org.apache.spark.deploy.SparkSubmit",
                "--properties-file", Path.of("..", "cluster-configs", "local", "spark-defaults.conf").toString(),
                "--master", "local[2]", "--class", "dev.longsight.job.cli.LongSight", jar.toString(), "run"));
        cmd.addAll(b.args());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(log);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        int units = JobFixtures.unitIds(b, docs).size();
        assertTrue(log.contains("spark: master local[2], 2 task slots, 1 attempt(s) per task, serializer org.apache.spark.serializer.KryoSerializer "
                + "(registration required: true)"), log);
        assertTrue(log.contains(units + " units (" + units + " computed now, 0 resumed), 0 units failed"), log);
        for (String f : List.of("results.parquet/_SUCCESS", "summary.csv", "summary.json", "report.html")) {
            assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
        }
    }

    /** Spark and its dependencies as the build resolved them, without our modules and what the jar shades in. */
    private static String sparkOnlyClasspath() throws Exception {
        String cp = Files.readString(Path.of(System.getProperty("longsight.localClasspath"))).trim();
        return String.join(java.io.File.pathSeparator, Arrays.stream(cp.split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("longsight") && !e.contains("aparapi") && !e.contains("picocli")).toList());
    }
}
