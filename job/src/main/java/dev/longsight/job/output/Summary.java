package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of a run: per (pattern, length) cell in the order the user listed the patterns,
 * per executor, and the failed units with their reasons.
 */
public record Summary(List<Cell> cells, Map<String, CellStats> executors, List<UnitResult> failures, CellStats total) {

    /** The pattern that speedups are measured against. */
    public static final String FULL = "full";

    /**
     * One row of summary.csv.
     *
     * @param cost          the pattern's exact cost at this length; null when the spec is not a static pattern
     * @param speedupKernel mean kernel time of full attention at this length over this cell's: what sparsity buys the kernels
     * @param speedupWall   the same for wall time, which also counts the probe's dense work (projections, updates,
     *                      transfers) that sparsity does not shrink, so it is the smaller of the two
     */
    public record Cell(String scorer, String pattern, int length, CellStats stats, PatternCost cost, double speedupKernel, double speedupWall) {}

    /** The scorer of a result: "model" for a real model's units, else "probe" (results from before models existed included). */
    public static String scorer(UnitResult r) { return r.isModel() ? "model" : "probe"; }

    public static boolean isFull(String pattern) {
        return pattern != null && FULL.equalsIgnoreCase(pattern.trim());
    }

    public static Summary of(List<UnitResult> results, List<String> patternOrder) {
        // Keyed "scorer\npattern": the probe's cells first, then the model's, patterns in the user's order.
        Map<String, Map<Integer, CellStats>> byPattern = new TreeMap<>(Comparator.comparing((String k) -> k.substring(0, k.indexOf('\n')))
                .reversed().thenComparingInt((String k) -> rank(patternOrder, k.substring(k.indexOf('\n') + 1)))
                .thenComparing(Comparator.naturalOrder()));
        Map<String, CellStats> executors = new TreeMap<>();
        Map<Integer, Integer> blockSizes = new HashMap<>(); // by length: a run has one block size
        List<UnitResult> failures = new ArrayList<>();
        CellStats total = CellStats.EMPTY;
        for (UnitResult r : results) {
            CellStats one = CellStats.of(r);
            byPattern.computeIfAbsent(scorer(r) + "\n" + r.pattern(), p -> new TreeMap<>()).merge(r.length(), one, CellStats::merge);
            executors.merge(r.executorId() == null ? "?" : r.executorId(), one, CellStats::merge);
            blockSizes.putIfAbsent(r.length(), r.blockSize());
            total = total.merge(one);
            if (!"ok".equals(r.status())) failures.add(r);
        }
        List<Cell> cells = new ArrayList<>();
        byPattern.forEach((key, m) -> m.forEach((len, s) -> {
            String scorer = key.substring(0, key.indexOf('\n')), p = key.substring(key.indexOf('\n') + 1);
            Map<Integer, CellStats> full = byPattern.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(scorer + "\n") && isFull(e.getKey().substring(scorer.length() + 1)))
                    .map(Map.Entry::getValue).findFirst().orElse(Map.of());
            CellStats base = full.get(len);
            cells.add(new Cell(scorer, p, len, s, PatternCost.of(p, len, blockSizes.getOrDefault(len, 0)).orElse(null),
                    base == null ? Double.NaN : base.meanKernelMs() / s.meanKernelMs(),
                    base == null ? Double.NaN : base.meanWallMs() / s.meanWallMs()));
        }));
        failures.sort(Comparator.comparing(UnitResult::unitId));
        return new Summary(List.copyOf(cells), Collections.unmodifiableMap(executors), List.copyOf(failures), total);
    }

    private static int rank(List<String> order, String p) {
        int i = order.indexOf(p);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
