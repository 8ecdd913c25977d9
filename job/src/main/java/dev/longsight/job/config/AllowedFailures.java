package dev.longsight.job.config;

import java.io.Serializable;

/**
 * How many failed units a run may have and still exit 0: a count ({@code --allow-failed 2}) or a
 * share of the sweep's units ({@code --allow-failed 5%}). The default allows none, so that an
 * orchestrator (Airflow, Argo, a shell's {@code &&}) sees a run that lost units as failed.
 *
 * @param count   failed units allowed when {@code percent} is false
 * @param share   the allowed share in [0, 100] when {@code percent} is true
 * @param percent whether the limit is a share of the units rather than a count
 */
public record AllowedFailures(long count, double share, boolean percent) implements Serializable {
    public static final AllowedFailures NONE = new AllowedFailures(0, 0, false);

    public AllowedFailures {
        if (count < 0 || !(share >= 0 && share <= 100)) throw new IllegalArgumentException("allowed failures out of range: " + count + ", " + share + "%");
    }

    /** {@code "N"} (a count >= 0) or {@code "P%"} (a share in [0, 100]). */
    public static AllowedFailures parse(String s) {
        String v = s == null ? "" : s.trim();
        try {
            if (v.endsWith("%")) {
                double p = Double.parseDouble(v.substring(0, v.length() - 1).trim());
                if (p >= 0 && p <= 100) return new AllowedFailures(0, p, true);
            } else if (v.matches("\\d+")) {
                return new AllowedFailures(Long.parseLong(v), 0, false);
            }
        } catch (NumberFormatException e) {
            // a malformed number is the same mistake as any other bad limit: one error below
        }
        throw new IllegalArgumentException("option '--allow-failed': expected a count of units (e.g. 2) or a share of them (e.g. 5%), got '" + s + "'");
    }

    /** Whether {@code failed} of {@code units} is within the limit. */
    public boolean allows(long failed, long units) {
        if (failed <= 0) return true;
        return percent ? failed * 100.0 <= share * units : failed <= count;
    }

    /** As the user wrote it: "2", "5%", or "none" for the default. */
    public String text() {
        if (equals(NONE)) return "none";
        if (!percent) return String.valueOf(count);
        return (share == Math.rint(share) ? String.valueOf((long) share) : String.valueOf(share)) + "%";
    }

    /** "2 units failed (allowed: 5%)", "1 unit failed (none allowed)", "0 units failed". */
    public String verdict(long failed, long units) {
        String n = failed + (failed == 1 ? " unit failed" : " units failed");
        if (failed == 0) return n;
        String limit = equals(NONE) ? "none allowed" : "allowed: " + text();
        return n + " (" + limit + (allows(failed, units) ? "" : "; over the limit") + ")";
    }
}
