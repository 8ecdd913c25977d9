package dev.longsight.job.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the example report of the README (synthetic data, labelled as such) and its screenshot:
 * {@code java -cp job/target/classes:job/target/test-classes dev.longsight.job.report.ReportScreenshot docs/report-screenshot.png}
 */
public final class ReportScreenshot {
    public static void main(String[] args) throws Exception {
        Path png = Path.of(args.length > 0 ? args[0] : "report-screenshot.png").toAbsolutePath();
        Path work = Files.createTempDirectory("report-screenshot");
        Map<String, String> config = SyntheticResults.config();
        config.put("corpus", "sample-data/");
        ReportInput in = new ReportInput("LongSight example report (synthetic results)",
                "./longsight run --tasks niah-single --patterns full,paper-sliding,paper-power,dilated(4) "
                        + "--lengths 4K..128K --depths 0:1:0.1 --samples 8 --out out/example",
                config, SyntheticResults.sweep(8, 7), HtmlReportTest.fidelityRows());
        Path page = work.resolve("report.html");
        Files.writeString(page, HtmlReport.render(in), StandardCharsets.UTF_8);
        HeadlessChromium.screenshot(page, png, 1400, Integer.parseInt(System.getProperty("height", "2400")), work);
        System.out.println(page + "\n" + png + " " + Files.size(png) + " bytes");
    }
}
