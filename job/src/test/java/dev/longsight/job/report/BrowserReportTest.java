package dev.longsight.job.report;

import static dev.longsight.job.report.chart.ChartTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in headless Chromium: the charts must be in the DOM the browser built, the
 * screenshot must show them, and the {@code <script>} injected through a failed unit's error and the
 * config must not have run. Required in CI; skipped with a message on a machine without Chromium.
 */
class BrowserReportTest {
    @BeforeEach
    void needChromium() {
        if (HeadlessChromium.available()) return;
        if ("true".equals(System.getenv("CI"))) fail("CI=true but " + HeadlessChromium.BINARY + " is missing (apt-get install chromium)");
        String why = "BrowserReportTest skipped: " + HeadlessChromium.BINARY + " not installed (apt-get install chromium)";
        System.err.println(why); // surefire does not print skip reasons
        Assumptions.abort(why);
    }

    @Test
    void chartsRenderAndInjectedScriptStaysInert(@TempDir Path dir) throws Exception {
        ReportInput in = HtmlReportTest.sample(HtmlReportTest.fidelityRows());
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render(in), StandardCharsets.UTF_8);

        String dom = HeadlessChromium.dumpDom(page, dir);
        int patterns = SyntheticResults.PATTERNS.length, lengths = SyntheticResults.LENGTHS.length;
        int masks = patterns - 1; // dilated(4) is no static pattern: no mask to draw
        assertEquals(1 + masks + patterns + 7, count(dom, "<svg "),
                "accuracy vs density, 3 masks, 4 heatmaps, 1 accuracy, 1 rf, 2 fidelity, 3 throughput charts");
        assertEquals(patterns * 11 * lengths, count(dom, "class=\"cell\""), "one heatmap cell per depth x length");
        assertEquals(4 + 8 + 9 + 4 + 4 + 6, count(dom, "<polyline class=\"series\""));
        assertEquals(lengths, count(dom, "<polyline class=\"pareto\""), "a Pareto front per length");
        assertTrue(count(dom, "class=\"pareto-point\"") >= lengths);
        assertEquals(masks, count(dom, "class=\"chart block-mask\""));
        assertTrue(count(dom, "class=\"mask-partial\"") >= masks * 64 && count(dom, "class=\"mask-full\"") > 0, "kept and diagonal blocks");
        for (String header : new String[] {"density", "kept blocks / row", "attention FLOPs / unit", "speedup vs full (kernel time)",
                "speedup vs full (wall time)", "effective length", "all lengths"})
            assertTrue(dom.contains(">" + header + "</th>"), header);
        assertTrue(dom.matches("(?s).*\\d% \\[\\d+\u2013\\d+%\\] n=\\d+</td>.*"), "accuracies with intervals and counts");
        assertEquals(2, count(dom, "<table class=\"ruler task\">"), "a table per task");
        assertTrue(dom.contains("What these numbers mean") && dom.contains("<td>LongSight version</td>") && dom.contains("<td>git commit</td>")
                && dom.contains("<td>Spark master</td>") && dom.contains("<td>report created</td>"), "what was measured, and the metadata");
        assertTrue(dom.contains("<title>LongSight test run</title>"), "document.title unchanged");
        assertFalse(dom.contains("pwned</title>") || dom.contains("<blink"), "the injected script did not run");
        assertFalse(dom.toLowerCase().contains("<script"), "no script element in the DOM");
        assertTrue(dom.contains("&lt;script&gt;document.title="), "the script is shown as text");

        Path png = dir.resolve("report.png");
        HeadlessChromium.screenshot(page, png, 1400, 6000, dir);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        assertEquals(6000, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        boolean green = false, red = false;
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                green |= near(rgb, 0x1A9850);
                red |= near(rgb, 0xD73027);
            }
        assertTrue(colours.size() > 200, "a non-trivial picture: " + colours.size() + " colours");
        assertTrue(green && red, "heatmap cells at both ends of the scale are visible (green " + green + ", red " + red + ")");
        Path keep = Path.of("target", "report-browser");
        Files.createDirectories(keep);
        Files.copy(page, keep.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, keep.resolve("report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8)
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 6) return false;
        return true;
    }
}
