package dev.longsight.job.report;

/** One section of the report: an anchor id, a heading, and its HTML body built from the model. */
interface Section {
    String id();

    String heading();

    String body(ReportModel m);

    /** Whether the report has this section: one with nothing to show is left out, not shown empty. */
    default boolean shown(ReportModel m) { return true; }

    /** A chart wrapped as a figure (the SVG carries its own title). */
    static String figure(String svg) {
        return "<figure class=\"figure\">" + svg + "</figure>";
    }

    /** A paragraph of escaped text. */
    static String note(String text) {
        return "<p class=\"note\">" + Html.esc(text) + "</p>";
    }
}
