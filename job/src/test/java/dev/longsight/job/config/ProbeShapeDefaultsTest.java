package dev.longsight.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.config.ProbeShapeDefaults.Choice;
import dev.longsight.job.config.ProbeShapeDefaults.Given;
import dev.longsight.kernels.attention.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeShapeDefaultsTest {
    private static final Given NONE = new Given(null, null, null, null, null, null);

    @Test
    void aGpuGetsAModelLikeShapeAndACpuTheSampleShape() {
        Choice gpu = ProbeShapeDefaults.choose(true, NONE);
        assertEquals(List.of(8, 2, 128, 128, 16384), List.of(gpu.heads(), gpu.kvHeads(), gpu.headDim(), gpu.block(), gpu.chunk()));
        assertEquals(Precision.BF16, gpu.precision());
        assertTrue(gpu.note().startsWith("unset shape options sized for GPU executors"), gpu.note());
        Choice cpu = ProbeShapeDefaults.choose(false, NONE);
        assertEquals(List.of(2, 1, 64, 64, 1024), List.of(cpu.heads(), cpu.kvHeads(), cpu.headDim(), cpu.block(), cpu.chunk()));
        assertEquals(Precision.FP32, cpu.precision());
        assertEquals("", cpu.note());
    }

    @Test
    void optionsGivenWinAndDefaultsFitThem() {
        Choice c = ProbeShapeDefaults.choose(true, new Given(32, null, 64, null, null, Precision.FP32));
        assertEquals(List.of(32, 8, 64, 128, 16384), List.of(c.heads(), c.kvHeads(), c.headDim(), c.block(), c.chunk()));
        assertEquals(Precision.FP32, c.precision());
        // A block that is not a multiple of 64: the chunk rounds down to a multiple of it, and bf16 gives way to fp32.
        Choice odd = ProbeShapeDefaults.choose(true, new Given(6, null, null, 96, null, null));
        assertEquals(List.of(6, 1, 96, 16320), List.of(odd.heads(), odd.kvHeads(), odd.block(), odd.chunk()));
        assertEquals(Precision.FP32, odd.precision());
        // Everything given: the GPU changes nothing and says nothing.
        Given all = new Given(2, 2, 32, 64, 512, Precision.TF32);
        Choice mine = ProbeShapeDefaults.choose(true, all);
        assertEquals(new Choice(2, 2, 32, 64, 512, Precision.TF32, ""), mine);
    }

    @Test
    void kvHeadsAreAQuarterOfTheHeadsRoundedToADivisor() {
        assertEquals(2, ProbeShapeDefaults.kvHeadsFor(8));
        assertEquals(8, ProbeShapeDefaults.kvHeadsFor(32));
        assertEquals(1, ProbeShapeDefaults.kvHeadsFor(6)); // 6/4 = 1
        assertEquals(3, ProbeShapeDefaults.kvHeadsFor(12));
        assertEquals(2, ProbeShapeDefaults.kvHeadsFor(10));
        assertEquals(1, ProbeShapeDefaults.kvHeadsFor(1));
    }

    @Test
    void theChosenShapeIsInTheRunsSettings() {
        RunConfig c = new ConfigBuilder().build().withShape(ProbeShapeDefaults.choose(true, NONE));
        assertEquals(128, c.shape().headDim());
        assertEquals(Precision.BF16, c.shape().precision());
        assertTrue(c.settings().get("kernels").startsWith("block 128, chunk 16384, precision bf16"), c.settings().toString());
        assertTrue(c.settings().get("shape").startsWith("unset shape options sized for GPU executors"), c.settings().toString());
        assertTrue(c.settings().get("model").contains("8 heads, 2 kv heads, head dim 128"), c.settings().toString());
    }
}
