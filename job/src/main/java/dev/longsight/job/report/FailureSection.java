package dev.longsight.job.report;

import dev.longsight.job.config.Redaction;
import dev.longsight.job.unit.UnitResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Failed units: how many, grouped by reason, and the first of them in full. */
final class FailureSection implements Section {
    /** Enough to diagnose; a 10,000-unit run that failed everywhere still gives a readable page. */
    static final int LISTED = 100;

    @Override
    public String id() { return "failures"; }

    @Override
    public String heading() { return "Failed units"; }

    @Override
    public String body(ReportModel m) {
        List<UnitResult> failed = m.failed();
        if (failed.isEmpty()) return Section.note("No unit failed.");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (UnitResult r : failed) reasons.merge(r.error() == null || r.error().isBlank() ? "(no reason recorded)" : Redaction.text(r.error()), 1, Integer::sum);
        HtmlTable byReason = new HtmlTable("reasons", "reason", "#units");
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> byReason.row(e.getKey(), String.valueOf(e.getValue())));
        HtmlTable units = new HtmlTable("failed", "unit", "pattern", "#length", "#depth", "executor", "status", "error");
        failed.stream().limit(LISTED).forEach(r -> units.row(r.unitId(), r.pattern(), Fmt.length(r.length()),
                Fmt.depth(r.depth()), r.executorId(), r.status(), Redaction.text(r.error())));
        return Section.note(failed.size() + " of " + m.total.units() + " units failed.") + byReason.html()
                + (failed.size() > LISTED ? Section.note("The first " + LISTED + " failed units:") : "") + units.html();
    }
}
