package dev.longsight.job.report.chart;

import dev.longsight.job.report.Html;

/** A minimal writer of inline SVG (no namespace, ids or external references: it lives inside the HTML page). */
final class Svg {
    private final StringBuilder b = new StringBuilder(4096);

    /** Opens an SVG of the given size; {@code title} becomes its accessible name and tooltip. */
    Svg(String cssClass, double width, double height, String title) {
        b.append("<svg class=\"").append(cssClass).append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
         .append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
         .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\"><title>")
         .append(Html.esc(title)).append("</title>");
    }

    /** Text at (x, y); {@code anchor} is start, middle or end; {@code cls} a CSS class. */
    Svg text(double x, double y, String anchor, String cls, String s) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
         .append("\" class=\"").append(cls).append("\">").append(Html.esc(s)).append("</text>");
        return this;
    }

    /** Text rotated by -90 degrees around (x, y): the y-axis title. */
    Svg vtext(double x, double y, String cls, String s) {
        b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 ")
         .append(n(x)).append(' ').append(n(y)).append(")\" class=\"").append(cls).append("\">").append(Html.esc(s)).append("</text>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
         .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cls).append("\"/>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls, String stroke, boolean dashed) {
        b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
         .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cls).append("\" stroke=\"").append(stroke).append('"');
        if (dashed) b.append(" stroke-dasharray=\"6 4\"");
        b.append("/>");
        return this;
    }

    /** A rectangle filled with {@code fill}; {@code tip} (may be null) becomes its tooltip. */
    Svg rect(double x, double y, double w, double h, String cls, String fill, String tip) {
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
         .append("\" height=\"").append(n(h)).append("\" class=\"").append(cls).append("\" fill=\"").append(fill).append('"');
        if (tip == null) return raw("/>");
        return raw("><title>").raw(Html.esc(tip)).raw("</title></rect>");
    }

    /** A polyline through the points; xs/ys are (points) pixel coordinates. */
    Svg polyline(double[] xs, double[] ys, int count, String cls, String stroke, boolean dashed, String tip) {
        b.append("<polyline class=\"").append(cls).append("\" fill=\"none\" stroke=\"").append(stroke).append('"');
        if (dashed) b.append(" stroke-dasharray=\"6 4\"");
        b.append(" points=\"");
        for (int i = 0; i < count; i++) b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        b.append("\"><title>").append(Html.esc(tip)).append("</title></polyline>");
        return this;
    }

    Svg circle(double x, double y, double r, String cls, String fill, String tip) {
        b.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
         .append("\" class=\"").append(cls).append("\" fill=\"").append(fill).append("\"><title>").append(Html.esc(tip))
         .append("</title></circle>");
        return this;
    }

    Svg raw(String s) {
        b.append(s);
        return this;
    }

    String end() {
        return b.append("</svg>").toString();
    }

    /** A coordinate with one decimal: enough for pixels, short in the file. */
    static String n(double v) {
        long t = Math.round(v * 10);
        return t % 10 == 0 ? Long.toString(t / 10) : (t < 0 && t > -10 ? "-0." + (-t) : (t / 10) + "." + Math.abs(t % 10));
    }
}
