package dev.longsight.kernels.model;

import com.aparapi.device.Device;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.layout.BlockLayout;
import java.io.IOException;

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

    /**
     * The forward for a device: {@link DeviceLlama} on an OpenCL device ({@code gpu}, {@code gpu:i},
     * {@code cpu}), {@link ReferenceLlama} on Java threads ({@code jtp}); {@code auto} takes an OpenCL GPU
     * when there is one and the reference otherwise (PoCL builds the device forward's program only
     * with its optimiser off, {@code POCL_EXTRA_BUILD_FLAGS=-cl-opt-disable}, so it is never chosen unasked).
     *
     * @param chunkRows  query rows per chunk on a device (a multiple of every block size used)
     * @param blockSize  full attention's block size on a device when no layout is given
     */
    static CausalLm open(Checkpoint ckpt, DeviceSpec spec, int chunkRows, int blockSize) throws IOException {
        DeviceSpec chosen = spec;
        if (spec.kind() == DeviceSpec.Kind.AUTO) {
            chosen = Devices.openCL(Device.TYPE.GPU).isEmpty() ? DeviceSpec.parse("jtp") : DeviceSpec.parse("gpu");
        }
        if (chosen.kind() == DeviceSpec.Kind.JTP) return new ReferenceLlama(LlamaWeights.load(ckpt));
        return DeviceLlama.load(ckpt, chosen, chunkRows, blockSize);
    }
}
