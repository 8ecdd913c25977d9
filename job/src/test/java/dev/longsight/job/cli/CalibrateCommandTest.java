package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.workload.SweepSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code longsight calibrate}: options into a sweep and a shape (the run itself is {@code CalibrateTest}'s). */
class CalibrateCommandTest {
    @Test
    void optionsMeanWhatTheyMeanInRun() {
        CalibrateCommand c = new CalibrateCommand();
        new CommandLine(c).parseArgs("--tasks", "passkey", "--lengths", "8K,1M", "--depths", "0,0.5", "--patterns", "full,sliding:window=2,sink=1",
                "--layers", "2", "--block", "128", "--chunk", "256", "--precision", "bf16");
        SweepSpec sweep = c.sweep();
        assertEquals(List.of(8192, 1048576), sweep.lengths());
        assertEquals(List.of("full", "sliding:window=2,sink=1"), sweep.patterns());
        assertEquals(List.of(0.0, 0.5), sweep.depths());
        assertEquals(128, c.shape().blockSize());
        assertEquals(2, c.shape().layers());
    }

    @Test
    void defaultsAreTheCalibrationSweep() {
        CalibrateCommand c = new CalibrateCommand();
        new CommandLine(c).parseArgs();
        assertEquals(List.of(1024, 2048, 4096, 8192), c.sweep().lengths());
        assertEquals(5, c.sweep().tasks().size());
        assertEquals(64, c.shape().blockSize());
        assertEquals(1024, c.shape().chunkSize());
    }

    @Test
    void badInputIsOneLineNamingTheOption() {
        assertError("calibrate: option '--lengths': expected token counts such as 4096 or 8K, got '8Q'", "--lengths", "8Q");
        assertError("calibrate: option '--chunk': expected a multiple of --block (64), got 100", "--chunk", "100");
        assertError("calibrate: option '--kv-heads': expected a divisor of --heads (2), got 3", "--kv-heads", "3");
        assertError("calibrate: option '--device':", "--device", "tpu");
        assertError("calibrate: option '--block': expected a multiple of 64 with --precision bf16", "--block", "32", "--chunk", "64", "--precision", "bf16");
        assertError("did you mean --layers?", "--layer", "2");
    }

    private static void assertError(String expected, String... options) {
        Cli.Run run = Cli.run("calibrate", options);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().lines().findFirst().orElse("").contains(expected), run.err());
    }
}
