package dev.longsight.job.spark;

import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one task does with its units, free of Spark types: borrow a runner for the task's device,
 * run each unit, give the runner back. A unit that throws fails the task while attempts remain (so
 * Spark retries it: transient faults heal); on the last attempt it is recorded as failed with its
 * reason instead of killing the run.
 */
public final class UnitTasks {
    private UnitTasks() {}

    /** Where and how a task runs: its shape (device already bound), attempt number and limit, executor id. */
    public record TaskPlace(ModelShape shape, int attempt, int maxAttempts, String executorId) {}

    static List<UnitResult> run(Iterator<WorkUnit> units, TaskPlace place, RunHooks hooks) {
        List<UnitResult> out = new ArrayList<>();
        UnitRunner runner = null;
        try {
            while (units.hasNext()) {
                WorkUnit u = units.next();
                try {
                    if (runner == null) runner = RunnerPool.borrow(place.shape());
                    hooks.beforeUnit(u.unitId(), place.attempt());
                    out.add(runner.run(u, place.executorId()));
                } catch (RuntimeException e) {
                    String device = runner == null ? place.shape().device() : runner.deviceName();
                    String kernel = runner == null ? "none (no runner was built)" : runner.kernelSource();
                    if (runner != null) RunnerPool.discard(runner);
                    runner = null;
                    if (place.attempt() + 1 < place.maxAttempts()) throw e;
                    out.add(FailedUnits.of(u, place.shape(), device, kernel, place.executorId(),
                            "threw on all " + place.maxAttempts() + " attempts: " + e));
                }
            }
        } finally {
            if (runner != null) RunnerPool.giveBack(place.shape(), runner);
        }
        return out;
    }
}
