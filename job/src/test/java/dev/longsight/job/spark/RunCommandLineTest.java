package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longsight.job.cli.LongSight;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `longsight run` with a bad value: exit code 2 and one line naming the option, before any Spark work. */
class RunCommandLineTest {
    static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            String[] all = new String[args.length + 1];
            all[0] = "run";
            System.arraycopy(args, 0, all, 1, args.length);
            rc = LongSight.execute(all);
        } finally {
            System.setErr(old);
        }
        return new String[] {String.valueOf(rc), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badValuesExitWithCodeTwoAndOneLine() {
        String[][] cases = {
                {"run: option '--kv-heads': expected a divisor of --heads (4), got 3\n", "--heads", "4", "--kv-heads", "3"},
                {"run: option '--chunk': expected a multiple of --block (64), got 100\n", "--chunk", "100"},
                {"run: option '--lengths': expected token counts such as 4096 or 8K, got 'lots'\n", "--lengths", "1024,lots"},
                {"run: option '--depths': expected needle depths in [0, 1], got 2.0\n", "--depths", "2"},
                {"run: option '--bad-lines': expected skip or fail, got 'maybe'\n", "--bad-lines", "maybe"},
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
        org.junit.jupiter.api.Assertions.assertTrue(got[1].startsWith("run: option '--patterns': unknown pattern 'powr' in spec 'powr' (expected one of full,"), got[1]);
        assertEquals(1, got[1].lines().count());
        got = run("--device", "tpu:0");
        assertEquals("2", got[0]);
        assertEquals("run: option '--device': device 'tpu:0' is not one of auto, gpu, gpu:<index>, cpu, jtp\n", got[1]);
    }
}
