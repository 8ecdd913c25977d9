package dev.longsight.job.spark;

import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.unit.ModelShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Executor-side pool of {@link UnitRunner}s keyed by shape and device: a task borrows one, runs its
 * units and gives it back, so kernels are built once per concurrent task slot of the executor JVM
 * and reused across tasks (a runner is not thread-safe, so one task holds it at a time). No Spark types.
 */
final class RunnerPool {
    private static final Map<ModelShape, ConcurrentLinkedDeque<UnitRunner>> IDLE = new ConcurrentHashMap<>();
    private static volatile int built;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RunnerPool::closeAll, "longsight-runner-pool-close"));
    }

    private RunnerPool() {}

    static UnitRunner borrow(ModelShape shape) {
        UnitRunner r = IDLE.computeIfAbsent(shape, s -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (r != null) return r;
        synchronized (RunnerPool.class) {
            built++;
        }
        return new UnitRunner(shape);
    }

    static void giveBack(ModelShape shape, UnitRunner r) { IDLE.get(shape).offerFirst(r); }

    /** Drops a runner whose unit threw: its kernels may be in a bad state. */
    static void discard(UnitRunner r) {
        try {
            r.close();
        } catch (RuntimeException ignored) {
            // closing a broken runner must not hide the unit's own exception
        }
    }

    /** Runners built in this JVM so far (tests check reuse with it). */
    static int built() { return built; }

    static void closeAll() {
        List<UnitRunner> all = new ArrayList<>();
        IDLE.values().forEach(q -> { for (UnitRunner r; (r = q.pollFirst()) != null; ) all.add(r); });
        all.forEach(RunnerPool::discard);
    }
}
