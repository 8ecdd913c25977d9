package dev.longsight.job.spark;

import dev.longsight.job.exec.ModelUnitRunner;
import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.model.ModelPool;
import dev.longsight.job.model.ModelSource;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * What one task does with its units, free of Spark types: borrow a runner for the task's device,
 * run each unit, give the runner back; model units go to the executor's loaded model instead (loaded
 * once per JVM and device by {@link ModelPool}). A unit that throws fails the task while attempts
 * remain (so Spark retries it: transient faults heal); on the last attempt it is recorded as failed
 * with its reason instead of killing the run.
 */
public final class UnitTasks {
    private UnitTasks() {}

    /** Where and how a task runs: its shape (device already bound), attempt number and limit, executor id. */
    public record TaskPlace(ModelShape shape, int attempt, int maxAttempts, String executorId) {}

    /** The model a run evaluates (null: none) and the Hadoop settings to open it with, asked for only when a model unit comes. */
    record ModelPlace(ModelSource source, Supplier<Configuration> hadoop) {
        static final ModelPlace NONE = new ModelPlace(null, Configuration::new);
    }

    static List<UnitResult> run(Iterator<WorkUnit> units, TaskPlace place, RunHooks hooks) {
        return run(units, place, ModelPlace.NONE, hooks);
    }

    static List<UnitResult> run(Iterator<WorkUnit> units, TaskPlace place, ModelPlace model, RunHooks hooks) {
        List<UnitResult> out = new ArrayList<>();
        UnitRunner runner = null;
        ModelUnitRunner modelRunner = null;
        try {
            while (units.hasNext()) {
                WorkUnit u = units.next();
                try {
                    hooks.beforeUnit(u.unitId(), place.attempt());
                    if (u.isModel()) {
                        long startEpoch = System.currentTimeMillis(), t0 = System.nanoTime(); // a first unit's wall includes loading the model
                        if (model.source() == null) throw new IllegalStateException("unit " + u.unitId() + " needs a model, and the run names none");
                        if (modelRunner == null) {
                            ModelPool.Loaded m = ModelPool.get(model.source().uri(), place.shape().device(), place.shape().chunkSize(),
                                    place.shape().blockSize(), model.hadoop());
                            modelRunner = new ModelUnitRunner(model.source(), place.shape(), m);
                        }
                        out.add(modelRunner.run(u, place.executorId())
                                .withTiming((System.nanoTime() - t0) / 1e6, Double.NaN, Double.NaN, Double.NaN, Double.NaN, startEpoch));
                        continue;
                    }
                    if (runner == null) runner = RunnerPool.borrow(place.shape());
                    out.add(runner.run(u, place.executorId()));
                } catch (RuntimeException e) {
                    if (u.isModel()) {
                        if (place.attempt() + 1 < place.maxAttempts()) throw e;
                        String device = modelRunner == null ? place.shape().device() : modelRunner.deviceName();
                        String kernel = modelRunner == null ? "none (the model was not loaded)" : modelRunner.describe();
                        out.add(ModelUnitRunner.failed(u, model.source(), place.shape(), device, kernel, place.executorId(),
                                "threw on all " + place.maxAttempts() + " attempts: " + e));
                        continue;
                    }
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
