package dev.longsight.job.report;

import dev.longsight.job.output.DeviceKind;
import java.util.Map;
import java.util.stream.Collectors;

/** Where the report came from (time, build, host, Spark master, devices), the command line as typed and the configuration. */
final class RunSection implements Section {
    @Override
    public String id() { return "run"; }

    @Override
    public String heading() { return "Run configuration"; }

    @Override
    public String body(ReportModel m) {
        RunInfo i = m.in.info();
        HtmlTable meta = new HtmlTable("metadata", "item", "value");
        meta.row("report created", HtmlReport.utc(i.created()))
            .row("LongSight version", i.version())
            .row("git commit", i.commit())
            .row("driver host", i.host())
            .row("Spark master", i.sparkMaster())
            .row("devices (ok units)", m.total.devices().isEmpty() ? "none" : m.total.devices().entrySet().stream()
                    .map(e -> e.getKey() + " [" + DeviceKind.of(e.getKey()).label() + "]: " + e.getValue()).collect(Collectors.joining("; ")));
        HtmlTable t = new HtmlTable("config", "setting", "value");
        for (Map.Entry<String, String> e : m.in.config().entrySet()) t.row(e.getKey(), e.getValue());
        return "<h3>Report</h3>" + meta.html() + "<h3>Command line</h3><pre class=\"command\"><code>" + Html.esc(m.in.commandLine()) + "</code></pre>"
                + "<h3>Configuration</h3>" + t.html();
    }
}
