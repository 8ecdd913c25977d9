package dev.longsight.job.spark;

import java.io.Serializable;

/**
 * Where tests reach into a run: a unit that throws on an executor, a driver that dies after a
 * commit. The product runs with {@link #NONE}; tests of this package pass their own to
 * {@link SweepJob#run(dev.longsight.job.config.RunConfig, java.io.PrintStream, String, RunHooks)}, so neither the user's
 * config nor a system property carries test behaviour.
 *
 * <p>The hooks travel to executors inside the task closure, which Spark serializes with Java
 * serialization whatever {@code spark.serializer} says: an implementation need only be
 * {@link Serializable} (a record of values), with no Kryo registration, and it works on local[N] and
 * on a cluster alike.
 */
interface RunHooks extends Serializable {
    RunHooks NONE = new None();

    /** Executor side, before each unit on each task attempt (0-based); throwing here fails the unit's task. */
    default void beforeUnit(String unitId, int attempt) {}

    /** Driver side, after the {@code committed}-th batch of this run is committed. */
    default void afterCommit(int committed) {}

    /** No hooks: what every product run uses. */
    record None() implements RunHooks {}
}
