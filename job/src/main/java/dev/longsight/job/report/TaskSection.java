package dev.longsight.job.report;

/** RULER's per-task tables: accuracy per pattern and length for each task, with the average over lengths. */
final class TaskSection implements Section {
    @Override
    public String id() { return "tasks"; }

    @Override
    public String heading() { return "Accuracy per task"; }

    @Override
    public String body(ReportModel m) {
        if (m.tasks.isEmpty()) return Section.note("No units: no tasks.");
        StringBuilder b = new StringBuilder(Section.note("Each cell: " + m.scorer() + " accuracy, its 95% Wilson interval and n, the ok units "
                + "behind it. All lengths: the units of every length pooled."));
        for (String task : m.tasks) b.append("<h3>").append(Html.esc(task)).append("</h3>").append(SummarySection.rulerTable(m, task));
        return b.toString();
    }
}
