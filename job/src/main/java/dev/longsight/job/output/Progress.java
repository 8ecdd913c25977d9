package dev.longsight.job.output;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The run's progress line: units done/total, elapsed, ETA and current throughput (units/s, tokens/s).
 * On a terminal it rewrites one line in place ('\r') at most every {@link #REDRAW_NANOS}, starting
 * once the run has lasted {@link #QUIET_NANOS} (short runs stay clean); otherwise it prints one line
 * per 10% step, for logs. A small class rather than a progress-bar library: we need one line of
 * fixed fields, an injectable clock for tests and a log mode, which is less code than adapting one.
 * Thread-safe: units are reported from Spark's listener thread, redraws from a timer.
 */
public final class Progress {
    static final long REDRAW_NANOS = 500_000_000L;
    static final long QUIET_NANOS = 3_000_000_000L;
    /** Throughput is measured over the last this many nanoseconds ("current", not since the start). */
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final long totalUnits;
    private final long totalTokens;
    private final String unitNoun; // what is counted: "units" of a run, "cases" of a benchmark
    private final String workNoun; // what measures the work left: tokens, or (query, key) pairs where cost is not linear in tokens
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    /** (time, units, tokens) at each report, oldest first, trimmed to the window. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long units;
    private long tokens;
    private int lastStep;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnWidth;

    public Progress(long totalUnits, long totalTokens, PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this(totalUnits, totalTokens, "units", "tokens", out, terminal, nanoClock);
    }

    /** A progress line whose counts are named {@code unitNoun} and {@code workNoun} (the ETA follows the work). */
    public Progress(long totalUnits, long totalTokens, String unitNoun, String workNoun, PrintStream out, boolean terminal, LongSupplier nanoClock) {
        if (totalUnits < 0 || totalTokens < 0) throw new IllegalArgumentException("progress totals must be >= 0, got " + totalUnits + ", " + totalTokens);
        this.totalUnits = totalUnits;
        this.totalTokens = totalTokens;
        this.unitNoun = unitNoun;
        this.workNoun = workNoun;
        this.out = out;
        this.terminal = terminal;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        samples.add(new long[] {start, 0, 0});
    }

    /** For a console run: a terminal when the JVM has a console, the system clock. */
    public static Progress console(long totalUnits, long totalTokens, PrintStream out) {
        return new Progress(totalUnits, totalTokens, out, System.console() != null, System::nanoTime);
    }

    /** The same with other names for what is counted. */
    public static Progress console(long totalUnits, long totalWork, String unitNoun, String workNoun, PrintStream out) {
        return new Progress(totalUnits, totalWork, unitNoun, workNoun, out, System.console() != null, System::nanoTime);
    }

    /** Records that the run has now done {@code unitsDone} units of {@code tokensDone} tokens in all (never goes back). */
    public synchronized void update(long unitsDone, long tokensDone) {
        if (unitsDone <= units && tokensDone <= tokens) return;
        units = Math.min(totalUnits, Math.max(units, unitsDone));
        tokens = Math.min(totalTokens, Math.max(tokens, tokensDone));
        long now = clock.getAsLong();
        samples.add(new long[] {now, units, tokens});
        while (samples.size() > 1) { // keep the newest sample at or before the window's start
            long[] oldest = samples.removeFirst();
            if (now - samples.peekFirst()[0] < WINDOW_NANOS) {
                samples.addFirst(oldest);
                break;
            }
        }
        if (terminal) {
            tick();
            return;
        }
        int step = totalUnits == 0 ? 10 : (int) (10 * units / totalUnits);
        if (step > lastStep) {
            lastStep = step;
            out.println(line(now));
        }
    }

    /** Redraws the terminal line if it is due (call it from a timer); does nothing when not on a terminal. */
    public synchronized void tick() {
        if (!terminal) return;
        long now = clock.getAsLong();
        if (now - start < QUIET_NANOS || (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS)) return;
        draw(now);
    }

    /** Ends the terminal line (with a final redraw) so the next output starts on a fresh line. */
    public synchronized void finish() {
        if (terminal && lastDraw != Long.MIN_VALUE) {
            draw(clock.getAsLong());
            out.println();
            out.flush();
        }
    }

    private void draw(long now) {
        String line = line(now);
        // Pad over the previous line's tail: '\r' only moves the cursor back.
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
        lastDraw = now;
    }

    String line(long now) {
        double elapsed = (now - start) / 1e9;
        long[] first = samples.getFirst();
        double window = (now - first[0]) / 1e9;
        double unitRate = window > 0 ? (units - first[1]) / window : 0;
        double tokenRate = window > 0 ? (tokens - first[2]) / window : 0;
        // ETA from the average token rate so far: units differ in length, tokens measure the work left.
        double avgTokenRate = elapsed > 0 ? tokens / elapsed : 0;
        String eta = tokens >= totalTokens && units >= totalUnits ? "0s"
                : avgTokenRate > 0 ? duration((totalTokens - tokens) / avgTokenRate) : "?";
        return String.format("progress: %d/%d %s (%d%%), %s elapsed, ETA %s, %.2f %s/s, %s %s/s", units, totalUnits, unitNoun,
                totalUnits == 0 ? 100 : 100 * units / totalUnits, duration(elapsed), eta, unitRate, unitNoun, count(tokenRate), workNoun);
    }

    private static String count(double x) {
        if (x < 1e3) return String.format("%.0f", x);
        if (x < 1e6) return String.format("%.1fK", x / 1e3);
        return x < 1e9 ? String.format("%.2fM", x / 1e6) : String.format("%.2fG", x / 1e9);
    }

    /** A duration with tenths of a second under a minute (estimates of short runs), else as the progress line writes it. */
    public static String preciseDuration(double seconds) {
        // Below a second, two significant digits: a dry run's small lengths must not all read "0.0s".
        if (seconds > 0 && seconds < 0.995) return String.format(java.util.Locale.ROOT, "%.2gs", Math.max(seconds, 0.001));
        return seconds < 59.95 ? String.format(java.util.Locale.ROOT, "%.1fs", seconds) : duration(seconds);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
        return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
