package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code longsight bench} end to end on the Java thread pool at a tiny size (the CI smoke test). */
class BenchCommandTest {
    @Test
    void printsCsvRowsAndChecks() {
        Cli.Run run = Cli.run("bench", "--device", "jtp", "--patterns", "full,paper-sliding", "--lengths", "96",
                "--heads", "2", "--kv-heads", "2", "--head-dim", "32", "--block", "16", "--warmup", "0", "--repeats", "1",
                "--e2e-repeats", "1", "--check");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("impl,dtype,pattern,n,heads,d,block,ms,pairs,tflops,e2e_ms,speedup_vs_full,ideal_speedup,check_max_err,launch_ms,ms_from", lines[0]);
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[1].startsWith("longsight-aparapi-naive,float32,full,96,2,32,16,"), lines[1]);
        assertTrue(lines[2].startsWith("longsight-aparapi-naive,float32,paper-sliding,96,2,32,16,"), lines[2]);
        assertTrue(run.err().contains("progress: 2/2 cases (100%)"), "progress with an ETA on stderr: " + run.err());
        assertTrue(run.err().contains("ETA"), run.err());
        assertTrue(!run.err().contains("defaults sized"), "every shape option was given: no note");
    }

    @Test
    void unsetShapeOptionsAreSizedToTheDeviceWithANote() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--device", "jtp");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var cfg = bench.config(new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(List.of(512, 1024, 2048), cfg.lengths());
        assertEquals(1, cfg.heads());
        assertEquals(32, cfg.headDim());
        String note = log.toString(StandardCharsets.UTF_8);
        assertEquals(1, note.strip().lines().count(), note);
        assertTrue(note.startsWith("bench: defaults sized for a CPU (JTP") && note.contains("--lengths 16K,32K,128K --heads 8"), note);
    }

    @Test
    void explicitShapeOptionsWinOverTheDevicesDefaults() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--device", "jtp", "--heads", "4", "--lengths", "300");
        var cfg = bench.config(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(List.of(300), cfg.lengths());
        assertEquals(4, cfg.heads());
        assertEquals(4, cfg.kvHeads(), "--kv-heads follows --heads");
        assertEquals(32, cfg.headDim(), "the unset head dim is still the device's");
    }

    @Test
    void badOptionIsOneLineAndExitTwo() {
        Cli.Run run = Cli.run("bench", "--device", "jtp", "--lengths", "0");
        assertEquals(2, run.code());
        assertEquals("bench: option '--lengths': expected positive token counts below 2^31, got '0'", run.err().strip());
    }

    @Test
    void badValuesNameTheOptionAsTyped() {
        assertOneLineError("bench: option '--lengths': expected token counts such as 4096 or 8K, got '16x'", "--lengths", "16x");
        assertOneLineError("bench: option '--device': device 'tpu' is not one of", "--device", "tpu");
        assertOneLineError("bench: option '--variant': kernel variant 'fast' is not one of", "--variant", "fast");
        assertOneLineError("bench: option '--precision':", "--precision", "fp8");
        assertOneLineError("unknown pattern 'bogus'", "--patterns", "full,bogus");
        assertOneLineError("bench: option '--patterns': pattern spec 'power:window=5|': '|' at position 15 has no pattern after it", "--patterns", "power:window=5|");
    }

    @Test
    void aMisspelledOptionSuggestsTheNearestOne() {
        Cli.Run run = Cli.run("bench", "--lenghts", "256");
        assertEquals(2, run.code());
        assertTrue(run.err().lines().findFirst().orElseThrow().contains("did you mean --lengths?"), run.err());
    }

    @Test
    void lengthsTakeTheSameSuffixesAsRun() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--lengths", "32K,1M,4096");
        assertEquals(List.of(32768, 1048576, 4096), bench.config(System.err).lengths());
    }

    private static void assertOneLineError(String expected, String... options) {
        Cli.Run run = Cli.run("bench", options);
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }
}
