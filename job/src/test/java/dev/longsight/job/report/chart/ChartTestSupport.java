package dev.longsight.job.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counting and reading elements of generated SVG in tests. */
public final class ChartTestSupport {
    private ChartTestSupport() {}

    public static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    /** The values of one attribute of every element with the given tag and class, in document order. */
    public static List<String> attr(String svg, String tag, String cls, String attribute) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + "\\b([^>]*)>").matcher(svg);
        while (m.find()) {
            String attrs = m.group(1);
            if (!attrs.contains("class=\"" + cls + "\"")) continue;
            Matcher a = Pattern.compile("\\b" + attribute + "=\"([^\"]*)\"").matcher(attrs);
            if (a.find()) out.add(a.group(1));
        }
        return out;
    }
}
