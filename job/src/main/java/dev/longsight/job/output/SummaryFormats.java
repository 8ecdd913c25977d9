package dev.longsight.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.job.model.UnitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders a {@link Summary} as summary.csv, summary.json, report.html and the console table. */
public final class SummaryFormats {
    private SummaryFormats() {}

    /** One column of the per-cell table: its CSV name, console header and value. */
    private record Column(String csv, String header, Function<Summary.Cell, String> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("pattern", "pattern", Summary.Cell::pattern),
            new Column("length", "length", c -> String.valueOf(c.length())),
            new Column("units", "units", c -> String.valueOf(c.stats().units())),
            new Column("failed", "failed", c -> String.valueOf(c.stats().failed())),
            new Column("accuracy", "accuracy", c -> num(c.stats().accuracy(), 4)),
            new Column("rf_accuracy", "rf acc", c -> num(c.stats().rfAccuracy(), 4)),
            new Column("score", "score", c -> num(c.stats().meanScore(), 4)),
            new Column("rf_coverage", "rf cov", c -> num(c.stats().meanRfCoverage(), 4)),
            new Column("tokens_per_s", "tokens/s", c -> num(c.stats().tokensPerSecond(), 0)),
            new Column("tflops", "TFLOP/s", c -> num(c.stats().tflops(), 4)),
            new Column("device", "device", c -> c.stats().devices()));

    public static String csv(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS.stream().map(Column::csv).toList())).append('\n');
        for (Summary.Cell c : s.cells()) b.append(String.join(",", COLUMNS.stream().map(col -> csvField(col.value().apply(c))).toList())).append('\n');
        return b.toString();
    }

    public static String json(Summary s, String fingerprint, int skippedRecords) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("fingerprint", fingerprint);
        root.put("units", s.total().units());
        root.put("failed", s.total().failed());
        root.put("skipped_input_records", skippedRecords);
        ArrayNode cells = root.putArray("cells");
        for (Summary.Cell c : s.cells()) {
            stats(cells.addObject().put("pattern", c.pattern()).put("length", c.length()), c.stats());
        }
        ArrayNode ex = root.putArray("executors");
        s.executors().forEach((id, st) -> stats(ex.addObject().put("executor", id), st));
        ArrayNode failures = root.putArray("failures");
        for (UnitResult r : s.failures()) failures.addObject().put("unit", r.unitId()).put("error", r.error());
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode stats(ObjectNode n, CellStats st) {
        n.put("units", st.units()).put("failed", st.failed());
        putNumber(n, "accuracy", st.accuracy());
        putNumber(n, "rf_accuracy", st.rfAccuracy());
        putNumber(n, "score", st.meanScore());
        putNumber(n, "rf_coverage", st.meanRfCoverage());
        putNumber(n, "tokens_per_s", st.tokensPerSecond());
        putNumber(n, "tflops", st.tflops());
        return n.put("device", st.devices());
    }

    /** JSON has no NaN: an undefined rate (no completed units) is null. */
    private static void putNumber(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v); else n.putNull(k);
    }

    /** The aligned per-pattern table printed at the end of a run; one device for all cells is named once below it. */
    public static String console(Summary s) {
        boolean oneDevice = s.cells().stream().map(c -> c.stats().devices()).distinct().count() <= 1;
        List<Column> cols = oneDevice ? COLUMNS.subList(0, COLUMNS.size() - 1) : COLUMNS;
        List<String[]> rows = new ArrayList<>();
        rows.add(cols.stream().map(Column::header).toArray(String[]::new));
        for (Summary.Cell c : s.cells()) rows.add(cols.stream().map(col -> col.value().apply(c)).toArray(String[]::new));
        int[] w = new int[cols.size()];
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                boolean left = i == 0 || cols.get(i).csv().equals("device");
                line.append(i == 0 ? "" : "  ").append(String.format("%" + (left ? "-" : "") + w[i] + "s", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (oneDevice && !s.cells().isEmpty()) b.append("device: ").append(s.cells().get(0).stats().devices()).append('\n');
        return b.toString();
    }

    /** A self-contained HTML page of plain tables; every text from the run is escaped. */
    public static String html(Summary s, List<String> config, List<String> skippedExamples, int skipped) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LongSight report</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
                + "td,th{border:1px solid #bbb;padding:.25em .6em}td.n{text-align:right}th{background:#eee}pre{background:#f6f6f6;padding:.5em}</style>"
                + "</head><body>\n<h1>LongSight report</h1>\n");
        b.append("<p>").append(s.total().units()).append(" units, ").append(s.total().failed()).append(" failed; accuracy ")
                .append(esc(num(s.total().accuracy(), 4))).append(", receptive-field accuracy ").append(esc(num(s.total().rfAccuracy(), 4)))
                .append(".</p>\n<h2>Configuration</h2>\n<pre>").append(esc(String.join("\n", config))).append("</pre>\n");
        b.append("<h2>Accuracy and throughput per pattern and length</h2>\n<p>accuracy: probe exact match; rf acc: the question is "
                + "reachable from every needle within the layers (receptive field); tokens/s over unit wall time; TFLOP/s over kernel time.</p>\n<table><tr>");
        for (Column c : COLUMNS) b.append("<th>").append(esc(c.header())).append("</th>");
        b.append("</tr>\n");
        for (Summary.Cell cell : s.cells()) {
            b.append("<tr>");
            for (int i = 0; i < COLUMNS.size(); i++) {
                boolean numeric = i > 0 && i < COLUMNS.size() - 1;
                b.append(numeric ? "<td class=\"n\">" : "<td>").append(esc(COLUMNS.get(i).value().apply(cell))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<h2>Executors</h2>\n<table><tr><th>executor</th><th>units</th><th>failed</th><th>tokens/s</th><th>TFLOP/s</th><th>device</th></tr>\n");
        for (Map.Entry<String, CellStats> e : s.executors().entrySet()) {
            CellStats st = e.getValue();
            b.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(st.units()).append("</td><td class=\"n\">")
                    .append(st.failed()).append("</td><td class=\"n\">").append(esc(num(st.tokensPerSecond(), 0))).append("</td><td class=\"n\">")
                    .append(esc(num(st.tflops(), 4))).append("</td><td>").append(esc(st.devices())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Failed units (").append(s.failures().size()).append(")</h2>\n");
        if (!s.failures().isEmpty()) {
            b.append("<table><tr><th>unit</th><th>reason</th></tr>\n");
            for (UnitResult r : s.failures()) b.append("<tr><td>").append(esc(r.unitId())).append("</td><td>").append(esc(r.error())).append("</td></tr>\n");
            b.append("</table>\n");
        }
        b.append("<h2>Skipped input records (").append(skipped).append(")</h2>\n");
        if (!skippedExamples.isEmpty()) {
            b.append("<ul>");
            for (String x : skippedExamples) b.append("<li>").append(esc(x)).append("</li>");
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** HTML-escapes text so that nothing from documents, specs or errors can become markup. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
