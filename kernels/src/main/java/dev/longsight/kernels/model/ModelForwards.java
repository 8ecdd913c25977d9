package dev.longsight.kernels.model;

import dev.longsight.kernels.device.DeviceSpec;
import java.io.IOException;

/**
 * Opens the forward that runs a checkpoint on a device: the one place that decides which
 * {@link CausalLm} computes a run's logits. Today every device gets the plain-Java
 * {@link ReferenceLlama}, and says so: results record {@link Forward#device()}, never the device asked for.
 */
public final class ModelForwards {
    private ModelForwards() {}

    /**
     * A forward with what it runs on.
     *
     * @param device    where the arithmetic actually runs, as results record it (e.g. "Java (CPU, one thread)")
     * @param precision the forward's arithmetic, as results record it (e.g. "fp64")
     */
    public record Forward(CausalLm lm, String device, String precision) {}

    /** The reference forward's device, as results record it. */
    public static final String JAVA_DEVICE = "Java (CPU, one thread)";

    /**
     * Loads the checkpoint's weights and opens a forward for {@code device}. The forward is shared
     * by the caller's threads: a forward that is not safe for concurrent calls must be wrapped in
     * {@link #serialized} here.
     */
    public static Forward open(ModelFiles files, DeviceSpec device) throws IOException {
        try (Checkpoint ckpt = Checkpoint.open(files)) {
            // The device forward plugs in here: for a GPU device (device.kind() GPU, or AUTO with a GPU present),
            // return new Forward(serialized(new DeviceLlama(ckpt, device)), <the device's name>, <its precision>).
            // Until then every device runs the Java reference, recorded as such.
            return new Forward(new ReferenceLlama(LlamaWeights.load(ckpt)), JAVA_DEVICE, "fp64");
        }
    }

    /** A forward whose calls run one at a time (the reference needs none: it keeps no state between calls). */
    public static CausalLm serialized(CausalLm lm) {
        return new CausalLm() {
            @Override public ModelConfig config() { return lm.config(); }

            @Override public synchronized float[][] logits(int[] tokens, int[] positions, dev.longsight.kernels.layout.BlockLayout layout) {
                return lm.logits(tokens, positions, layout);
            }

            @Override public String describe() { return lm.describe(); }

            @Override public synchronized void close() { lm.close(); }
        };
    }
}
