package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code longsight bench} end to end on the Java thread pool at a tiny size (the CI smoke test). */
class BenchCommandTest {
    @Test
    void printsCsvRowsAndChecks() {
        String[] run = capture("bench", "--device", "jtp", "--patterns", "full,paper-sliding", "--lengths", "96",
                "--heads", "2", "--kv-heads", "2", "--head-dim", "32", "--block", "16", "--warmup", "0", "--repeats", "1",
                "--e2e-repeats", "1", "--check");
        assertEquals("0", run[0], run[2]);
        String[] lines = run[1].split("\n");
        assertEquals("impl,dtype,pattern,n,heads,d,block,ms,pairs,tflops,e2e_ms,speedup_vs_full,ideal_speedup,check_max_err,launch_ms,ms_from", lines[0]);
        assertEquals(3, lines.length, run[1]);
        assertTrue(lines[1].startsWith("longsight-aparapi-naive,float32,full,96,2,32,16,"), lines[1]);
        assertTrue(lines[2].startsWith("longsight-aparapi-naive,float32,paper-sliding,96,2,32,16,"), lines[2]);
    }

    @Test
    void badOptionIsOneLineAndExitTwo() {
        String[] run = capture("bench", "--device", "jtp", "--lengths", "0");
        assertEquals("2", run[0]);
        assertEquals("bench: option '--lengths': expected an integer >= 1, got 0", run[2].strip());
    }

    /** {exit code, stdout, stderr}. */
    private static String[] capture(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int rc = LongSight.execute(args);
            return new String[] {String.valueOf(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
