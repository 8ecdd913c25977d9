package dev.longsight.job.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, no
 * network. A Content-Security-Policy forbidding scripts and remote loads backs up the escaping of
 * every string taken from results, config or documents.
 *
 * <p>Charts are generated SVG (report.chart) rather than JFreeChart: the few chart kinds needed
 * are small to write and test, the SVG stays small and styleable by the page's CSS, cells and
 * lines carry classes a browser test can count, and the Spark driver needs no AWT or fonts.
 */
public final class HtmlReport {
    private static final List<Section> SECTIONS = List.of(new SummarySection(), new ModelSection(), new CostSection(), new MaskSection(), new TaskSection(),
            new HeatmapSection(), new AccuracySection(), new ReceptiveFieldSection(), new FidelitySection(), new ThroughputSection(),
            new FailureSection(), new RunSection());
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    public static String render(ReportInput in) {
        ReportModel m = new ReportModel(in);
        return page(in.title(), provenance(in.info()), SECTIONS.stream().filter(s -> s.shown(m)).map(s -> new Part(s.id(), s.heading(), s.body(m))).toList());
    }

    /** The header's line of provenance: which build made the page, when, where (and under which Spark master, if any). */
    public static String provenance(RunInfo i) {
        return "LongSight " + i.version() + " \u00b7 commit " + i.commit() + " \u00b7 " + utc(i.created()) + " \u00b7 host " + i.host()
                + (i.sparkMaster() == null ? "" : " \u00b7 Spark master " + i.sparkMaster());
    }

    /** One section of a page: an anchor id, a heading, and its HTML body (already escaped). */
    public record Part(String id, String heading, String html) {}

    /**
     * A self-contained page of these parts with the report's header (title, a line of provenance), navigation,
     * CSS and Content-Security-Policy: every LongSight report (run, fidelity) looks and is sandboxed alike.
     */
    public static String page(String title, String subtitle, List<Part> parts) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .append("<title>").append(Html.esc(title)).append("</title><style>").append(CSS).append("</style></head><body>")
         .append("<header><h1>").append(Html.esc(title)).append("</h1><p class=\"sub\">").append(Html.esc(subtitle)).append("</p><nav><ul>");
        for (Part s : parts)
            b.append("<li><a href=\"#").append(s.id()).append("\">").append(Html.esc(s.heading())).append("</a></li>");
        b.append("</ul></nav></header><main>");
        for (Part s : parts)
            b.append("<section id=\"").append(s.id()).append("\"><h2>").append(Html.esc(s.heading())).append("</h2>")
             .append(s.html()).append("</section>\n");
        return b.append("</main></body></html>\n").toString();
    }

    /** A report time, to the second, in UTC: readers of one report sit in different time zones. */
    static String utc(Instant t) {
        return UTC.format(t);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1b1f24;background:#fafafa;line-height:1.4}
            header{background:#14324a;color:#fff;padding:18px 28px 10px}
            h1{margin:0 0 2px;font-size:26px}.sub{margin:0 0 8px;opacity:.8}
            nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
            nav a{color:#cfe3f5;text-decoration:none;font-size:14px}nav a:hover{text-decoration:underline}
            main{padding:8px 28px 40px;max-width:1360px}
            section{margin-top:22px}h2{font-size:20px;border-bottom:2px solid #d5dde5;padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}
            .note{color:#444;font-size:14px;max-width:1000px}
            .charts{display:flex;flex-wrap:wrap;gap:14px}
            .figure{margin:0;background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:6px}
            .table-wrap{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;font-size:13px;background:#fff;margin:6px 0}
            th,td{border:1px solid #e1e4e8;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#eef2f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
            tbody tr:nth-child(even){background:#f7f9fb}
            table.failed td:last-child,table.reasons td:first-child{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word;max-width:640px}
            pre.command{background:#1e1e1e;color:#e8e8e8;padding:10px 12px;border-radius:6px;white-space:pre-wrap;word-break:break-all;font-size:13px}
            svg.chart{font-size:12px;display:block;max-width:100%;height:auto}
            svg .title{font-size:14px;font-weight:600;fill:#1b1f24}
            svg .tick{fill:#444;font-size:11px}svg .axis-label{fill:#222;font-size:12px}
            svg .grid{stroke:#e6e9ec;stroke-width:1}svg .axis{stroke:#555;stroke-width:1}
            svg .series{stroke-width:2.2;stroke-linejoin:round}svg .legend-line{stroke-width:2.2}
            svg .legend-text{fill:#222;font-size:12px}svg .no-data{fill:#888;font-size:14px}
            svg .cell{stroke:#fff;stroke-width:1}svg .cell-value{fill:#111;font-size:11px;pointer-events:none}
            svg .cell-value.small{font-size:9px}
            .meaning{background:#fff8e6;border:1px solid #e8d49a;border-radius:6px;padding:4px 16px;max-width:1000px;font-size:14px}
            .meaning h3{margin:8px 0 4px}.meaning ul{margin:4px 0 8px;padding-left:20px}
            svg .point{stroke:#fff;stroke-width:1}svg .point-label{fill:#333;font-size:10px}
            svg .pareto{stroke-width:1.5}svg .pareto-point{stroke-width:1.5}
            svg .mask-empty{stroke:#ccc;stroke-width:1}
            """;
}
