package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.output.ExecutorTime;
import dev.longsight.job.unit.UnitResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeTablesTest {
    private static UnitResult timed(String pattern, int length, String executor, long start) {
        return SyntheticResults.ok(pattern, length, 0.5, 0, 3, true, true, 20, executor, "NVIDIA H100")
                .withTiming(100, 40, 10, 20, 25, start);
    }

    @Test
    void theReportShowsTheWallSplitAndThePerExecutorAccounting() {
        long t = 1_700_000_000_000L;
        List<UnitResult> rs = List.of(timed("full", 4096, "1@h", t), timed("full", 4096, "1@h", t + 100), timed("paper-power", 4096, "2@h", t));
        String html = HtmlReport.render(new ReportInput("t", "run", RunInfo.current(null), Map.of(), rs, List.of(),
                ExecutorTime.of(rs, 1000)));
        assertTrue(html.contains("<h3>Where a unit's wall time goes</h3>"), html);
        // full at 4K: 2 units, mean 100 ms: host build 40%, transfers 10%, kernels 20%, readout 20%, other 25%... of 100 ms each
        assertTrue(html.matches("(?s).*<td>full</td><td[^>]*>4K</td><td[^>]*>2</td><td[^>]*>100 ms</td><td[^>]*>40\\.0%</td>"
                + "<td[^>]*>10\\.0%</td><td[^>]*>20\\.0%</td><td[^>]*>20\\.0%</td><td[^>]*>25\\.0%</td>.*"), html);
        assertTrue(html.contains("<h3>Where the run's wall time goes, per executor</h3>"), html);
        // executor 1: kernels 40 ms (4.0%), units 200 ms (20.0%), busy 200 ms, Spark + driver 800 ms (80.0%)
        assertTrue(html.matches("(?s).*<td>1@h</td><td[^>]*>2</td><td[^>]*>40 ms</td><td[^>]*>4\\.0%</td><td[^>]*>200 ms</td>"
                + "<td[^>]*>20\\.0%</td><td[^>]*>200 ms</td><td[^>]*>20\\.0%</td><td[^>]*>800 ms</td><td[^>]*>80\\.0%</td>.*"), html);
    }

    @Test
    void withoutAccountingThereIsNoExecutorTimeTable() {
        String html = HtmlReport.render(new ReportInput("t", "run", RunInfo.current(null), Map.of(),
                List.of(SyntheticResults.ok("full", 4096, 0.5, 0, 3, true, true, 20, "1@h", "NVIDIA H100")), List.of()));
        assertFalse(html.contains("per executor</h3>"), html);
    }
}
