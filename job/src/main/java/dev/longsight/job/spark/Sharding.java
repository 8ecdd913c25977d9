package dev.longsight.job.spark;

import dev.longsight.job.unit.WorkUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders units so that Spark's contiguous slicing of a list gives slices of similar cost: longest
 * units first, dealt round-robin, so every slice gets a share of each length.
 */
final class Sharding {
    private Sharding() {}

    static List<WorkUnit> balanced(List<WorkUnit> units, int slices) {
        List<WorkUnit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingInt(WorkUnit::length).reversed().thenComparing(WorkUnit::unitId));
        List<List<WorkUnit>> buckets = new ArrayList<>();
        for (int i = 0; i < slices; i++) buckets.add(new ArrayList<>());
        for (int i = 0; i < sorted.size(); i++) buckets.get(i % slices).add(sorted.get(i));
        List<WorkUnit> out = new ArrayList<>(units.size());
        buckets.forEach(out::addAll);
        return out;
    }

    /**
     * Batches of about a tenth of the run (each committed on its own, and one progress line), at
     * least two units per task slot so that a batch keeps every executor busy.
     */
    static List<List<WorkUnit>> batches(List<WorkUnit> units, int parallelism) {
        int size = batchSize(units.size(), parallelism);
        List<List<WorkUnit>> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i += size) out.add(List.copyOf(units.subList(i, Math.min(units.size(), i + size))));
        return out;
    }

    /** Units a batch of {@link #batches} holds (the last may hold fewer). */
    static int batchSize(int units, int parallelism) {
        return Math.max(Math.max(1, 2 * parallelism), (units + 9) / 10);
    }
}
