package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.AllowedFailures;
import dev.longsight.job.spark.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run whose units failed exits 3 unless --allow-failed allows that many; bad limits are refused with exit 2. */
class ExitStatusTest {
    /** {@code longsight run args}: exit code, stderr, stdout. */
    static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream(), out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err, oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "run";
            System.arraycopy(args, 0, all, 1, args.length);
            int rc = LongSight.execute(all);
            return new String[] {String.valueOf(rc), err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    private static RunOutcome failed(int units, long failedUnits) { return new RunOutcome(units, units, 0, failedUnits, List.of()); }

    @Test
    void failedUnitsExitThreeUnlessAllowed() {
        assertEquals(0, RunCommand.exitStatus(failed(40, 0), AllowedFailures.NONE));
        assertEquals(3, RunCommand.exitStatus(failed(40, 1), AllowedFailures.NONE));
        assertEquals(0, RunCommand.exitStatus(failed(40, 2), AllowedFailures.parse("2")));
        assertEquals(3, RunCommand.exitStatus(failed(40, 3), AllowedFailures.parse("2")));
        assertEquals(0, RunCommand.exitStatus(failed(40, 2), AllowedFailures.parse("5%"))); // 2 of 40 is exactly 5%
        assertEquals(3, RunCommand.exitStatus(failed(40, 3), AllowedFailures.parse("5%")));
        assertEquals(0, RunCommand.exitStatus(failed(40, 40), AllowedFailures.parse("100%")));
        assertEquals(3, RunCommand.exitStatus(failed(40, 1), AllowedFailures.parse("0%")));
    }

    @Test
    void theVerdictNamesCountAndLimit() {
        assertEquals("0 units failed", AllowedFailures.NONE.verdict(0, 10));
        assertEquals("1 unit failed (none allowed; over the limit)", AllowedFailures.NONE.verdict(1, 10));
        assertEquals("2 units failed (allowed: 5%)", AllowedFailures.parse("5%").verdict(2, 40));
        assertEquals("3 units failed (allowed: 2.5%; over the limit)", AllowedFailures.parse("2.5%").verdict(3, 40));
        assertEquals("2 units failed (allowed: 2)", AllowedFailures.parse(" 2 ").verdict(2, 3));
        assertEquals("none", AllowedFailures.parse("0").text());
    }

    @Test
    void badLimitsAreOneLineErrorsWithExitTwo() {
        for (String bad : List.of("abc", "-1", "120%", "%", "1.5", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowedFailures.parse(bad));
            assertEquals("option '--allow-failed': expected a count of units (e.g. 2) or a share of them (e.g. 5%), got '" + bad + "'", e.getMessage());
        }
        String[] got = run("--dry-run", "--allow-failed", "12x");
        assertEquals("2", got[0], got[1]);
        assertEquals("run: option '--allow-failed': expected a count of units (e.g. 2) or a share of them (e.g. 5%), got '12x'\n", got[1]);
        assertFalse(got[2].contains("LongSight run"), got[2]);
    }

    @Test
    void helpShowsTheOption() {
        String[] got = run("--help");
        assertTrue(got[2].contains("--allow-failed=N|P%"), got[2]);
        assertTrue(got[2].replaceAll("\\s+", " ").contains("a share of the units (e.g. 5%); beyond it the run exits 3"), got[2]);
    }
}
