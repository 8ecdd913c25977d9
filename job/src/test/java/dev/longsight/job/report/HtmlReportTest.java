package dev.longsight.job.report;

import static dev.longsight.job.report.chart.ChartTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final String S = SyntheticResults.SCRIPT;

    static ReportInput sample(List<FidelityRow> fidelity) {
        return new ReportInput("LongSight test run", "./longsight run --patterns full,paper-power " + S,
                SyntheticResults.config(), SyntheticResults.sweep(1, 1), fidelity);
    }

    static List<FidelityRow> fidelityRows() {
        List<FidelityRow> rows = new ArrayList<>();
        for (int len : SyntheticResults.LENGTHS) {
            rows.add(new FidelityRow("full", len, "exact", 0, 0, 0));
            rows.add(new FidelityRow("topk", len, "k=0.5*n^0.5", 0.02 * Math.log(len) / 10, 0.1, 1e-3 * len / 4096));
            rows.add(new FidelityRow("topk", len, "k=4*log n", 0.08, 0.3, 2e-2));
        }
        return rows;
    }

    @Test
    void everyTextFromResultsConfigAndCommandLineIsEscaped() {
        List<UnitResult> results = new ArrayList<>(SyntheticResults.sweep(1, 2));
        results.add(SyntheticResults.ok("<img src=x onerror=alert(1)>", 4096, 0.5, 0, 3, true, true, 1, "<b>exec</b>",
                "<script>dev</script>"));
        ReportInput in = new ReportInput("<script>t</script>", S, Map.of("<k>", S), results,
                List.of(new FidelityRow("<p>", 4096, S, 0.1, 0.2, 0.3)));
        String html = HtmlReport.render(in);
        assertFalse(html.toLowerCase().contains("<script"), "no script element");
        assertFalse(html.contains("<img") || html.contains("<b>") || html.contains("<k>") || html.contains("<p>"));
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    void isSelfContained() {
        String html = HtmlReport.render(sample(fidelityRows()));
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("src=") || html.contains("url(")
                || html.contains("@import"), "no external resources");
        assertTrue(html.contains("default-src 'none'"), "a CSP blocks scripts and remote loads as a second line of defence");
        assertEquals(count(html, "href=\""), count(html, "href=\"#"), "links only to sections of the page");
    }

    @Test
    void hasEverySectionAndChart() {
        String html = HtmlReport.render(sample(fidelityRows()));
        for (String id : List.of("summary", "cost", "masks", "tasks", "heatmaps", "accuracy", "receptive-field", "fidelity",
                "throughput", "failures", "run"))
            assertTrue(html.contains("<section id=\"" + id + "\">") && html.contains("href=\"#" + id + "\""), id);
        int patterns = SyntheticResults.PATTERNS.length, lengths = SyntheticResults.LENGTHS.length;
        assertEquals(patterns, count(html, "class=\"chart heatmap\""));
        assertEquals(patterns * 11 * lengths, count(html, "class=\"cell\""));
        // accuracy (4) + rf vs length (8) + fidelity (6 + 3) + tokens/s (4) + TFLOP/s (4) + speedup (3 by kernel, 3 by wall time)
        assertEquals(4 + 8 + 9 + 4 + 4 + 6, count(html, "<polyline class=\"series\""));
        assertTrue(html.contains("2 of " + (patterns * lengths * 11 + 2) + " units failed."));
        assertTrue(html.contains("OpenCL GPU: NVIDIA A100-SXM4-40GB (NVIDIA CUDA)") && html.contains("executor-4"));
        assertTrue(html.contains("./longsight run --patterns full,paper-power"));
        assertTrue(html.contains("<td>depths</td><td>0.0:1.0:0.1</td>"), "config in the given order, as a table");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "failed units' NaNs never reach the page");
    }

    @Test
    void costSitsBesideAccuracyWithBothSpeedupsLabelled() {
        String html = HtmlReport.render(sample(List.of()));
        for (String h : List.of("accuracy [95% CI]", "density", "kept blocks / row", "attention FLOPs / unit", "speedup vs full (kernel time)",
                "ideal (1 / density)", "speedup vs full (wall time)", "device kind"))
            assertTrue(html.contains("<th class=\"num\" scope=\"col\">" + Html.esc(h) + "</th>") || html.contains("<th scope=\"col\">" + h + "</th>"), h);
        // full at 4K, 64-token blocks: dense, 64 blocks in the last row, 32.5 on average
        assertTrue(html.contains("<tr><td>full</td><td class=\"num\">4K</td><td class=\"num\">11 / 11</td>"), "one full row per length");
        assertTrue(html.contains("<td class=\"num\">100.0%</td><td class=\"num\">32.5</td>"), "full's density and blocks per row at 4K");
        String cost = html.substring(html.indexOf("<section id=\"cost\">"), html.indexOf("<section id=\"masks\">"));
        assertEquals(1, count(cost, "class=\"chart scatter-chart\""), "accuracy vs density");
        assertEquals((SyntheticResults.PATTERNS.length - 1) * SyntheticResults.LENGTHS.length, count(cost, "class=\"point\""),
                "a point per pattern and length with a cost; dilated(4) is no static pattern");
        assertTrue(count(cost, "class=\"pareto-point\"") >= SyntheticResults.LENGTHS.length, "at least one Pareto point per length");
        assertEquals(SyntheticResults.LENGTHS.length, count(cost, "<polyline class=\"pareto\""), "one front per length");
    }

    @Test
    void masksShowKeptAndDiagonalBlocksOfEachStaticPattern() {
        List<UnitResult> rs = List.of(
                SyntheticResults.ok("full", 256, 0, 0, 3, true, true, 4, "e", "OpenCL GPU: g"),
                SyntheticResults.ok("sliding:window=2,sink=0", 256, 0, 0, 3, true, true, 2, "e", "OpenCL GPU: g"));
        String html = HtmlReport.render(new ReportInput("t", "c", Map.of(), rs, List.of()));
        String masks = html.substring(html.indexOf("<section id=\"masks\">"), html.indexOf("<section id=\"tasks\">"));
        assertEquals(2, count(masks, "class=\"chart block-mask\""));
        // 4 blocks of 64 tokens: every row has its diagonal partial block; rows 1-3 one run of full blocks each, in both
        assertEquals(2 * 4, count(masks, "class=\"mask-partial\""));
        assertEquals(2 * 3, count(masks, "class=\"mask-full\""));
        assertTrue(masks.contains("sliding:window=2,sink=0 at 256: density " + Fmt.pct((4 * 64 * 65 / 2 + 3 * 64 * 64) / (256.0 * 257 / 2))));
        assertTrue(masks.contains("all 4 query x key blocks"));
    }

    @Test
    void accuraciesCarryIntervalsAndCountsAndTasksGetTheirOwnTables() {
        String html = HtmlReport.render(sample(List.of()));
        String tasks = html.substring(html.indexOf("<section id=\"tasks\">"), html.indexOf("<section id=\"heatmaps\">"));
        assertTrue(tasks.contains("<h3>niah-multikey</h3>") && tasks.contains("<h3>niah-single</h3>"));
        assertEquals(2, count(tasks, "<table class=\"ruler task\">"));
        assertTrue(html.contains("<table class=\"ruler\">") && html.contains("effective length"), "RULER's table with effective length");
        assertTrue(html.contains("Effective length (RULER): the longest length up to which accuracy stays at or above"));
        // niah-single holds the 6 even depths of 11, niah-multikey the 5 odd ones; all lengths pool 6 lengths
        assertTrue(tasks.contains(" n=6</td>") && tasks.contains(" n=5</td>") && tasks.contains(" n=36</td>") && tasks.contains(" n=30</td>"));
        assertTrue(html.contains("(n = 1 per cell)"), "heatmap titles say how many units each cell holds");
        assertTrue(html.contains("95% interval [21\u2013100%]"), "heatmap tooltips give the interval: 1 of 1 exact");
        assertTrue(html.contains("What these numbers mean") && html.contains("constructed, untrained")
                && html.contains("Not in this report</strong>: the accuracy of a trained language model"));
    }

    @Test
    void cpuThroughputIsSaidToBeNoGpuFigure() {
        List<UnitResult> rs = List.of(SyntheticResults.ok("full", 4096, 0, 0, 3, true, true, 4, "e", "OpenCL CPU: pocl-cpu (Portable Computing Language)"));
        String html = HtmlReport.render(new ReportInput("t", "c", Map.of(), rs, List.of()));
        assertTrue(html.contains("was measured on CPU (OpenCL): its TFLOP/s is not a GPU figure."));
        assertTrue(html.contains("TFLOP/s (CPU, not a GPU figure)"));
        assertTrue(html.contains("<td>CPU (OpenCL)</td>"));
    }

    @Test
    void saysWhenWhatBuildAndWhereTheReportWasMade() {
        RunInfo info = new RunInfo(java.time.Instant.parse("2026-12-08T01:02:03Z"), "0.1.0", "0123456789abcdef0123456789abcdef01234567",
                "driver-host", "spark://master:7077");
        String html = HtmlReport.render(new ReportInput("t", "./longsight run --lengths 4K", info, Map.of(), SyntheticResults.sweep(1, 3), List.of()));
        assertTrue(html.contains("LongSight 0.1.0 \u00b7 commit 0123456789abcdef0123456789abcdef01234567 \u00b7 2026-12-08 01:02:03 UTC"
                + " \u00b7 host driver-host \u00b7 Spark master spark://master:7077"), "under the title");
        for (String row : List.of("<td>report created</td><td>2026-12-08 01:02:03 UTC</td>", "<td>LongSight version</td><td>0.1.0</td>",
                "<td>git commit</td><td>0123456789abcdef0123456789abcdef01234567</td>", "<td>driver host</td><td>driver-host</td>",
                "<td>Spark master</td><td>spark://master:7077</td>"))
            assertTrue(html.contains(row), row);
        assertTrue(html.contains("OpenCL GPU: NVIDIA A100-SXM4-40GB (NVIDIA CUDA) [GPU]: "), "devices with their kind");
        assertTrue(html.contains("<code>./longsight run --lengths 4K</code>"));
    }

    @Test
    void summaryNumbersAreComputedFromTheUnits() {
        List<UnitResult> rs = List.of(
                SyntheticResults.ok("full", 4096, 0, 0, 3, true, true, 400, "e1", "dev"),
                SyntheticResults.ok("full", 4096, 1, 0, 3, true, true, 400, "e1", "dev"),
                SyntheticResults.ok("sparse", 4096, 0, 0, 3, true, true, 100, "e1", "dev"),
                SyntheticResults.ok("sparse", 4096, 1, 0, 3, false, false, 100, "e1", "dev"),
                SyntheticResults.ok("sparse", 4096, 0.5, 0, 3, false, true, 100, "e1", "dev"),
                SyntheticResults.failed("sparse", 4096, 0.5, "e1", "x"));
        String html = HtmlReport.render(new ReportInput("t", "c", Map.of(), rs, List.of()));
        assertTrue(html.contains("<tr><td>sparse</td><td class=\"num\">4K</td><td class=\"num\">3 / 4</td>"
                + "<td class=\"num\">33.3% " + Fmt.interval(dev.longsight.job.output.Wilson.interval(1, 3)) + " n=3</td>"),
                "accuracy 1/3 over ok units, with its interval");
        assertTrue(html.contains("<td class=\"num\">3</td><td class=\"num\">66.7%</td>"), "rf accuracy 2/3 over ok units");
        assertTrue(html.contains("sparse: kernel time: 4K, 4</title>"), "kernel-time speedup 400 ms / 100 ms = 4 at 4K");
        assertTrue(html.contains("sparse: wall time: 4K, 3.89</title>"), "wall-time speedup 525 ms / 135 ms at 4K");
        assertTrue(html.contains("<td class=\"num\">4x</td><td class=\"num\">\u2013</td><td class=\"num\">3.89x</td>"),
                "both speedups in the cost table; 'sparse' is no static pattern, so no ideal");
        assertFalse(html.contains("id=\"fidelity\""), "no fidelity rows: no fidelity section, not an empty one");
        assertTrue(html.contains("1 of 6 units failed."));
    }

    @Test
    void staysFastForTenThousandUnits() {
        List<UnitResult> rs = new ArrayList<>();
        while (rs.size() < 10_000) rs.addAll(SyntheticResults.sweep(1, rs.size()));
        ReportInput in = new ReportInput("big", "c", Map.of(), rs, fidelityRows());
        HtmlReport.render(in); // warm-up
        long t0 = System.nanoTime();
        String html = HtmlReport.render(in);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms < 2000, "rendering " + rs.size() + " units took " + ms + " ms");
        assertTrue(html.length() < 2_000_000, "report size " + html.length());
        System.out.printf("HtmlReport.render: %d units in %.0f ms, %d chars%n", rs.size(), ms, html.length());
    }

    @Test
    void severalLayerCountsAddAChartVsLayersAndAMissingBaselineIsSaid() {
        List<UnitResult> rs = new ArrayList<>();
        for (int layers : new int[] {2, 4, 8})
            for (int len : new int[] {4096, 8192}) {
                rs.add(SyntheticResults.ok("a", len, 0, 0, layers, layers > 2, layers > 2, 1, "e", "d"));
                rs.add(SyntheticResults.ok("b", len, 0, 0, layers, false, layers > 4, 1, "e", "d"));
            }
        String html = HtmlReport.render(new ReportInput("t", "c", Map.of(), rs, List.of()));
        assertTrue(html.contains("Receptive field and probe vs length (8 layers)"));
        assertTrue(html.contains("Receptive field and probe vs layers (8K tokens)"));
        assertTrue(html.contains("a: receptive field: 2, 0%</title>") && html.contains("b: receptive field: 8, 100%</title>"));
        assertTrue(html.contains("no &#39;full&#39; pattern to compare with"));
        // accuracy (2) + rf vs length (4) + rf vs layers (4) + tokens/s (2) + TFLOP/s (2), no speedup chart
        assertEquals(2 + 4 + 4 + 2 + 2, count(html, "<polyline class=\"series\""));
    }

    @Test
    void listsTheFirstHundredFailuresAndCountsAllByReason() {
        List<UnitResult> rs = new ArrayList<>();
        for (int i = 0; i < 150; i++) rs.add(SyntheticResults.failed("p", 4096 + i, 0, "e", i % 3 == 0 ? "timeout" : null));
        String html = HtmlReport.render(new ReportInput("t", "c", Map.of(), rs, List.of()));
        assertTrue(html.contains("150 of 150 units failed."));
        assertTrue(html.contains("<td>(no reason recorded)</td><td class=\"num\">100</td>"));
        assertTrue(html.contains("<td>timeout</td><td class=\"num\">50</td>"));
        assertTrue(html.contains("The first 100 failed units:"));
        assertEquals(100, count(html, "<td>failed</td>"));
    }

    @Test
    void rendersARunWithoutResults() {
        String html = HtmlReport.render(new ReportInput("empty", "c", Map.of(), List.of(), List.of()));
        assertTrue(html.contains("0 units (0 ok, 0 failed), 0 patterns, 0 context lengths"));
        assertTrue(html.contains("No unit failed."));
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
    }
}
