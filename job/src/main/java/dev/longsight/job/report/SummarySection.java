package dev.longsight.job.report;

/** The at-a-glance section: totals and one row per pattern x length. */
final class SummarySection implements Section {
    @Override
    public String id() { return "summary"; }

    @Override
    public String heading() { return "Summary"; }

    @Override
    public String body(ReportModel m) {
        UnitStats t = m.total;
        String head = t.units() + " units (" + t.ok() + " ok, " + (t.units() - t.ok()) + " failed), "
                + m.patterns.size() + " patterns, " + m.lengths.size() + " context lengths; overall exact-match accuracy "
                + Fmt.pct(t.accuracy()) + "; devices: " + (t.devices().isEmpty() ? "none" : t.deviceNames()) + ".";
        HtmlTable table = new HtmlTable("summary", "pattern", "#length", "#units ok / total", "#accuracy", "#rf accuracy",
                "#tokens/s", "#TFLOP/s", "device");
        for (String p : m.patterns)
            for (int len : m.lengths) {
                UnitStats s = m.stats(p, len);
                if (s == null) continue;
                table.row(p, Fmt.length(len), s.ok() + " / " + s.units(), Fmt.pct(s.accuracy()), Fmt.pct(s.rfAccuracy()),
                        Fmt.si(s.tokensPerSecond()), Fmt.sig(s.tflops()), s.devices().isEmpty() ? Fmt.NONE : s.deviceNames());
            }
        return Section.note(head) + table.html()
                + Section.note("Accuracy: share of ok units whose probe decoded the answer exactly. rf accuracy: share whose "
                + "question block is reachable from every needle within the layers. tokens/s: tokens over wall time; "
                + "TFLOP/s: 4 x head dim x attended pairs over kernel time (OpenCL profiling events on OpenCL devices, "
                + "the wall time around each launch on Java threads).");
    }
}
