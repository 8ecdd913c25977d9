package dev.longsight.kernels.model;

import dev.longsight.kernels.device.DeviceSpec;
import java.io.IOException;

/**
 * Opens the forward that runs a checkpoint on a device: the one place that decides which
 * {@link CausalLm} computes a run's logits ({@link CausalLm#open}: the device forward on an OpenCL
 * device, the plain-Java {@link ReferenceLlama} on Java threads). Results record
 * {@link Forward#device()}, the device that ran it, never the device asked for.
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
     * by the caller's threads, so the device forward (one set of device buffers) is wrapped in
     * {@link #serialized}; the reference keeps no state between calls.
     *
     * @param chunkRows query rows per chunk on a device, rounded down to a multiple of {@code blockSize}
     * @param blockSize the layouts' block size
     */
    public static Forward open(ModelFiles files, DeviceSpec device, int chunkRows, int blockSize) throws IOException {
        try (Checkpoint ckpt = Checkpoint.open(files)) {
            int chunk = Math.max(blockSize, chunkRows / blockSize * blockSize);
            CausalLm lm = CausalLm.open(ckpt, device, chunk, blockSize);
            if (lm instanceof DeviceLlama d) return new Forward(serialized(d), d.deviceName(), "bf16");
            return new Forward(lm, JAVA_DEVICE, "fp64");
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
