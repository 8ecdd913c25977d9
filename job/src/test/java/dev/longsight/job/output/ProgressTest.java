package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    static final long SECOND = 1_000_000_000L;
    final AtomicLong clock = new AtomicLong(5 * SECOND);
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    String text() { return buf.toString(StandardCharsets.UTF_8); }

    @Test
    void preciseDurationsKeepTwoDigitsBelowASecond() {
        assertEquals("0.012s", Progress.preciseDuration(0.0123));
        assertEquals("0.050s", Progress.preciseDuration(0.05));
        assertEquals("0.0s", Progress.preciseDuration(0));
        assertEquals("12.3s", Progress.preciseDuration(12.34));
        assertEquals("2m05s", Progress.preciseDuration(125));
    }

    @Test
    void logModePrintsOneLinePerTenPercentWithEveryField() {
        Progress p = new Progress(100, 100 * 1000, out, false, clock::get);
        for (int u = 1; u <= 100; u++) {
            clock.addAndGet(SECOND);
            p.update(u, u * 1000L);
            p.tick(); // a timer's ticks print nothing when not on a terminal
        }
        p.finish();
        String[] lines = text().split("\n");
        assertEquals(10, lines.length, text());
        assertFalse(text().contains("\r"));
        assertEquals("progress: 10/100 units (10%), 10s elapsed, ETA 1m30s, 1.00 units/s, 1.0K tokens/s", lines[0]);
        assertEquals("progress: 50/100 units (50%), 50s elapsed, ETA 50s, 1.00 units/s, 1.0K tokens/s", lines[4]);
        assertEquals("progress: 100/100 units (100%), 1m40s elapsed, ETA 0s, 1.00 units/s, 1.0K tokens/s", lines[9]);
    }

    @Test
    void aJumpOverSeveralStepsPrintsOneLine() {
        Progress p = new Progress(10, 10, out, false, clock::get);
        clock.addAndGet(SECOND);
        p.update(3, 3);
        p.update(3, 3);
        clock.addAndGet(SECOND);
        p.update(10, 10);
        assertEquals(2, text().split("\n").length, text());
        assertTrue(text().startsWith("progress: 3/10 units (30%)"), text());
    }

    @Test
    void throughputIsCurrentNotAverage() {
        Progress p = new Progress(1000, 1000, out, false, clock::get);
        for (int u = 1; u <= 10; u++) { // slow start: one unit every 10 s
            clock.addAndGet(10 * SECOND);
            p.update(u, u);
        }
        for (int u = 11; u <= 100; u++) { // then ten a second
            clock.addAndGet(SECOND / 10);
            p.update(u, u);
        }
        // Measured since the last report at or before 10 s ago (unit 9, 19 s ago): 91/19 units/s, not the average 0.92.
        assertTrue(text().endsWith("progress: 100/1000 units (10%), 1m49s elapsed, ETA 16m21s, 4.79 units/s, 5 tokens/s\n"), text());
    }

    @Test
    void terminalModeRewritesOneLineAfterAQuietStart() {
        Progress p = new Progress(4, 4000, out, true, clock::get);
        clock.addAndGet(SECOND);
        p.update(1, 1000);
        p.tick();
        assertEquals("", text(), "nothing during the first seconds");
        clock.addAndGet(3 * SECOND);
        p.tick();
        clock.addAndGet(SECOND / 10);
        p.tick(); // too soon after the last redraw
        clock.addAndGet(SECOND);
        p.update(3, 3000);
        p.finish();
        String t = text();
        assertEquals(3, t.split("\r", -1).length - 1, t);
        assertTrue(t.startsWith("\rprogress: 1/4 units (25%), 4s elapsed, ETA 12s, "), t);
        assertTrue(t.contains("\rprogress: 3/4 units (75%), 5s elapsed, ETA 2s, "), t);
        assertTrue(t.endsWith("\n") && t.indexOf('\n') == t.length() - 1, "one line, ended once: " + t);
    }

    @Test
    void aShortTerminalRunPrintsNothing() {
        Progress p = new Progress(2, 2, out, true, clock::get);
        clock.addAndGet(SECOND);
        p.update(2, 2);
        p.finish();
        assertEquals("", text());
    }
}
