package dev.longsight.job.report;

import java.util.Map;

/** The exact command line and the run's configuration. */
final class RunSection implements Section {
    @Override
    public String id() { return "run"; }

    @Override
    public String heading() { return "Run configuration"; }

    @Override
    public String body(ReportModel m) {
        HtmlTable t = new HtmlTable("config", "setting", "value");
        for (Map.Entry<String, String> e : m.in.config().entrySet()) t.row(e.getKey(), e.getValue());
        return "<h3>Command line</h3><pre class=\"command\"><code>" + Html.esc(m.in.commandLine()) + "</code></pre>"
                + "<h3>Configuration</h3>" + t.html();
    }
}
