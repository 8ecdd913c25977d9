package dev.longsight.job.report;

import java.util.List;

/**
 * RULER's effective context length: the longest length up to which a pattern's accuracy stays at
 * or above a threshold. RULER fixes the threshold at a reference model's score; here the reference
 * is the run's own full attention, so the threshold is full attention's accuracy at the shortest
 * length times {@link #FACTOR}, and a run without full attention has no threshold.
 */
final class EffectiveLength {
    static final double FACTOR = 0.85;
    /** The pattern falls below the threshold already at the shortest length. */
    static final int BELOW_SHORTEST = 0;
    /** No threshold (no full attention in the run) or no accuracy at the shortest length. */
    static final int UNKNOWN = -1;

    private EffectiveLength() {}

    /** Full attention's accuracy at the shortest length times the factor; NaN when that is undefined. */
    static double threshold(ReportModel m) {
        if (m.full == null || m.lengths.isEmpty()) return Double.NaN;
        UnitStats s = m.stats(m.full, null, m.lengths.get(0));
        return s == null ? Double.NaN : FACTOR * s.accuracy();
    }

    /**
     * The longest of {@code lengths} (ascending) such that the accuracy there and at every shorter
     * length is at least {@code threshold}. A length without an accuracy (NaN: no ok unit) ends the
     * run of passes: the report does not claim what was not measured.
     *
     * @param accuracy (lengths) accuracy at each length
     */
    static int of(List<Integer> lengths, double[] accuracy, double threshold) {
        if (Double.isNaN(threshold) || lengths.isEmpty() || Double.isNaN(accuracy[0])) return UNKNOWN;
        int effective = BELOW_SHORTEST;
        for (int i = 0; i < lengths.size(); i++) {
            if (Double.isNaN(accuracy[i]) || accuracy[i] < threshold) break;
            effective = lengths.get(i);
        }
        return effective;
    }

    /** "32K", "< 4K" below the shortest length, "≥ 128K" when every length passes, a dash when unknown. */
    static String text(int effective, List<Integer> lengths) {
        if (effective == UNKNOWN || lengths.isEmpty()) return Fmt.NONE;
        if (effective == BELOW_SHORTEST) return "< " + Fmt.length(lengths.get(0));
        return (effective == lengths.get(lengths.size() - 1) ? "\u2265 " : "") + Fmt.length(effective);
    }
}
