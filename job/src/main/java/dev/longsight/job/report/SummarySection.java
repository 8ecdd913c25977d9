package dev.longsight.job.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The at-a-glance section: totals, what the numbers measure, and RULER's table: accuracy per
 * pattern and length over all tasks, with each pattern's effective context length.
 */
final class SummarySection implements Section {
    @Override
    public String id() { return "summary"; }

    @Override
    public String heading() { return "Summary"; }

    @Override
    public String body(ReportModel m) {
        UnitStats t = m.total;
        String head = t.units() + " units (" + t.ok() + " ok, " + (t.units() - t.ok()) + " failed), "
                + m.patterns.size() + " patterns, " + m.lengths.size() + " context lengths, " + m.tasks.size()
                + (m.tasks.size() == 1 ? " task" : " tasks") + "; overall exact-match accuracy " + Fmt.pct(t.accuracy()) + " "
                + Fmt.interval(t.accuracyInterval()) + "; devices: " + (t.devices().isEmpty() ? "none" : t.deviceNames()) + ".";
        return Section.note(head) + meaning(m) + "<h3>Accuracy by length, all tasks</h3>" + rulerTable(m, null)
                + Section.note(thresholdNote(m));
    }

    /** What the numbers of this report are, and what they are not. */
    static String meaning(ReportModel m) {
        List<String> items = new ArrayList<>();
        if (ModelSection.has(m)) items.add(ModelSection.MEANING);
        if (m.modelScored) {
            items.add("<strong>Receptive-field accuracy</strong>: exact reachability of the question's block from every needle within the "
                    + "model's layers on the pattern's block graph (the same layout in every layer and head); no attention is computed.");
        } else {
            items.add("<strong>Probe accuracy</strong> (\u201caccuracy\u201d): exact match of the answer decoded by a constructed, untrained "
                    + "attention network whose weights are built so that full attention retrieves every needle (job/PROBE.md). "
                    + "Under a sparse pattern it loses only what the pattern's missing edges, softmax dilution and precision take: "
                    + "an upper bound from reachability, with a multi-key interference model.");
            items.add("<strong>Receptive-field accuracy</strong>: exact reachability of the question's block from every needle within the layers "
                    + "on the pattern's block graph; no attention is computed.");
        }
        if (!ModelSection.has(m)) {
            items.add("<strong>Not in this report</strong>: the accuracy of a trained language model. A pattern that scores well here can still "
                    + "fail a real model; one that scores badly here cannot route the needle at all.");
        }
        items.add("<strong>Intervals</strong>: 95% Wilson intervals over the units of each cell; n is the number of ok units.");
        items.add(m.total.cpuOnly()
                ? "<strong>Throughput</strong> was measured on " + Html.esc(m.total.deviceKinds()) + ": its TFLOP/s is not a GPU figure."
                : "<strong>Throughput</strong>: TFLOP/s counts attention FLOPs over kernel time on the device named beside it ("
                  + Html.esc(m.total.deviceKinds().isEmpty() ? "none" : m.total.deviceKinds()) + ").");
        StringBuilder b = new StringBuilder("<div class=\"meaning\"><h3>What these numbers mean</h3><ul>");
        for (String i : items) b.append("<li>").append(i).append("</li>");
        return b.append("</ul></div>").toString();
    }

    /** "83.3% [72–91%] n=30": an accuracy, its interval and the units behind it. */
    static String accuracy(UnitStats s) {
        if (s == null || s.ok() == 0) return Fmt.NONE;
        return Fmt.pct(s.accuracy()) + " " + Fmt.interval(s.accuracyInterval()) + " n=" + s.ok();
    }

    /**
     * RULER's layout: one row per pattern, its effective length, accuracy per length and the average
     * over lengths (pooled units, the mean over lengths when each length has as many units).
     *
     * @param task one task, or null for all tasks pooled
     */
    static String rulerTable(ReportModel m, String task) {
        List<String> headers = new ArrayList<>(List.of("pattern"));
        if (task == null) headers.add("#effective length");
        m.lengths.forEach(len -> headers.add("#" + Fmt.length(len)));
        headers.add("#all lengths");
        HtmlTable t = new HtmlTable(task == null ? "ruler" : "ruler task", headers.toArray(String[]::new));
        double threshold = EffectiveLength.threshold(m);
        for (String p : m.patterns) {
            List<String> row = new ArrayList<>(List.of(p));
            double[] acc = new double[m.lengths.size()]; // (lengths)
            for (int i = 0; i < acc.length; i++) {
                UnitStats s = m.stats(p, task, m.lengths.get(i));
                acc[i] = s == null ? Double.NaN : s.accuracy();
            }
            if (task == null) row.add(EffectiveLength.text(EffectiveLength.of(m.lengths, acc, threshold), m.lengths));
            for (int len : m.lengths) row.add(accuracy(m.stats(p, task, len)));
            row.add(accuracy(m.stats(p, task, null)));
            t.row(row.toArray(String[]::new));
        }
        return t.html();
    }

    static String thresholdNote(ReportModel m) {
        double threshold = EffectiveLength.threshold(m);
        String pooled = "Accuracy pools the ok units of all tasks (RULER's mean over tasks when every task has as many units). ";
        if (Double.isNaN(threshold))
            return pooled + "Effective length: not given, because the run has no full-attention accuracy to set its threshold.";
        return pooled + "Effective length (RULER): the longest length up to which accuracy stays at or above " + Fmt.pct(threshold)
                + ", that is " + Math.round(EffectiveLength.FACTOR * 100) + "% of full attention's accuracy at "
                + Fmt.length(m.lengths.get(0)) + "; \u201c\u2265\u201d: it held at every length run.";
    }
}
