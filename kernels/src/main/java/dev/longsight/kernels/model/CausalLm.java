package dev.longsight.kernels.model;

import dev.longsight.kernels.layout.BlockLayout;

/**
 * A Llama-family forward that turns token ids into next-token logits at a few positions: the
 * plain-Java {@link ReferenceLlama} or a device forward. One instance holds one model's weights;
 * callers reuse it for every sequence of that model.
 */
public interface CausalLm extends AutoCloseable {
    ModelConfig config();

    /**
     * Next-token logits at {@code positions} (0-based over {@code tokens}), under full causal attention
     * when {@code layout} is null, else under the layout (whose length must be {@code tokens.length}).
     */
    float[][] logits(int[] tokens, int[] positions, BlockLayout layout); // -> (positions.length, vocab)

    /** What computed the logits: the device and the code, as results record it. */
    String describe();

    @Override
    default void close() {}
}
