package dev.longsight.job.report;

import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import dev.longsight.job.output.ExecutorTime;
import dev.longsight.job.output.WallSplit;
import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Throughput per pattern vs length, speedup over full attention, per-executor throughput, devices and kernels. */
final class ThroughputSection implements Section {
    @Override
    public String id() { return "throughput"; }

    @Override
    public String heading() { return "Throughput"; }

    @Override
    public String body(ReportModel m) {
        Axis lengths = AccuracySection.lengthAxis();
        List<Series> tokens = m.patterns.stream().map(p -> m.vsLength(p, p, false, UnitStats::tokensPerSecond)).toList();
        List<Series> tflops = m.patterns.stream().map(p -> m.vsLength(p, p, false, UnitStats::tflops)).toList();
        StringBuilder b = new StringBuilder("<div class=\"charts\">");
        b.append(Section.figure(new LineChart("Tokens per second (wall time) vs length", lengths,
                Axis.auto("tokens/s (log)", Scale.LOG, Fmt::si), tokens).svg()));
        String kind = m.total.deviceKinds().isEmpty() ? "" : " on " + m.total.deviceKinds();
        b.append(Section.figure(new LineChart("TFLOP/s (kernel time" + kind + ") vs length", lengths,
                Axis.auto("TFLOP/s" + (m.total.cpuOnly() ? " (CPU, not a GPU figure)" : ""), Scale.LINEAR, Fmt::sig), tflops).svg()));
        String full = m.full;
        String speedupNote;
        if (full == null) {
            speedupNote = "No speedup chart: the run has no 'full' pattern to compare with.";
        } else {
            List<Series> speedup = new ArrayList<>();
            for (String p : m.patterns) {
                if (p.equals(full)) continue;
                speedup.add(m.vsLength(p, p + ": kernel time", false, (len, s) -> m.speedup(p, len, false)));
                speedup.add(m.vsLength(p, p + ": wall time", true, (len, s) -> m.speedup(p, len, true)));
            }
            b.append(Section.figure(new LineChart("Speedup over full attention vs length", lengths,
                    Axis.auto("speedup (x, log)", Scale.LOG, Fmt::sig), speedup).svg()));
            speedupNote = "Speedup: mean time of 'full' divided by the pattern's, at the same length. Solid: kernel time "
                    + "(the attention kernels only); dashed: unit wall time, which also counts the probe's work that sparsity "
                    + "does not shrink, so it is the smaller of the two.";
        }
        b.append("</div>").append(Section.note(speedupNote));
        b.append("<h3>Per executor</h3>");
        Map<String, UnitStats> byExecutor = new TreeMap<>(UnitStats.groupBy(m.in.results(),
                r -> r.executorId() == null ? "unknown" : r.executorId()));
        HtmlTable ex = new HtmlTable("executors", "executor", "#units ok / total", "#tokens", "#busy (wall) time", "#tokens/s",
                "#TFLOP/s", "device kind", "device", "kernel");
        byExecutor.forEach((id, s) -> ex.row(id, s.ok() + " / " + s.units(), Fmt.si(s.tokens()), Fmt.ms(s.wallSeconds() * 1000),
                Fmt.si(s.tokensPerSecond()), Fmt.sig(s.tflops()), s.devices().isEmpty() ? Fmt.NONE : s.deviceKinds(),
                s.devices().isEmpty() ? Fmt.NONE : s.deviceNames(),
                s.kernels().isEmpty() ? Fmt.NONE : s.kernelNames()));
        b.append(ex.html());
        b.append(timeTables(m));
        b.append("<h3>Devices used</h3>");
        HtmlTable dev = new HtmlTable("devices", "device", "#ok units");
        m.total.devices().forEach((d, n) -> dev.row(d, String.valueOf(n)));
        b.append(dev.html());
        b.append("<h3>Kernels used</h3>");
        HtmlTable kern = new HtmlTable("kernels", "prefill kernel (precision and code that ran)", "#ok units");
        m.total.kernels().forEach((k, n) -> kern.row(k, String.valueOf(n)));
        return b.append(kern.html()).toString();
    }

    /** Where a unit's wall time goes (per pattern and length) and where the run's went per executor. */
    static String timeTables(ReportModel m) {
        StringBuilder b = new StringBuilder("<h3>Where a unit's wall time goes</h3>");
        Map<String, List<UnitResult>> cells = new java.util.LinkedHashMap<>();
        m.in.results().stream().sorted(java.util.Comparator.comparingInt(UnitResult::length))
                .forEach(r -> cells.computeIfAbsent(r.pattern() + "\n" + r.length(), k -> new ArrayList<>()).add(r));
        HtmlTable split = new HtmlTable("wall-split", "pattern", "length", "#units", "#mean unit wall", "#host build", "#transfers",
                "#kernels", "#readout", "#other");
        for (String p : m.patterns) {
            cells.forEach((k, rs) -> {
                if (!k.substring(0, k.indexOf('\n')).equals(p)) return;
                WallSplit w = WallSplit.of(rs);
                if (w.units() == 0) return;
                double[] sh = w.shares();
                split.row(p, Fmt.length(rs.get(0).length()), String.valueOf(w.units()), Fmt.ms(w.wallMs() / w.units()),
                        Fmt.pct(sh[0]), Fmt.pct(sh[1]), Fmt.pct(sh[2]), Fmt.pct(sh[3]), Fmt.pct(sh[4]));
            });
        }
        b.append(split.html()).append(Section.note("Shares of the units' wall time on the executor: host build (probe inputs, "
                + "residual stream, Q/K/V of every layer), transfers (inputs and layout put on the device, outputs got back), kernels "
                + "(device time where OpenCL events exist), readout (each layer's update, decoding and scoring), other (layout and "
                + "receptive field, launch overhead, the result). Units computed before this split was recorded are left out."));
        if (!m.in.executorTime().isEmpty()) {
            b.append("<h3>Where the run's wall time goes, per executor</h3>");
            HtmlTable ex = new HtmlTable("executor-time", "executor", "#units", "#kernel time", "#kernel share", "#unit wall time",
                    "#unit share", "#busy time", "#busy share", "#Spark + driver time", "#Spark + driver share");
            for (ExecutorTime e : m.in.executorTime()) {
                ex.row(e.executor(), String.valueOf(e.units()), Fmt.ms(e.kernelMs()), Fmt.pct(e.kernelShare()), Fmt.ms(e.unitMs()),
                        Fmt.pct(e.unitShare()), Fmt.ms(e.busyMs()), Fmt.pct(e.busyShare()), Fmt.ms(e.sparkDriverMs()), Fmt.pct(e.sparkDriverShare()));
            }
            b.append(ex.html()).append(Section.note("Shares of the run's wall time (" + Fmt.ms(m.in.executorTime().get(0).runMs())
                    + ", from the command's start to this report), over the units computed in this run. Busy: the time at least one "
                    + "of the executor's task slots ran a unit (with one slot, its unit wall time). Spark + driver: the rest, when the "
                    + "executor ran no unit (reading input, Spark's start-up and scheduling, commits, results.parquet)."));
        }
        return b.toString();
    }
}
