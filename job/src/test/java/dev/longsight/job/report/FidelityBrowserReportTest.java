package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.longsight.job.fidelity.FidelityHtml;
import dev.longsight.job.fidelity.FidelityResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fidelity sweep's report.html in headless Chromium: its charts are in the DOM and text from the sweep stays text. */
class FidelityBrowserReportTest {
    @BeforeEach
    void needChromium() {
        if (HeadlessChromium.available()) return;
        if ("true".equals(System.getenv("CI"))) fail("CI=true but " + HeadlessChromium.BINARY + " is missing (apt-get install chromium)");
        Assumptions.abort("FidelityBrowserReportTest skipped: " + HeadlessChromium.BINARY + " not installed");
    }

    /** One row of a pattern at a length, with errors that grow with the length. */
    private static FidelityResult row(String pattern, String kind, String granularity, int n, double dropped) {
        return new FidelityResult("gaussian", pattern, kind, granularity, n, 2, 64, 64, n / 64, 4, 4, 4.0 / (n / 64), dropped, dropped,
                2 * dropped, 3 * dropped, dropped / 2, dropped / 2, dropped, dropped, 1.5 * dropped, dropped, 0.1, 0.01, 12.5, "JTP", "naive",
                1, 1, Double.NaN, Double.NaN, "exact");
    }

    @Test
    void chartsRenderOneLinePerPatternAndGranularity(@TempDir Path dir) throws Exception {
        List<FidelityResult> rs = new ArrayList<>();
        for (int n : new int[] {1024, 2048, 4096}) {
            rs.add(row("topk:k=4", "topk", "block", n, 0.1 * n / 1024));
            rs.add(row("topk:k=4", "topk", "token", n, 0.001 * n / 1024));
            rs.add(row("<script>document.title='pwned'</script>", "static", "block", n, 0.5));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lengths", "1K,2K,4K");
        Path page = dir.resolve("report.html");
        Files.writeString(page, FidelityHtml.render("Source gaussian", "./longsight fidelity --lengths 1K,2K,4K", settings, rs),
                StandardCharsets.UTF_8);
        String dom = HeadlessChromium.dumpDom(page, dir);
        assertEquals(4, count(dom, "<svg "), "dropped mass (last bucket, all rows), output error, cost");
        assertEquals(4 * 3, count(dom, "<polyline class=\"series\""), "three lines in each chart");
        assertTrue(dom.contains("<title>LongSight fidelity report</title>"), "document.title unchanged");
        assertFalse(dom.toLowerCase().contains("<script"), "no script element in the DOM");
        assertTrue(dom.contains("topk:k=4 [token]"), "token rows are named in the legend");
        assertEquals(3 * 3, count(dom, "<td>JTP</td>"), "one table row per pattern, granularity and length");
    }

    private static int count(String s, String part) {
        int c = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) c++;
        return c;
    }
}
