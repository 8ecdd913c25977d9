package dev.longsight.job.report;

import dev.longsight.job.output.PatternCost;
import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.ScatterChart;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pattern, at what cost: accuracy beside each pattern's exact density, kept blocks and
 * attention FLOPs, and the speedups over full attention that the run measured, by kernel time and by
 * wall time; a chart of accuracy against density with the Pareto front at each length.
 */
final class CostSection implements Section {
    @Override
    public String id() { return "cost"; }

    @Override
    public String heading() { return "Accuracy and cost"; }

    @Override
    public String body(ReportModel m) {
        StringBuilder b = new StringBuilder(Section.figure(chart(m)));
        HtmlTable t = new HtmlTable("cost", "pattern", "#length", "#units ok / total", "#accuracy [95% CI]", "#density",
                "#kept blocks / row", "#attention FLOPs / unit", "#kernel time / unit", "#speedup vs full (kernel time)",
                "#ideal (1 / density)", "#speedup vs full (wall time)", "#TFLOP/s", "device kind");
        for (String p : m.patterns)
            for (int len : m.lengths) {
                UnitStats s = m.stats(p, len);
                if (s == null) continue;
                PatternCost c = m.cost(p, len);
                t.row(p, Fmt.length(len), s.ok() + " / " + s.units(), SummarySection.accuracy(s),
                        c == null ? Fmt.NONE : Fmt.pct(c.density()), c == null ? Fmt.NONE : Fmt.sig(c.blocksPerRow()),
                        Fmt.si(s.meanFlops()), Fmt.ms(s.meanKernelMs()), times(m.speedup(p, len, false)),
                        c == null ? Fmt.NONE : times(1 / c.density()), times(m.speedup(p, len, true)), Fmt.sig(s.tflops()),
                        s.devices().isEmpty() ? Fmt.NONE : s.deviceKinds());
            }
        b.append(t.html());
        int block = m.lengths.isEmpty() ? 0 : m.blockSize(m.lengths.get(0));
        b.append(Section.note("Density: the (query, key) pairs the pattern attends over the causal pairs of full attention, counted "
                + "exactly on its block layout (" + block + "-token blocks, diagonal blocks masked token by token). Kept blocks / row: "
                + "mean key blocks per query block, diagonal included. Attention FLOPs: 4 x head dim x attended pairs, over all "
                + "layers and heads of a unit. Speedup (kernel time): full attention's mean kernel time at the same length over the "
                + "pattern's, what sparsity buys the attention kernels; its ideal is 1 / density. Speedup (wall time): the same "
                + "for the unit's wall time, which also counts the probe's work that sparsity does not shrink (Q/K/V "
                + "projections, per-layer updates, readout, host-device transfers), so it is smaller."
                + (m.total.cpuOnly() ? " TFLOP/s here was measured on a CPU: not a GPU figure." : "")));
        return b.toString();
    }

    static String times(double x) {
        return Double.isFinite(x) ? Fmt.sig(x) + "x" : Fmt.NONE;
    }

    /** Accuracy vs density, one point per pattern and length, with one Pareto front per length. */
    static String chart(ReportModel m) {
        int n = m.lengths.size();
        double[][] density = new double[m.patterns.size()][n], accuracy = new double[m.patterns.size()][n]; // (patterns, lengths)
        for (int i = 0; i < m.patterns.size(); i++)
            for (int j = 0; j < n; j++) {
                UnitStats s = m.stats(m.patterns.get(i), m.lengths.get(j));
                PatternCost c = m.cost(m.patterns.get(i), m.lengths.get(j));
                density[i][j] = c == null || s == null ? Double.NaN : c.density();
                accuracy[i][j] = s == null ? Double.NaN : s.accuracy();
            }
        boolean[][] onFront = new boolean[m.patterns.size()][n]; // (patterns, lengths)
        List<ScatterChart.Front> fronts = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] xs = new double[m.patterns.size()], ys = new double[m.patterns.size()]; // (patterns)
            for (int i = 0; i < xs.length; i++) { xs[i] = density[i][j]; ys[i] = accuracy[i][j]; }
            boolean[] on = Pareto.front(xs, ys);
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                onFront[i][j] = on[i];
                if (on[i]) pts.add(new double[] {xs[i], ys[i]});
            }
            pts.sort((a, c) -> Double.compare(a[0], c[0]));
            fronts.add(new ScatterChart.Front("Pareto front at " + Fmt.length(m.lengths.get(j)),
                    pts.stream().mapToDouble(a -> a[0]).toArray(), pts.stream().mapToDouble(a -> a[1]).toArray()));
        }
        List<ScatterChart.Group> groups = new ArrayList<>();
        for (int i = 0; i < m.patterns.size(); i++) {
            String p = m.patterns.get(i);
            String[] labels = new String[n], tips = new String[n]; // (lengths)
            for (int j = 0; j < n; j++) {
                labels[j] = Fmt.length(m.lengths.get(j));
                tips[j] = p + " at " + labels[j] + ": density " + Fmt.pct(density[i][j]) + ", accuracy "
                        + SummarySection.accuracy(m.stats(p, m.lengths.get(j))) + (onFront[i][j] ? ", on the Pareto front" : "");
            }
            groups.add(new ScatterChart.Group(p, m.colour(p), density[i], accuracy[i], labels, tips, onFront[i]));
        }
        return new ScatterChart("Accuracy vs density (kept pairs / causal pairs)",
                Axis.auto("density (log)", Scale.LOG, v -> Fmt.sig(100 * v) + "%"),
                AccuracySection.shareAxis("exact-match accuracy"), groups, fronts).svg();
    }
}
