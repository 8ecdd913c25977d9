package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.cli.LongSight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `longsight run` with a bad value: exit code 2 and one line naming the option, before any Spark work. */
class RunCommandLineTest {
    @TempDir Path dir;

    /** Runs {@code longsight run args}; returns exit code, stderr and stdout. */
    static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err, oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            String[] all = new String[args.length + 1];
            all[0] = "run";
            System.arraycopy(args, 0, all, 1, args.length);
            rc = LongSight.execute(all);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        return new String[] {String.valueOf(rc), err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8)};
    }

    /** A bad input or output: exit 2, one line naming it, no Spark session started, the output as it was. */
    private static void refusedBeforeSpark(String[] got, String expectedStart) {
        assertEquals("2", got[0], got[1] + got[2]);
        String err = got[1].lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d (WARN|INFO) .*")).map(l -> l + "\n")
                .reduce("", String::concat); // Spark's and Hadoop's log lines are not the command's output
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith(expectedStart), err);
        assertFalse(got[2].contains("spark: master"), got[2]);
    }

    @Test
    void badInputsAndOutputsFailBeforeSparkStartsAndWriteNothing() throws IOException {
        String corpus = Path.of("..", "sample-data", "corpus").toString();
        String out = dir.resolve("out").toString();
        String nope = dir.resolve("nope").toString();
        refusedBeforeSpark(run("--device", "jtp", "--input", nope, "--output", out), "run: input '" + nope + "': no such file or directory\n");
        assertFalse(Files.exists(dir.resolve("out")));

        Path junk = Files.createDirectories(dir.resolve("junk"));
        Files.write(junk.resolve("a.bin"), new byte[] {7, 0, 7});
        refusedBeforeSpark(run("--device", "jtp", "--input", junk.toString(), "--output", out, "--bad-files", "fail"),
                "run: input 'file:" + junk + "/a.bin': binary data (NUL bytes), expected UTF-8 text (pass --bad-files skip to skip unreadable files)\n");
        refusedBeforeSpark(run("--device", "jtp", "--input", junk.toString(), "--output", out),
                "run: input '" + junk + "': no documents (1 unreadable files and 0 bad records skipped, e.g. input 'file:" + junk + "/a.bin'");
        assertFalse(Files.exists(dir.resolve("out")));

        // An unwritable output: exit 2, and no promise of a resume, since nothing could have been committed.
        String[] got = run("--device", "jtp", "--input", corpus, "--output", "/proc/longsight-out");
        refusedBeforeSpark(got, "run: output '/proc/longsight-out': cannot be created or written (");
        assertTrue(got[1].contains("); expected a writable directory\n"), got[1]);
        assertFalse(got[1].contains("resume"), got[1]);
        assertFalse(Files.exists(Path.of("/proc/longsight-out")));

        // A directory of someone else's files is refused before any work, and kept as it was; so it is when the input is bad.
        Path foreign = Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        refusedBeforeSpark(run("--device", "jtp", "--input", corpus, "--output", foreign.toString()),
                "run: output '" + foreign + "': directory exists and is not a LongSight output (holds notes.txt); choose a new directory, "
                        + "or pass --overwrite (deletes only LongSight's own files)\n");
        refusedBeforeSpark(run("--device", "jtp", "--input", nope, "--output", foreign.toString(), "--overwrite"),
                "run: input '" + nope + "': no such file or directory\n");
        try (Stream<Path> files = Files.list(foreign)) {
            assertEquals(List.of(foreign.resolve("notes.txt")), files.toList());
        }
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
    }

    @Test
    void badValuesExitWithCodeTwoAndOneLine() {
        String[][] cases = {
                {"run: option '--kv-heads': expected a divisor of --heads (4), got 3\n", "--heads", "4", "--kv-heads", "3"},
                {"run: option '--chunk': expected a multiple of --block (64), got 100\n", "--chunk", "100"},
                {"run: option '--lengths': expected token counts such as 4096 or 8K, got 'lots'\n", "--lengths", "1024,lots"},
                {"run: option '--depths': expected needle depths in [0, 1], got 2.0\n", "--depths", "2"},
                {"run: option '--bad-lines': expected skip or fail, got 'maybe'\n", "--bad-lines", "maybe"},
                {"run: option '--bad-files': expected skip or fail, got 'never'\n", "--bad-files", "never"},
                {"run: option '--precision': precision 'fp16' is not one of fp32, tf32, bf16\n", "--precision", "fp16"},
                {"run: option '--block': expected a multiple of 64 with --precision bf16 (the tensor-core kernel's query tile), got 32\n",
                        "--precision", "bf16", "--block", "32", "--chunk", "256"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length - 1];
            System.arraycopy(c, 1, args, 0, args.length);
            String[] got = run(args);
            assertEquals("2", got[0], got[1]);
            assertEquals(c[0], got[1]);
        }
    }

    @Test
    void unknownPatternsAndDevicesAreNamed() {
        String[] got = run("--patterns", "full,power:window=5,sink=1,powr");
        assertEquals("2", got[0]);
        assertTrue(got[1].startsWith("run: option '--patterns': unknown pattern 'powr' in spec 'powr' (expected one of full,"), got[1]);
        assertEquals(1, got[1].lines().count());
        got = run("--device", "tpu:0");
        assertEquals("2", got[0]);
        assertEquals("run: option '--device': device 'tpu:0' is not one of auto, gpu, gpu:<index>, cpu, jtp\n", got[1]);
    }
}
