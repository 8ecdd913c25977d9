package dev.longsight.job.report;

import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Receptive-field accuracy (exact reachability) beside probe accuracy (numerical) per pattern, vs
 * length and, when the run has several layer counts, vs layers: where the probe falls below the
 * receptive field, dilution or noise is losing what the pattern's edges could carry.
 */
final class ReceptiveFieldSection implements Section {
    @Override
    public String id() { return "receptive-field"; }

    @Override
    public String heading() { return "Receptive field vs accuracy"; }

    private record Key(String pattern, int length, int layers) {}

    @Override
    public String body(ReportModel m) {
        Map<Key, UnitStats> by = UnitStats.groupBy(m.in.results(), r -> new Key(ReportModel.pattern(r), r.length(), r.layers()));
        int maxLayers = m.layers.isEmpty() ? 0 : m.layers.get(m.layers.size() - 1);
        int maxLength = m.lengths.isEmpty() ? 0 : m.lengths.get(m.lengths.size() - 1);
        boolean severalLayers = m.layers.size() > 1;
        String scorer = m.scorer();
        StringBuilder b = new StringBuilder(Section.note((m.modelScored
                ? "Solid: model accuracy (the argmax at every answer token is the gold token, by teacher forcing). "
                : "Solid: probe accuracy (exact match of the decoded answer). ")
                + "Dashed: receptive-field accuracy (share of units whose question block is reachable from every needle "
                + "within the layers)." + (m.modelScored ? "" : " The probe is an upper bound from reachability with a multi-key interference model: "
                + "a reached single needle is retrieved, so on passkey, single-needle and multi-value units it equals the "
                + "receptive field, and only multi-key and multi-query units fall below it. Its ranking of patterns is set "
                + "by the layer count (job/PROBE.md).")));
        String deviations = deviations(m.patterns);
        if (!deviations.isEmpty()) b.append(Section.note(deviations));
        List<Series> vsLength = probeAndReceptiveField(m, m.lengths, (p, len) -> by.get(new Key(p, len, maxLayers)));
        b.append("<div class=\"charts\">");
        b.append(Section.figure(new LineChart("Receptive field and " + scorer + " vs length (" + maxLayers + " layers)",
                AccuracySection.lengthAxis(), AccuracySection.shareAxis("accuracy"), vsLength).svg()));
        if (severalLayers) {
            List<Series> vsLayers = probeAndReceptiveField(m, m.layers, (p, l) -> by.get(new Key(p, maxLength, l)));
            b.append(Section.figure(new LineChart("Receptive field and " + scorer + " vs layers (" + Fmt.length(maxLength) + " tokens)",
                    Axis.atData("layers", Scale.LINEAR, v -> String.valueOf(Math.round(v))),
                    AccuracySection.shareAxis("accuracy"), vsLayers).svg()));
        }
        b.append("</div>");
        HtmlTable t = new HtmlTable("rf", "pattern", "#length", "#layers", "#ok units", "#rf accuracy", "#mean rf coverage",
                "#" + scorer + " accuracy", "#mean " + scorer + " score");
        for (String p : m.patterns)
            for (int len : m.lengths)
                for (int l : m.layers) {
                    UnitStats s = by.get(new Key(p, len, l));
                    if (s != null)
                        t.row(p, Fmt.length(len), String.valueOf(l), String.valueOf(s.ok()), Fmt.pct(s.rfAccuracy()),
                                Fmt.pct(s.meanRfCoverage()), Fmt.pct(s.accuracy()), Fmt.pct(s.meanScore()));
                }
        return b.append(t.html()).toString();
    }

    /** The patterns of this report whose rules differ from the paper's, one sentence (empty when none). */
    static String deviations(List<String> patterns) {
        List<String> notes = new ArrayList<>();
        for (String p : patterns) {
            String d = dev.longsight.kernels.pattern.Patterns.paperDeviation(p);
            if (d != null) notes.add(p + ": " + d);
        }
        return notes.isEmpty() ? "" : "Presets whose rules differ from the paper's: " + String.join("; ", notes) + ".";
    }

    /**
     * Two series per pattern, probe (solid) and receptive field (dashed), over {@code xs}; a point is
     * left out where {@code at} has no units, so a line spans only what the run measured.
     */
    private static List<Series> probeAndReceptiveField(ReportModel m, List<Integer> xs, BiFunction<String, Integer, UnitStats> at) {
        List<Series> series = new ArrayList<>();
        for (String p : m.patterns)
            for (boolean rf : new boolean[] {false, true}) {
                List<double[]> pts = new ArrayList<>();
                for (int x : xs) {
                    UnitStats s = at.apply(p, x);
                    if (s != null) pts.add(new double[] {x, rf ? s.rfAccuracy() : s.accuracy()});
                }
                series.add(ReportModel.series(p + (rf ? ": receptive field" : ": " + m.scorer()), m.colour(p), rf, pts));
            }
        return series;
    }
}
