package dev.longsight.job.spark;

import java.util.Set;

/**
 * Fault injection for job tests: the named units throw on their first task attempt ({@code once})
 * or on every attempt ({@code always}). A record of immutable sets, so that it crosses to the
 * executors inside the task closure (see {@link RunHooks}).
 */
record FaultPlan(Set<String> once, Set<String> always) implements RunHooks {
    FaultPlan {
        once = Set.copyOf(once);
        always = Set.copyOf(always);
    }

    /** Thrown by an injected fault; its message says so, so that a reader of the results is not misled. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(String message) { super(message); }
    }

    @Override
    public void beforeUnit(String unitId, int attempt) {
        if (always.contains(unitId) || (attempt == 0 && once.contains(unitId))) {
            throw new InjectedFault("injected fault (test FaultPlan) in unit " + unitId + " on attempt " + attempt);
        }
    }
}
