package dev.longsight.job.unit;

import dev.longsight.kernels.attention.Precision;
import java.io.Serializable;

/**
 * The probe network's and kernels' sizes for one run, the same for every unit: sent once to the
 * executors, not per unit.
 *
 * @param precision the prefill arithmetic (fp32, or tf32/bf16 on tensor cores)
 */
public record ModelShape(int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String device, Precision precision)
        implements Serializable {

    public ModelShape {
        if (precision == null) throw new IllegalArgumentException("precision must be set (fp32, tf32 or bf16)");
    }

    /** An fp32 shape: what the probe tools and most tests use. */
    public ModelShape(int layers, int heads, int kvHeads, int headDim, int blockSize, int chunkSize, String device) {
        this(layers, heads, kvHeads, headDim, blockSize, chunkSize, device, Precision.FP32);
    }

    /** The same shape on another device (a task's Spark-assigned GPU). */
    public ModelShape onDevice(String otherDevice) {
        return new ModelShape(layers, heads, kvHeads, headDim, blockSize, chunkSize, otherDevice, precision);
    }
}
