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

    public static String markdown(String header, List<FidelityResult> rs) { return markdown(header, rs, List.of(), List.of()); }

    /**
     * The section, with error bars over documents where the source has several, the claims' verdicts with
     * per-document slopes, and the claims read per layer and head where the source has them.
     */
    public static String markdown(String header, List<FidelityResult> rs, List<HeadResult> heads, List<DocumentResult> docs) {
        List<Integer> lengths = lengths(rs);
        Map<String, List<FidelityResult>> byPattern = byPattern(rs);
        StringBuilder b = new StringBuilder("## Fidelity to exact attention\n\n").append(header).append("\n\n");
        b.append("Dropped mass = softmax mass outside the pattern = total-variation distance between the exact and the sparse\n")
                .append("attention row (1 - exp(LSE_sparse - LSE_exact)); rel. L2 = |o_sparse - o_exact| / |o_exact|; both per query\n")
                .append("row, averaged over rows and heads. [token] rows keep, per query row, the same number of keys as the block\n")
                .append("top-k row but the individually largest scores (CPU reference): the gap to [block] is the cost of block granularity.\n")
                .append("Trend: least-squares slope of log(error) vs log(n); dropped masses below ")
                .append(Trend.NOISE_FLOOR).append(" are fp32 noise and left out.");
        int documents = rs.isEmpty() ? 1 : rs.get(0).documents();
        if (documents > 1) {
            b.append(" With ").append(documents).append(" documents, a last-bucket mean is shown as mean ± standard error over ")
                    .append("documents (each document's mean over its layers and heads).");
        }
        b.append("\n\n");
        table(b, "Mean dropped softmax mass, all rows", lengths, byPattern, FidelityResult::droppedMean, true);
        table(b, "Mean dropped softmax mass, last position bucket (rows attending about n keys)", lengths, byPattern,
                FidelityResult::droppedLate, true, documents > 1 ? FidelityResult::droppedLateSe : null);
        table(b, "Mean relative L2 error of the output", lengths, byPattern, FidelityResult::relL2Mean, true);
        table(b, "p99 dropped softmax mass (" + quantileMethod(rs) + ")", lengths, byPattern, FidelityResult::droppedP99, false);
        table(b, "Cost: mean key blocks per query block", lengths, byPattern, FidelityResult::blocksPerRow, false);
        claims(b, lengths, byPattern);
        verdicts(b, byPattern, docs);
        perHead(b, heads);
        return b.toString();
    }

    /** The verdicts and the per-head tables alone (markdown), as the HTML report shows them. */
    public static String verdictsAndHeads(List<FidelityResult> rs, List<HeadResult> heads, List<DocumentResult> docs) {
        StringBuilder b = new StringBuilder();
        verdicts(b, byPattern(rs), docs);
        perHead(b, heads);
        return b.toString();
    }

    /** How the quantiles of these rows were computed, as their table's title states it. */
    static String quantileMethod(List<FidelityResult> rs) {
        TreeSet<String> ms = new TreeSet<>(rs.stream().map(FidelityResult::quantiles).toList());
        if (ms.equals(new TreeSet<>(List.of("exact")))) return "exact quantiles";
        return "quantiles: " + String.join(", ", ms) + "; a histogram quantile stands for every value within "
                + dev.longsight.kernels.fidelity.Distribution.HISTOGRAM_RESOLUTION + " of it";
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
        table(b, title, lengths, byPattern, f, trend, null);
    }

    private static void table(StringBuilder b, String title, List<Integer> lengths, Map<String, List<FidelityResult>> byPattern,
                              ToDoubleFunction<FidelityResult> f, boolean trend, ToDoubleFunction<FidelityResult> se) {
        b.append("### ").append(title).append("\n\n| pattern |");
        for (int n : lengths) b.append(' ').append(n).append(" |");
        if (trend) b.append(" trend |");
        b.append("\n|---|");
        b.append("---|".repeat(lengths.size() + (trend ? 1 : 0))).append('\n');
        for (var e : byPattern.entrySet()) {
            b.append("| ").append(e.getKey()).append(" |");
            List<Double> ys = new ArrayList<>();
            for (int n : lengths) {
                FidelityResult row = e.getValue().stream().filter(r -> r.length() == n).findFirst().orElse(null);
                Double v = row == null ? null : f.applyAsDouble(row);
                b.append(' ').append(v == null ? "-" : fmt(v));
                if (row != null && se != null && Double.isFinite(se.applyAsDouble(row))) b.append(" ± ").append(fmt(se.applyAsDouble(row)));
                b.append(" |");
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

    /**
     * Each claim's verdict, from the mean dropped mass of the last bucket (rows attending about n keys), read on the
     * token-level rows where the sweep has them (the claims are about keeping individual entries): claim 1 holds where
     * that error falls with n, claim 2 where it does not fall, claim 3 where the adaptive window drops less than the
     * fixed window of equal average cost, both on average over the lengths and at the longest. With several
     * documents, the slope is also fitted per document: a verdict the documents disagree on is called mixed.
     */
    private static void verdicts(StringBuilder b, Map<String, List<FidelityResult>> byPattern, List<DocumentResult> docs) {
        b.append("### Verdicts\n\n");
        boolean token = byPattern.keySet().stream().anyMatch(k -> k.endsWith("[token]"));
        for (var e : byPattern.entrySet()) {
            FidelityResult first = e.getValue().get(0);
            boolean c1 = first.pattern().contains("C="), c2 = first.pattern().contains(",log");
            if (first.kind().equals("static") || first.kind().equals("fixed-window") || !(c1 || c2)) continue;
            if (first.kind().equals("topk") && token && !first.granularity().equals("token")) continue;
            Trend t = Trend.of(e.getValue().stream().map(FidelityResult::length).toList(), e.getValue().stream().map(FidelityResult::droppedLate).toList());
            List<Double> perDoc = documentSlopes(docs, first.pattern(), first.granularity());
            long falling = perDoc.stream().filter(x -> x < -Trend.FLAT).count(), notFalling = perDoc.size() - falling;
            boolean falls = t.points() >= 2 && t.slope() < -Trend.FLAT;
            String verdict = c1 ? (falls ? "supported" : "not supported") : (falls ? "not supported" : "supported");
            if (perDoc.size() > 1 && falling > 0 && notFalling > 0) verdict = "mixed";
            b.append(String.format(Locale.ROOT, "- claim %d, %s: **%s** (last bucket %s", c1 ? 1 : 2, e.getKey(), verdict, t.verdict()));
            if (perDoc.size() > 1) {
                double[] xs = perDoc.stream().mapToDouble(Double::doubleValue).toArray();
                b.append(String.format(Locale.ROOT, "; per document n^%+.2f ± %.2f, falling in %d of %d", Spread.mean(xs),
                        Spread.standardError(xs), falling, perDoc.size()));
            }
            b.append(")\n");
        }
        for (var e : byPattern.entrySet()) {
            FidelityResult first = e.getValue().get(0);
            if (!first.kind().equals("window")) continue;
            String fixedKey = byPattern.keySet().stream().filter(k -> k.startsWith(first.pattern() + ",mean")).findFirst().orElse(null);
            if (fixedKey == null) continue;
            List<FidelityResult> fixed = byPattern.get(fixedKey);
            double adaptiveMean = e.getValue().stream().mapToDouble(FidelityResult::droppedMean).average().orElse(Double.NaN);
            double fixedMean = fixed.stream().mapToDouble(FidelityResult::droppedMean).average().orElse(Double.NaN);
            double adaptiveLast = e.getValue().get(e.getValue().size() - 1).droppedMean(), fixedLast = fixed.get(fixed.size() - 1).droppedMean();
            int wins = (adaptiveMean < fixedMean ? 1 : 0) + (adaptiveLast < fixedLast ? 1 : 0);
            b.append(String.format(Locale.ROOT, "- claim 3, %s vs %s: **%s** (mean dropped mass over the lengths %s vs %s; at the longest %s vs %s)%n",
                    e.getKey(), fixedKey, wins == 2 ? "supported" : wins == 1 ? "mixed" : "not supported", fmt(adaptiveMean), fmt(fixedMean),
                    fmt(adaptiveLast), fmt(fixedLast)));
        }
        b.append('\n');
    }

    /** Per document, the slope of its last-bucket dropped mass against the length. */
    private static List<Double> documentSlopes(List<DocumentResult> docs, String pattern, String granularity) {
        Map<Integer, List<DocumentResult>> byDoc = new java.util.TreeMap<>();
        for (DocumentResult d : docs) {
            if (d.pattern().equals(pattern) && d.granularity().equals(granularity)) byDoc.computeIfAbsent(d.document(), x -> new ArrayList<>()).add(d);
        }
        List<Double> out = new ArrayList<>();
        for (List<DocumentResult> ds : byDoc.values()) {
            ds.sort(java.util.Comparator.comparingInt(DocumentResult::length));
            Trend t = Trend.of(ds.stream().map(DocumentResult::length).toList(), ds.stream().map(DocumentResult::droppedLate).toList());
            if (t.points() >= 2) out.add(t.slope());
        }
        return out;
    }

    /**
     * The claims read head by head, where the source has more than one (layer, head): per claim pattern, the slope of
     * each head's last-bucket dropped mass (mean over documents) against the length, and how many heads fall.
     */
    private static void perHead(StringBuilder b, List<HeadResult> heads) {
        TreeSet<Integer> layers = new TreeSet<>(heads.stream().map(HeadResult::layer).toList());
        if (layers.size() < 2) return;
        int numHeads = heads.stream().mapToInt(HeadResult::head).max().orElse(0) + 1;
        b.append("### Per layer and head\n\nSlope s of the last bucket's mean dropped mass ~ n^s per (layer, head), mean over documents "
                + "(heads.csv has every number); 'falls' counts heads with s < -").append(Trend.FLAT).append(".\n\n");
        Map<String, List<HeadResult>> byPattern = new LinkedHashMap<>();
        for (HeadResult h : heads) byPattern.computeIfAbsent(h.pattern() + " [" + h.granularity() + "]", k -> new ArrayList<>()).add(h);
        for (var e : byPattern.entrySet()) {
            String pattern = e.getValue().get(0).pattern();
            if (!pattern.contains("C=") && !pattern.contains(",log") || pattern.contains(",mean")) continue; // fixed windows are claim 3's
            b.append("#### ").append(e.getKey()).append("\n\n| layer |");
            for (int h = 0; h < numHeads; h++) b.append(" head ").append(h).append(" |");
            b.append(" falls |\n|---|").append("---|".repeat(numHeads + 1)).append('\n');
            int fallsAll = 0, all = 0;
            for (int layer : layers) {
                b.append("| ").append(layer).append(" |");
                int falls = 0;
                for (int h = 0; h < numHeads; h++) {
                    final int hh = h;
                    List<HeadResult> hs = e.getValue().stream().filter(x -> x.layer() == layer && x.head() == hh)
                            .sorted(java.util.Comparator.comparingInt(HeadResult::length)).toList();
                    Trend t = Trend.of(hs.stream().map(HeadResult::length).toList(), hs.stream().map(HeadResult::droppedLate).toList());
                    b.append(t.points() < 2 ? " - |" : String.format(Locale.ROOT, " %+.2f |", t.slope()));
                    if (t.points() >= 2 && t.slope() < -Trend.FLAT) falls++;
                    all++;
                }
                fallsAll += falls;
                b.append(' ').append(falls).append('/').append(numHeads).append(" |\n");
            }
            b.append("\nFalls in ").append(fallsAll).append(" of ").append(all).append(" heads.\n\n");
        }
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "-";
        if (v == 0) return "0";
        if (Math.abs(v) >= 0.01 && Math.abs(v) < 1000) return String.format(Locale.ROOT, "%.3f", v);
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
