package dev.longsight.job.report;

import dev.longsight.job.report.chart.Axis;
import dev.longsight.job.report.chart.LineChart;
import dev.longsight.job.report.chart.Scale;
import dev.longsight.job.report.chart.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Receptive-field accuracy (exact reachability) beside probe accuracy (numerical) per pattern, vs
 * length and, when the run has several layer counts, vs layers: where the probe falls below the
 * receptive field, dilution or noise is losing what the pattern's edges could carry.
 */
final class ReceptiveFieldSection implements Section {
    @Override
    public String id() { return "receptive-field"; }

    @Override
    public String heading() { return "Receptive field vs probe accuracy"; }

    private record Key(String pattern, int length, int layers) {}

    @Override
    public String body(ReportModel m) {
        Map<Key, UnitStats> by = UnitStats.groupBy(m.in.results(), r -> new Key(ReportModel.pattern(r), r.length(), r.layers()));
        int maxLayers = m.layers.isEmpty() ? 0 : m.layers.get(m.layers.size() - 1);
        int maxLength = m.lengths.isEmpty() ? 0 : m.lengths.get(m.lengths.size() - 1);
        boolean severalLayers = m.layers.size() > 1;
        StringBuilder b = new StringBuilder(Section.note("Solid: probe accuracy (exact match of the decoded answer). "
                + "Dashed: receptive-field accuracy (share of units whose question block is reachable from every needle "
                + "within the layers)."));
        List<Series> vsLength = new ArrayList<>();
        for (String p : m.patterns)
            for (boolean rf : new boolean[] {false, true}) {
                List<double[]> pts = new ArrayList<>();
                for (int len : m.lengths) {
                    UnitStats s = by.get(new Key(p, len, maxLayers));
                    if (s != null) pts.add(new double[] {len, rf ? s.rfAccuracy() : s.accuracy()});
                }
                vsLength.add(ReportModel.series(p + (rf ? ": receptive field" : ": probe"), m.colour(p), rf, pts));
            }
        b.append("<div class=\"charts\">");
        b.append(Section.figure(new LineChart("Receptive field and probe vs length (" + maxLayers + " layers)",
                AccuracySection.lengthAxis(), AccuracySection.shareAxis("accuracy"), vsLength).svg()));
        if (severalLayers) {
            List<Series> vsLayers = new ArrayList<>();
            for (String p : m.patterns)
                for (boolean rf : new boolean[] {false, true}) {
                    List<double[]> pts = new ArrayList<>();
                    for (int l : m.layers) {
                        UnitStats s = by.get(new Key(p, maxLength, l));
                        if (s != null) pts.add(new double[] {l, rf ? s.rfAccuracy() : s.accuracy()});
                    }
                    vsLayers.add(ReportModel.series(p + (rf ? ": receptive field" : ": probe"), m.colour(p), rf, pts));
                }
            b.append(Section.figure(new LineChart("Receptive field and probe vs layers (" + Fmt.length(maxLength) + " tokens)",
                    Axis.atData("layers", Scale.LINEAR, v -> String.valueOf(Math.round(v))),
                    AccuracySection.shareAxis("accuracy"), vsLayers).svg()));
        }
        b.append("</div>");
        HtmlTable t = new HtmlTable("rf", "pattern", "#length", "#layers", "#ok units", "#rf accuracy", "#mean rf coverage",
                "#probe accuracy", "#mean probe score");
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
}
