package dev.longsight.job.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only fault injection: chosen unit ids throw on their first task attempt ({@code once}) or on
 * every attempt ({@code always}). Read from the system property {@value #PROPERTY}, never from the
 * command line, e.g. {@code -Dlongsight.test.faults=passkey/1024/0.5/0/full:once,unitB:always}.
 * Arrays, not collections, so that the plan crosses the wire without extra Kryo registrations.
 */
public record FaultPlan(String[] onceIds, String[] alwaysIds) implements Serializable {
    public static final String PROPERTY = "longsight.test.faults";
    public static final FaultPlan NONE = new FaultPlan(new String[0], new String[0]);

    /** Thrown by an injected fault; its message says so, so that a reader of the results is not misled. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String message) { super(message); }
    }

    public FaultPlan {
        onceIds = onceIds.clone();
        alwaysIds = alwaysIds.clone();
    }

    public static FaultPlan fromSystemProperty() { return parse(System.getProperty(PROPERTY, "")); }

    /** Parses {@code id:once,id:always}; the id may contain ':' (the mode is after the last one). */
    public static FaultPlan parse(String s) {
        if (s == null || s.isBlank()) return NONE;
        Map<String, String> modes = new LinkedHashMap<>();
        for (String item : s.split(",")) {
            int c = item.lastIndexOf(':');
            String mode = c < 0 ? "" : item.substring(c + 1).trim();
            if (c <= 0 || !(mode.equals("once") || mode.equals("always"))) {
                throw new IllegalArgumentException("system property '" + PROPERTY + "': expected unitId:once or unitId:always, got '" + item + "'");
            }
            modes.put(item.substring(0, c).trim(), mode);
        }
        return new FaultPlan(modes.entrySet().stream().filter(e -> e.getValue().equals("once")).map(Map.Entry::getKey).toArray(String[]::new),
                modes.entrySet().stream().filter(e -> e.getValue().equals("always")).map(Map.Entry::getKey).toArray(String[]::new));
    }

    public boolean isEmpty() { return onceIds.length == 0 && alwaysIds.length == 0; }

    /** Throws {@link InjectedFault} if the plan says this unit fails on this task attempt (0-based). */
    public void maybeThrow(String unitId, int attempt) {
        if (Arrays.asList(alwaysIds).contains(unitId) || (attempt == 0 && Arrays.asList(onceIds).contains(unitId))) {
            throw new InjectedFault("injected fault (test hook " + PROPERTY + ") in unit " + unitId + " on attempt " + attempt);
        }
    }

    @Override
    public String toString() { return isEmpty() ? "none" : "once=" + Arrays.toString(onceIds) + " always=" + Arrays.toString(alwaysIds); }
}
