package dev.longsight.job.report;

import java.util.Arrays;

/** An HTML table whose cells are escaped text; numeric columns are right-aligned. */
public final class HtmlTable {
    private final StringBuilder b = new StringBuilder();
    private final boolean[] numeric;

    /** Headers; a header starting with '#' marks a numeric column (the '#' is not shown). */
    public HtmlTable(String cssClass, String... headers) {
        numeric = new boolean[headers.length];
        b.append("<div class=\"table-wrap\"><table class=\"").append(cssClass).append("\"><thead><tr>");
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].startsWith("#");
            b.append(numeric[i] ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">")
             .append(Html.esc(numeric[i] ? headers[i].substring(1) : headers[i])).append("</th>");
        }
        b.append("</tr></thead><tbody>");
    }

    public HtmlTable row(String... cells) {
        if (cells.length != numeric.length)
            throw new IllegalArgumentException("table row: expected " + numeric.length + " cells, got " + Arrays.toString(cells));
        b.append("<tr>");
        for (int i = 0; i < cells.length; i++)
            b.append(numeric[i] ? "<td class=\"num\">" : "<td>").append(Html.esc(cells[i])).append("</td>");
        b.append("</tr>");
        return this;
    }

    public String html() {
        return b + "</tbody></table></div>";
    }
}
