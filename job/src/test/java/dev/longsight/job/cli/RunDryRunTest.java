package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.spark.DryRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run --dry-run}: counts units and batches, times one unit, starts no job and writes nothing. */
class RunDryRunTest {
    @TempDir Path dir;

    private static final String[] SWEEP = {"--tasks", "passkey,niah-single", "--lengths", "256,512", "--depths", "0.5", "--samples", "2",
        "--patterns", "full,paper-power", "--layers", "1", "--heads", "1", "--kv-heads", "1", "--head-dim", "16", "--block", "64",
        "--chunk", "256", "--device", "jtp", "--master", "local[2]"};

    @Test
    void printsUnitsBatchesAndAnEstimateAndWritesNothing() {
        Path out = dir.resolve("out");
        String[] args = new String[SWEEP.length + 4];
        args[0] = "run";
        args[1] = "--dry-run";
        System.arraycopy(SWEEP, 0, args, 2, SWEEP.length);
        args[args.length - 2] = "--output";
        args[args.length - 1] = out.toString();
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out), "a dry run creates no output");
        // 2 tasks x 2 lengths x 1 depth x 2 samples x 2 patterns; Spark tasks of max(2 x 2 slots, a tenth) = 4 units
        assertTrue(r.out().contains("units: 16 (2 tasks x 2 lengths x 1 depths x 2 samples x 2 patterns) in 4 task(s) of up to 4 "
                + "on local[2] (2 task slots), one Spark job"), r.out());
        assertTrue(r.out().contains("calibration: passkey units, full attention, on JTP") && r.out().contains(" at 256 tokens"), r.out());
        assertTrue(r.out().contains("estimate: about "), r.out());
        assertFalse(r.out().contains("spark: master"), "no Spark session: " + r.out());
    }

    @Test
    void theEstimateScalesTheCalibrationUnitToEveryUnit() {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs(SWEEP);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DryRun.Estimate e = DryRun.print(cmd.toConfig(), new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals(16, e.units());
        assertEquals(256, e.calibrationLength());
        // a 256-token full unit is the calibration's own; no unit costs more than 4x it (512 tokens: 4x the pairs, 2x the tokens)
        assertTrue(e.seconds() > 0, e.toString());
        assertTrue(e.seconds() <= 16 * 4 * e.calibrationSeconds() * 1.001, e.toString());
        Matcher m = Pattern.compile("estimate: about ([0-9.]+)s").matcher(text.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), text.toString(StandardCharsets.UTF_8));
        assertEquals(e.seconds(), Double.parseDouble(m.group(1)), 0.05 + 1e-9);
    }
}
