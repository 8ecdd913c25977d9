package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fake s3a keys and tokens, given every way a run takes them (--conf, spark-submit's system
 * properties, a URI's user part, a mistyped option), appear in no output file and not on the console.
 */
class CredentialsNotEchoedTest {
    static final List<String> FAKES = List.of("AKIAFAKEACCESS0001", "fakeSecret/Abc+Def0002", "FakeSessionToken0003", "FakeSysPropSecret0004",
            "FakeUriSecret0005", "FakeOptionToken0006");
    @TempDir Path dir;

    private static void assertNoFake(String where, String text) {
        for (String f : FAKES) assertFalse(text.contains(f), f + " in " + where + ":\n" + text);
    }

    @Test
    void keysGivenAnyWayAppearInNoOutputAndNotOnTheConsole() throws IOException {
        ConfigBuilder b = new ConfigBuilder();
        JobFixtures.corpus(dir.resolve("corpus"));
        b.input = dir.resolve("corpus").toString();
        b.output = dir.resolve("out").toString();
        b.lengths = List.of(256);
        b.patterns = List.of("full");
        b.depths = List.of(0.5);
        List<String> args = new ArrayList<>(b.args());
        args.addAll(List.of("--conf", "spark.hadoop.fs.s3a.access.key=" + FAKES.get(0), "--conf=spark.hadoop.fs.s3a.secret.key=" + FAKES.get(1),
                "--conf", "spark.hadoop.fs.s3a.session.token=" + FAKES.get(2), "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9"));
        // spark-submit hands its --conf settings to the application as system properties.
        System.setProperty("spark.hadoop.fs.s3a.bucket.results.secret.key", FAKES.get(3));
        String[] got;
        try {
            got = RunCommandLineTest.run(args.toArray(String[]::new));
        } finally {
            System.clearProperty("spark.hadoop.fs.s3a.bucket.results.secret.key");
        }
        assertEquals("0", got[0], got[1] + got[2]);
        assertNoFake("stderr", got[1]);
        assertNoFake("stdout", got[2]);
        assertTrue(got[2].contains("spark.hadoop.fs.s3a.access.key=*****, spark.hadoop.fs.s3a.secret.key=*****, "
                + "spark.hadoop.fs.s3a.session.token=*****, spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9"), got[2]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith("report.html")) && files.stream().anyMatch(f -> f.endsWith("summary.json")), files.toString());
        for (Path f : files) assertNoFake(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        String report = Files.readString(dir.resolve("out/report.html"));
        int at = report.indexOf("<pre class=\"command\"><code>");
        String typed = report.substring(at, report.indexOf("</code>", at));
        assertTrue(typed.contains("spark.hadoop.fs.s3a.access.key=*****") && typed.contains("--conf=spark.hadoop.fs.s3a.secret.key=*****")
                && typed.contains("spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9"), "the command line as typed, keys hidden: " + typed);

        // A key in a URI's user part, and one after an option the run does not know: refused with exit 2, the key hidden.
        got = RunCommandLineTest.run("--input", "file://AKIAFAKEACCESS0001:" + FAKES.get(4) + "@localhost" + dir.resolve("corpus"),
                "--output", dir.resolve("o2").toString());
        assertEquals("2", got[0], got[1]);
        assertTrue(got[1].contains("file://*****@localhost" + dir.resolve("corpus")), got[1]);
        assertNoFake("stderr", got[1] + got[2]);
        got = RunCommandLineTest.run("--s3-session-token", FAKES.get(5));
        assertEquals("2", got[0], got[1]);
        assertTrue(got[1].startsWith("run: Unknown options: '--s3-session-token', '*****'"), got[1]);
        assertNoFake("stderr", got[1] + got[2]);
        got = RunCommandLineTest.run("--conf", "fs.s3a.secret.key=" + FAKES.get(1));
        assertEquals("2", got[0], got[1]);
        assertNoFake("stderr", got[1] + got[2]);
    }
}
