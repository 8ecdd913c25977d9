package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.UnitResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorTimeTest {
    /** A computed unit on {@code executor}: kernel ms, wall ms, started at {@code start} ms since the epoch. */
    static UnitResult unit(String id, String executor, double kernel, double wall, long start) {
        UnitResult r = SummaryFormatsTest.RESULTS.get(0);
        return new UnitResult(id, r.task(), r.pattern(), r.length(), r.depth(), r.sample(), r.seed(), r.document(), r.layers(), r.heads(),
                r.kvHeads(), r.headDim(), r.blockSize(), r.chunkSize(), r.precision(), r.rfReachable(), r.rfCoverage(), r.answer(),
                r.predicted(), r.exactMatch(), r.score(), kernel, kernel + 1, r.tokens(), r.pairs(), r.flops(), r.device(), r.kernel(),
                executor, "ok", null).withTiming(wall, wall / 4, 1, wall / 4, wall / 2 - 1 - kernel, start);
    }

    @Test
    void busyTimeIsTheUnionOfTheUnitsIntervals() {
        assertEquals(0, ExecutorTime.union(List.of()));
        assertEquals(10, ExecutorTime.union(List.of(new double[] {0, 10})));
        assertEquals(15, ExecutorTime.union(List.of(new double[] {5, 15}, new double[] {0, 10})));          // overlapping
        assertEquals(20, ExecutorTime.union(List.of(new double[] {0, 10}, new double[] {20, 30})));         // a gap
        assertEquals(30, ExecutorTime.union(List.of(new double[] {0, 30}, new double[] {5, 10}, new double[] {40, 40})));
    }

    @Test
    void perExecutorSharesOfTheRunsWallTime() {
        long t = 1_700_000_000_000L;
        List<UnitResult> rs = List.of(
                unit("a", "1@h", 100, 400, t), unit("b", "1@h", 50, 200, t + 400),   // one slot, back to back: busy 600
                unit("c", "2@h", 10, 300, t), unit("d", "2@h", 10, 300, t + 100),    // two slots overlapping: busy 400
                unit("e", "3@h", 5, Double.NaN, t));                                 // not measured: left out
        List<ExecutorTime> ex = ExecutorTime.of(rs, 1000);
        assertEquals(2, ex.size());
        ExecutorTime one = ex.get(0), two = ex.get(1);
        assertEquals(new ExecutorTime("1@h", 2, 150, 600, 600, 1000), one);
        assertEquals(0.15, one.kernelShare(), 1e-12);
        assertEquals(0.6, one.unitShare(), 1e-12);
        assertEquals(400, one.sparkDriverMs(), 1e-12);
        assertEquals(0.4, one.sparkDriverShare(), 1e-12);
        assertEquals(new ExecutorTime("2@h", 2, 20, 600, 400, 1000), two);
        assertEquals(0.6, two.sparkDriverShare(), 1e-12);
        // Unit time may exceed the run's wall time on a multi-slot executor; Spark + driver time never goes below zero.
        ExecutorTime busy = ExecutorTime.of(rs.subList(2, 4), 350).get(0);
        assertTrue(busy.unitShare() > 1);
        assertEquals(0, busy.sparkDriverMs());
    }

    @Test
    void theWallSplitSumsTheMeasuredUnitsAndTheConsoleShowsIt() {
        long t = 1_700_000_000_000L;
        List<UnitResult> rs = List.of(unit("a", "1@h", 100, 400, t), unit("b", "1@h", 50, 200, t + 400));
        WallSplit w = WallSplit.of(rs);
        assertEquals(2, w.units());
        assertEquals(600, w.wallMs(), 1e-9);
        double[] sh = w.shares();
        assertEquals(0.25, sh[0], 1e-12);          // host build
        assertEquals(150 / 600.0, sh[2], 1e-12);   // kernels
        assertEquals(1.0, sh[0] + sh[1] + sh[2] + sh[3] + sh[4], 1e-12);
        String text = SummaryFormats.time(w, ExecutorTime.of(rs, 1000));
        assertTrue(text.contains("unit wall time (2 units computed now, 0.6 s in all): host build 25.0%, transfers 0.3%, kernels 25.0%"), text);
        assertTrue(text.contains("time per executor (shares of the run's 1.0 s wall time;"), text);
        assertTrue(text.contains("1@h           2  0.15 s (15.0%)  0.60 s (60.0%)  0.60 s (60.0%)  0.40 s (40.0%)"), text);
    }
}
