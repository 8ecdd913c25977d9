package dev.longsight.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.job.config.Redaction;
import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders a {@link Summary} as summary.csv, summary.json and the console table (report.html: {@link dev.longsight.job.report.HtmlReport}). */
public final class SummaryFormats {
    private SummaryFormats() {}

    /** One column of the per-cell table: its CSV name, console header (null: not on the console), value and console text. */
    private record Column(String csv, String header, Function<Summary.Cell, String> value, Function<Summary.Cell, String> shown) {
        Column(String csv, String header, Function<Summary.Cell, String> value) { this(csv, header, value, value); }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("scorer", "scorer", Summary.Cell::scorer),
            new Column("pattern", "pattern", Summary.Cell::pattern),
            new Column("length", "length", c -> String.valueOf(c.length())),
            new Column("units", "units", c -> String.valueOf(c.stats().units())),
            new Column("failed", "failed", c -> String.valueOf(c.stats().failed())),
            new Column("accuracy", "accuracy", c -> num(c.stats().accuracy(), 4)),
            new Column("accuracy_ci_low", "95% CI", c -> num(c.stats().accuracyInterval()[0], 4), c -> interval(c.stats())),
            new Column("accuracy_ci_high", null, c -> num(c.stats().accuracyInterval()[1], 4)),
            new Column("rf_accuracy", "rf acc", c -> num(c.stats().rfAccuracy(), 4)),
            new Column("score", null, c -> num(c.stats().meanScore(), 4)),
            new Column("rf_coverage", null, c -> num(c.stats().meanRfCoverage(), 4)),
            new Column("density", "density", c -> c.cost() == null ? "" : num(c.cost().density(), 6)),
            new Column("blocks_per_row", "blocks/row", c -> c.cost() == null ? "" : num(c.cost().blocksPerRow(), 2)),
            new Column("attention_flops", null, c -> sci(c.stats().meanFlops())),
            new Column("kernel_ms", null, c -> num(c.stats().meanKernelMs(), 3)),
            new Column("wall_ms", null, c -> num(c.stats().meanWallMs(), 3)),
            new Column("speedup_kernel", "speedup (kernel)", c -> num(c.speedupKernel(), 3)),
            new Column("speedup_wall", "speedup (wall)", c -> num(c.speedupWall(), 3)),
            new Column("tokens_per_s", "tokens/s", c -> num(c.stats().tokensPerSecond(), 0)),
            new Column("tflops", "TFLOP/s", c -> num(c.stats().tflops(), 4)),
            new Column("device_kind", null, c -> c.stats().deviceKinds()),
            new Column("device", "device", c -> c.stats().devices()),
            new Column("kernel", "kernel", c -> c.stats().kernels()));

    /**
     * What the cost and speed columns count, printed under the console table so the two speedups are
     * not read as one.
     */
    public static final String LEGEND = "density: kept (query, key) pairs / causal pairs; blocks/row: mean key blocks per query block; "
            + "speedup (kernel): full attention's mean kernel time / the pattern's; speedup (wall): the same for unit wall time, "
            + "which also counts the probe's dense work around the kernels";

