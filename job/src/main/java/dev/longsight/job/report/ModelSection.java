package dev.longsight.job.report;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real model's accuracy per pattern and length beside the probe's (when it ran) and the receptive
 * field's over the model's layers, with the answer's mean log-probability: which model, and what
 * computed its logits.
 */
final class ModelSection implements Section {
    static final String MEANING = "<strong>Model accuracy</strong>: a real checkpoint, prompted in RULER's wording and scored by teacher "
            + "forcing: a unit counts when the argmax at every token of the gold answer is that token (what greedy decoding would "
            + "produce); log p is the answer's mean log-probability per token. The pattern's block layout applies to every layer and "
            + "head of a model trained with full attention.";

    private record Key(String scorer, String pattern, int length) {}

    static boolean has(ReportModel m) { return m.all.stream().anyMatch(UnitResult::isModel); }

    @Override
    public String id() { return "model"; }

    @Override
    public String heading() { return "Model accuracy"; }

    @Override
    public boolean shown(ReportModel m) { return has(m); }

    @Override
    public String body(ReportModel m) {
        List<UnitResult> model = m.all.stream().filter(UnitResult::isModel).toList();
        Set<String> names = new TreeSet<>(), computedBy = new TreeSet<>();
        for (UnitResult r : model) {
            names.add(r.model() + " (" + r.modelHash() + ")");
            if ("ok".equals(r.status())) computedBy.add(r.kernel() + " on " + r.device());
        }
        Map<Key, UnitStats> by = UnitStats.groupBy(m.all, r -> new Key(r.isModel() ? "model" : "probe", ReportModel.pattern(r), r.length()));
        boolean probe = m.all.stream().anyMatch(r -> !r.isModel());
        Set<String> patterns = new LinkedHashSet<>();
        for (String p : m.patterns) patterns.add(p);
        model.forEach(r -> patterns.add(ReportModel.pattern(r)));
        Set<Integer> lengths = new TreeSet<>();
        model.forEach(r -> lengths.add(r.length()));
        List<String> headers = new ArrayList<>(List.of("pattern", "#length", "#model accuracy", "#log p (mean)"));
        if (probe) headers.add("#probe accuracy");
        headers.add("#receptive field (model's layers)");
        HtmlTable t = new HtmlTable("model", headers.toArray(String[]::new));
        for (String p : patterns) {
            for (int len : lengths) {
                UnitStats s = by.get(new Key("model", p, len));
                if (s == null) continue;
                List<String> row = new ArrayList<>(List.of(p, Fmt.length(len), SummarySection.accuracy(s), logprob(model, p, len)));
                if (probe) row.add(SummarySection.accuracy(by.get(new Key("probe", p, len))));
                row.add(Fmt.pct(s.rfAccuracy()));
                t.row(row.toArray(String[]::new));
            }
        }
        return Section.note("Model: " + String.join(", ", names) + ". Logits computed by: "
                + (computedBy.isEmpty() ? "nothing (no model unit succeeded)" : String.join("; ", computedBy)) + ".") + t.html();
    }

    private static String logprob(List<UnitResult> model, String pattern, int length) {
        double sum = 0;
        int n = 0;
        for (UnitResult r : model) {
            if (!"ok".equals(r.status()) || !ReportModel.pattern(r).equals(pattern) || r.length() != length) continue;
            sum += r.answerLogprob();
            n++;
        }
        return n == 0 ? Fmt.NONE : String.format(java.util.Locale.ROOT, "%.3f", sum / n);
    }
}
