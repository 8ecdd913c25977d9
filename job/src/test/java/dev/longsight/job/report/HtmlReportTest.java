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
        for (String id : List.of("summary", "heatmaps", "accuracy", "receptive-field", "fidelity", "throughput", "failures", "run"))
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        int patterns = SyntheticResults.PATTERNS.length, lengths = SyntheticResults.LENGTHS.length;
        assertEquals(patterns, count(html, "class=\"chart heatmap\""));
        assertEquals(patterns * 11 * lengths, count(html, "class=\"cell\""));
        // accuracy (4) + rf vs length (8) + fidelity (6 + 3) + tokens/s (4) + TFLOP/s (4) + speedup (3)
        assertEquals(4 + 8 + 9 + 4 + 4 + 3, count(html, "<polyline class=\"series\""));
        assertTrue(html.contains("2 of " + (patterns * lengths * 11 + 2) + " units failed."));
        assertTrue(html.contains("NVIDIA A100-SXM4-40GB (OpenCL)") && html.contains("executor-4"));
        assertTrue(html.contains("./longsight run --patterns full,paper-power"));
        assertTrue(html.contains("<td>depths</td><td>0.0:1.0:0.1</td>"), "config in the given order, as a table");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "failed units' NaNs never reach the page");
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
                + "<td class=\"num\">33.3%</td><td class=\"num\">66.7%</td>"), "accuracy 1/3, rf accuracy 2/3 over ok units");
        assertTrue(html.contains("sparse: 4K, 4</title>"), "speedup 400 ms / 100 ms = 4 at 4K");
        assertTrue(html.contains("This run measured no fidelity rows"));
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
