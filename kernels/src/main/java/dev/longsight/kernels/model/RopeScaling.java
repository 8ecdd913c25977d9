package dev.longsight.kernels.model;

/**
 * Llama 3.1's frequency-dependent RoPE scaling ({@code rope_scaling} with {@code rope_type: llama3}):
 * wavelengths longer than {@code originalMaxPositionEmbeddings / lowFreqFactor} are stretched by
 * {@code factor}, shorter than {@code originalMaxPositionEmbeddings / highFreqFactor} kept, and those
 * between interpolated smoothly.
 */
public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {
    public RopeScaling {
        if (!(factor >= 1)) throw new IllegalArgumentException("rope_scaling.factor must be >= 1, got " + factor);
        if (!(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor)) {
            throw new IllegalArgumentException("rope_scaling needs 0 < low_freq_factor < high_freq_factor, got "
                    + lowFreqFactor + " and " + highFreqFactor);
        }
        if (originalMaxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("rope_scaling.original_max_position_embeddings must be > 0, got " + originalMaxPositionEmbeddings);
        }
    }
}