    public static String csv(Summary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS.stream().map(Column::csv).toList())).append('\n');
        for (Summary.Cell c : s.cells()) b.append(String.join(",", COLUMNS.stream().map(col -> Csv.field(col.value().apply(c))).toList())).append('\n');
        return b.toString();
    }

    public static String json(Summary s, String fingerprint, int skippedRecords, int skippedFiles) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("fingerprint", fingerprint);
        root.put("units", s.total().units());
        root.put("failed", s.total().failed());
        root.put("skipped_input_records", skippedRecords);
        root.put("skipped_input_files", skippedFiles);
        ArrayNode cells = root.putArray("cells");
        for (Summary.Cell c : s.cells()) {
            ObjectNode n = stats(cells.addObject().put("scorer", c.scorer()).put("pattern", c.pattern()).put("length", c.length()), c.stats());
            putNumber(n, "density", c.cost() == null ? Double.NaN : c.cost().density());
            putNumber(n, "blocks_per_row", c.cost() == null ? Double.NaN : c.cost().blocksPerRow());
            putNumber(n, "speedup_kernel", c.speedupKernel());
            putNumber(n, "speedup_wall", c.speedupWall());
        }
        ArrayNode ex = root.putArray("executors");
        s.executors().forEach((id, st) -> stats(ex.addObject().put("executor", id), st));
        ArrayNode failures = root.putArray("failures");
        for (UnitResult r : s.failures()) failures.addObject().put("unit", r.unitId()).put("error", Redaction.text(r.error()));
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode stats(ObjectNode n, CellStats st) {
        n.put("units", st.units()).put("failed", st.failed());
        putNumber(n, "accuracy", st.accuracy());
        putNumber(n, "accuracy_ci_low", st.accuracyInterval()[0]);
        putNumber(n, "accuracy_ci_high", st.accuracyInterval()[1]);
        putNumber(n, "rf_accuracy", st.rfAccuracy());
        putNumber(n, "score", st.meanScore());
        putNumber(n, "rf_coverage", st.meanRfCoverage());
        putNumber(n, "tokens_per_s", st.tokensPerSecond());
        putNumber(n, "attention_flops", st.meanFlops());
        putNumber(n, "kernel_ms", st.meanKernelMs());
        putNumber(n, "wall_ms", st.meanWallMs());
        putNumber(n, "tflops", st.tflops());
        return n.put("device_kind", st.deviceKinds()).put("device", st.devices()).put("kernel", st.kernels());
    }

    /** JSON has no NaN: an undefined rate (no completed units) is null. */
    private static void putNumber(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v); else n.putNull(k);
    }

    /**
     * The aligned per-pattern table printed at the end of a run; a device or kernel that is the same
     * for all cells is named once below it instead of in a column, and the scorer only when a model ran.
     */
    public static String console(Summary s) {
        boolean oneDevice = same(s, CellStats::devices), oneKernel = same(s, CellStats::kernels);
        boolean probeOnly = s.cells().stream().allMatch(c -> c.scorer().equals("probe"));
        List<Column> cols = COLUMNS.stream().filter(c -> c.header() != null)
                .filter(c -> !(probeOnly && c.csv().equals("scorer")))
                .filter(c -> !(oneDevice && c.csv().equals("device")) && !(oneKernel && c.csv().equals("kernel"))).toList();
        List<String[]> rows = new ArrayList<>();
        rows.add(cols.stream().map(Column::header).toArray(String[]::new));
        for (Summary.Cell c : s.cells()) rows.add(cols.stream().map(col -> col.shown().apply(c)).toArray(String[]::new));
        int[] w = new int[cols.size()];
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                boolean left = i == 0 || cols.get(i).csv().equals("device") || cols.get(i).csv().equals("kernel");
                line.append(i == 0 ? "" : "  ").append(String.format("%" + (left ? "-" : "") + w[i] + "s", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (!s.cells().isEmpty()) b.append(LEGEND).append('\n');
        if (s.total().cpuOnly()) b.append("TFLOP/s: measured on a CPU, not a GPU figure\n");
        if (oneDevice && !s.cells().isEmpty()) b.append("device: ").append(s.cells().get(0).stats().devices()).append('\n');
        if (oneKernel && !s.cells().isEmpty()) b.append("kernel: ").append(s.cells().get(0).stats().kernels()).append('\n');
        return b.toString();
    }

    /**
     * Where the time went, for the console: the computed units' wall time split into its parts, and
     * per executor its kernel, unit, busy and Spark + driver time with their shares of the run's wall time.
     */
    public static String time(WallSplit split, List<ExecutorTime> executors) {
        StringBuilder b = new StringBuilder();
        if (split.units() > 0) {
            b.append(String.format(Locale.ROOT, "unit wall time (%d units computed now, %.1f s in all):", split.units(), split.wallMs() / 1000));
            double[] sh = split.shares();
            for (int i = 0; i < sh.length; i++) b.append(i == 0 ? " " : ", ").append(split.names()[i]).append(' ').append(pct(sh[i]));
            b.append('\n');
        }
        if (executors.isEmpty()) return b.toString();
        b.append(String.format(Locale.ROOT, "time per executor (shares of the run's %.1f s wall time; busy: some unit running; "
                + "spark + driver: the rest):%n", executors.get(0).runMs() / 1000));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"executor", "units", "kernel", "unit wall", "busy", "spark + driver"});
        for (ExecutorTime e : executors) {
            rows.add(new String[] {e.executor(), String.valueOf(e.units()), secs(e.kernelMs(), e.kernelShare()), secs(e.unitMs(), e.unitShare()),
                    secs(e.busyMs(), e.busyShare()), secs(e.sparkDriverMs(), e.sparkDriverShare())});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) line.append(i == 0 ? "" : "  ").append(String.format("%" + (i == 0 ? "-" : "") + w[i] + "s", r[i]));
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String secs(double ms, double share) {
        return String.format(Locale.ROOT, "%.2f s (%s)", ms / 1000, pct(share));
    }

    private static String pct(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "-";
    }

    private static boolean same(Summary s, Function<CellStats, String> names) {
        return s.cells().stream().map(c -> names.apply(c.stats())).distinct().count() <= 1;
    }

    /** The accuracy interval as "low-high" for the console; the CSV splits it in two columns. */
    private static String interval(CellStats st) {
        double[] ci = st.accuracyInterval();
        return Double.isFinite(ci[0]) ? num(ci[0], 2) + "-" + num(ci[1], 2) : "";
    }

    /** FLOP counts span 1e6..1e18: scientific notation keeps their digits. */
    static String sci(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4e", v) : "";
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
    }
}
