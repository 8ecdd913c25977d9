package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.bench.ModelBench;
import org.junit.jupiter.api.Test;

/** The device forward's buffers, planned before allocation: what an 8B model at 128K needs on one GPU. */
class DeviceMemoryPlanTest {
    private static final long GIB = 1L << 30;

    @Test
    void llama3EightBillionAt128KFitsOneGpuWithEveryBufferBelowAparapisLimit() {
        var plan = DeviceLlama.plannedBytes(ModelBench.shape("llama3-8b"), 131072, DeviceLlama.DEFAULT_CHUNK, 8);
        long total = plan.values().stream().mapToLong(Long::longValue).sum();
        plan.forEach((name, bytes) -> assertTrue(bytes < Integer.MAX_VALUE, name + ": " + bytes + " bytes, Aparapi's limit is 2^31 - 1"));
        // Embedding and LM head 1002 MiB each; 32 layers of 416 MiB in 8 slabs of 4; residual stream and Q 1 GiB each, K and V 256 MiB each.
        assertEquals(128256L * 4096 * 2, plan.get("embedding"));
        long layer = (6144L * 4096 + 4096L * 4096 + 3L * 4096 * 14336) * 2;
        for (int i = 0; i < 8; i++) assertEquals(4 * layer, plan.get("layer slab " + i), "slab " + i);
        assertEquals(null, plan.get("layer slab 8"));
        assertEquals(131072L * 4096 * 2, plan.get("residual stream"));
        assertEquals(8L * 131072 * 128 * 2, plan.get("K cache"));
        assertTrue(total > 18 * GIB && total < 18.2 * GIB, "total " + total / (double) GIB + " GiB");
    }

    @Test
    void aMillionTokensOfAnEightBillionModelExceedOneBuffer() {
        var plan = DeviceLlama.plannedBytes(ModelBench.shape("llama3-8b"), 1 << 20, DeviceLlama.DEFAULT_CHUNK, 1);
        assertTrue(plan.get("residual stream") >= Integer.MAX_VALUE, "the forward must refuse this length up front");
        var chunky = DeviceLlama.plannedBytes(ModelBench.shape("llama3-8b"), 131072, 32768, 1);
        assertTrue(chunky.get("GEMM output") >= Integer.MAX_VALUE, "32K-row chunks of gate and up exceed one buffer");
    }
}
