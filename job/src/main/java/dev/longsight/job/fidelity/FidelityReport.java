package dev.longsight.job.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The markdown section of a fidelity sweep: error vs length per pattern, cost per pattern, and
 * the n^C paper's three claims read off the data (trend verdicts are computed, never written in).
 */
public final class FidelityReport {
    private FidelityReport() {}

    public static String markdown(String header, List<FidelityResult> rs) {
        List<Integer> lengths = lengths(rs);
        Map<String, List<FidelityResult>> byPattern = byPattern(rs);
        StringBuilder b = new StringBuilder("## Fidelity to exact attention\n\n").append(header).append("\n\n");
        b.append("Dropped mass = softmax mass outside the pattern = total-variation distance between the exact and the sparse\n")
                .append("attention row (1 - exp(LSE_sparse - LSE_exact)); rel. L2 = |o_sparse - o_exact| / |o_exact|; both per query\n")
                .append("row, averaged over rows and heads. [token] rows keep, per query row, the same number of keys as the block\n")
                .append("top-k row but the individually largest scores (CPU reference): the gap to [block] is the cost of block granularity.\n")
                .append("Trend: least-squares slope of log(error) vs log(n); dropped masses below ")
                .append(Trend.NOISE_FLOOR).append(" are fp32 noise and left out.\n\n");
        table(b, "Mean dropped softmax mass, all rows", lengths, byPattern, FidelityResult::droppedMean, true);
        table(b, "Mean dropped softmax mass, last position bucket (rows attending about n keys)", lengths, byPattern,
                FidelityResult::droppedLate, true);
        table(b, "Mean relative L2 error of the output", lengths, byPattern, FidelityResult::relL2Mean, true);
        table(b, "p99 dropped softmax mass", lengths, byPattern, FidelityResult::droppedP99, false);
        table(b, "Cost: mean key blocks per query block", lengths, byPattern, FidelityResult::blocksPerRow, false);
        claims(b, lengths, byPattern);
        return b.toString();
    }

    /** The claims section alone (markdown: a heading, numbered claims, one "   - " line per pattern). */
    public static String claims(List<FidelityResult> rs) {
        StringBuilder b = new StringBuilder();
        claims(b, lengths(rs), byPattern(rs));
        return b.toString();
    }

    /** The swept lengths present, ascending. */
    static List<Integer> lengths(List<FidelityResult> rs) {
        return new ArrayList<>(new TreeSet<>(rs.stream().map(FidelityResult::length).toList()));
    }

    /** Rows by "pattern [granularity]", in first-seen order, each in the rows' order. */
    static Map<String, List<FidelityResult>> byPattern(List<FidelityResult> rs) {
        Map<String, List<FidelityResult>> byPattern = new LinkedHashMap<>();
        for (FidelityResult r : rs) byPattern.computeIfAbsent(r.pattern() + " [" + r.granularity() + "]", k -> new ArrayList<>()).add(r);
        return byPattern;
    }

    private static void table(StringBuilder b, String title, List<Integer> lengths, Map<String, List<FidelityResult>> byPattern,
                              ToDoubleFunction<FidelityResult> f, boolean trend) {
        b.append("### ").append(title).append("\n\n| pattern |");
        for (int n : lengths) b.append(' ').append(n).append(" |");
        if (trend) b.append(" trend |");
        b.append("\n|---|");
        b.append("---|".repeat(lengths.size() + (trend ? 1 : 0))).append('\n');
        for (var e : byPattern.entrySet()) {
            b.append("| ").append(e.getKey()).append(" |");
            List<Double> ys = new ArrayList<>();
            for (int n : lengths) {
                Double v = e.getValue().stream().filter(r -> r.length() == n).map(r -> f.applyAsDouble(r)).findFirst().orElse(null);
                b.append(' ').append(v == null ? "-" : fmt(v)).append(" |");
                ys.add(v == null ? Double.NaN : v);
            }
            if (trend) b.append(' ').append(Trend.of(lengths, ys).verdict()).append(" |");
            b.append('\n');
        }
        b.append('\n');
    }

    private static void claims(StringBuilder b, List<Integer> lengths, Map<String, List<FidelityResult>> byPattern) {
        b.append("### The paper's claims, as this data shows them\n\n");
        claim(b, "1. k = alpha n^C (error should fall with n)", lengths, byPattern, "C=");
        claim(b, "2. k = c log n (error should not vanish)", lengths, byPattern, ",log");
        b.append("3. Adaptive vs fixed window at equal average cost (mean dropped mass over the swept lengths; "
                + "'window:...,mean' is the fixed window whose cost averaged over the sweep equals the adaptive window's):\n\n");
        boolean any = false;
        for (var e : byPattern.entrySet()) {
            FidelityResult first = e.getValue().get(0);
            if (!first.kind().equals("window") && !first.kind().equals("fixed-window") && !first.kind().equals("topk")) continue;
            double mass = e.getValue().stream().mapToDouble(FidelityResult::droppedMean).average().orElse(Double.NaN);
            double cost = e.getValue().stream().mapToDouble(FidelityResult::blocksPerRow).average().orElse(Double.NaN);
            double last = e.getValue().get(e.getValue().size() - 1).droppedMean();
            b.append(String.format(Locale.ROOT, "   - %s (%s): mean dropped mass %s, at the longest length %s, mean cost %.2f blocks a row%n",
                    e.getKey(), first.kind(), fmt(mass), fmt(last), cost));
            any = true;
        }
        if (!any) b.append("   - no window or top-k patterns in this sweep\n");
        b.append('\n');
    }

    private static void claim(StringBuilder b, String title, List<Integer> lengths, Map<String, List<FidelityResult>> byPattern, String marker) {
        b.append(title).append(":\n\n");
        boolean any = false;
        for (var e : byPattern.entrySet()) {
            FidelityResult first = e.getValue().get(0);
            if (first.kind().equals("static") || first.kind().equals("fixed-window") || !first.pattern().contains(marker)) continue;
            List<Integer> ns = e.getValue().stream().map(FidelityResult::length).toList();
            Trend late = Trend.of(ns, e.getValue().stream().map(FidelityResult::droppedLate).toList());
            Trend dm = Trend.of(ns, e.getValue().stream().map(FidelityResult::droppedMean).toList());
            Trend l2 = Trend.of(ns, e.getValue().stream().map(FidelityResult::relL2Late).toList());
            b.append("   - ").append(e.getKey()).append(": dropped mass of the last bucket ").append(late.verdict())
                    .append(", of all rows ").append(dm.verdict()).append("; output error of the last bucket ")
                    .append(l2.verdict()).append('\n');
            any = true;
        }
        if (!any) b.append("   - no such pattern in this sweep\n");
        b.append('\n');
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "-";
        if (v == 0) return "0";
        if (Math.abs(v) >= 0.01 && Math.abs(v) < 1000) return String.format(Locale.ROOT, "%.3f", v);
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
