package dev.longsight.job.spark;

import dev.longsight.job.unit.WorkUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a run's units become Spark tasks: their order and how many tasks. */
final class Sharding {
    private Sharding() {}

    /**
     * The units longest first (then by id): Spark's contiguous slices of this list are tasks of
     * similar lengths, launched in partition order, so the longest tasks start first and short
     * ones fill the slots at the end, as in longest-processing-time-first scheduling.
     */
    static List<WorkUnit> longestFirst(List<WorkUnit> units) {
        List<WorkUnit> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingInt(WorkUnit::length).reversed().thenComparing(WorkUnit::unitId));
        return sorted;
    }

    /**
     * Tasks a run of {@code units} is cut into: one per task slot for every batch of about a tenth
     * of the run (at least two units per slot), so a task holds at least two units and a crash
     * loses at most the tasks in flight.
     */
    static int tasks(int units, int parallelism) {
        if (units == 0) return 0;
        int slots = Math.max(1, parallelism);
        int perTask = (batchSize(units, slots) + slots - 1) / slots;
        return (units + perTask - 1) / perTask;
    }

    /** Task (partition) {@code i}'s units of {@code ordered} cut into {@code tasks}, as {@code parallelize} cuts a list. */
    static List<WorkUnit> slice(List<WorkUnit> ordered, int tasks, int i) {
        int n = ordered.size();
        return ordered.subList((int) ((long) i * n / tasks), (int) ((long) (i + 1) * n / tasks));
    }

    /** About a tenth of the run, at least two units per task slot: the units of one task per slot. */
    static int batchSize(int units, int parallelism) {
        return Math.max(Math.max(1, 2 * parallelism), (units + 9) / 10);
    }
}
