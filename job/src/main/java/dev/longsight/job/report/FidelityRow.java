package dev.longsight.job.report;

import java.util.Objects;

/**
 * Fidelity of one pattern at one length and budget versus exact attention (design section 5.3).
 *
 * @param budget          how the pattern's budget was set, e.g. "k=alpha*n^C" or "window=9"
 * @param droppedMassMean mean over query rows of the softmax mass the pattern drops
 * @param droppedMassP99  99th percentile of the same
 * @param outputErrorMean mean relative L2 error of the attention outputs
 */
public record FidelityRow(String pattern, int length, String budget, double droppedMassMean, double droppedMassP99,
                          double outputErrorMean) {
    public FidelityRow {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(budget, "budget");
        if (length <= 0) throw new IllegalArgumentException("fidelity row '" + pattern + "': expected length > 0, got " + length);
    }
}
