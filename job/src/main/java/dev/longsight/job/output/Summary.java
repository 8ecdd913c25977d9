package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of a run: per (pattern, length) cell in the order the user listed the patterns,
 * per executor, and the failed units with their reasons.
 */
public record Summary(List<Cell> cells, Map<String, CellStats> executors, List<UnitResult> failures, CellStats total) {

    /** One row of summary.csv. */
    public record Cell(String pattern, int length, CellStats stats) {}

    public static Summary of(List<UnitResult> results, List<String> patternOrder) {
        Map<String, Map<Integer, CellStats>> byPattern = new TreeMap<>(Comparator.comparingInt((String p) -> rank(patternOrder, p))
                .thenComparing(Comparator.naturalOrder()));
        Map<String, CellStats> executors = new TreeMap<>();
        List<UnitResult> failures = new ArrayList<>();
        CellStats total = CellStats.EMPTY;
        for (UnitResult r : results) {
            CellStats one = CellStats.of(r);
            byPattern.computeIfAbsent(r.pattern(), p -> new TreeMap<>()).merge(r.length(), one, CellStats::merge);
            executors.merge(r.executorId() == null ? "?" : r.executorId(), one, CellStats::merge);
            total = total.merge(one);
            if (!"ok".equals(r.status())) failures.add(r);
        }
        List<Cell> cells = new ArrayList<>();
        byPattern.forEach((p, m) -> m.forEach((len, s) -> cells.add(new Cell(p, len, s))));
        failures.sort(Comparator.comparing(UnitResult::unitId));
        return new Summary(List.copyOf(cells), Collections.unmodifiableMap(executors), List.copyOf(failures), total);
    }

    private static int rank(List<String> order, String p) {
        int i = order.indexOf(p);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
