package dev.longsight.job.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProbeNetwork#firstLayer} returns exactly what a real run feeds to its first attention call. */
class ProbeFirstLayerTest {
    @Test
    void firstLayerEqualsWhatTheRunFeedsToItsFirstAttentionCall() {
        int n = 256;
        WorkUnit unit = Workloads.expand(new SweepSpec(List.of("passkey"), List.of(n), List.of(0.5), 1, List.of("full"), 11), List.of()).get(0);
        ModelShape shape = new ModelShape(2, 4, 2, 32, 16, 64, "jtp");
        ProbeNetwork net = new ProbeNetwork(shape, ProbeConfig.DEFAULT);
        List<float[][]> seen = new ArrayList<>(); // per layer: {q, k, v}, copied since the run reuses its arrays
        ProbeRun run;
        try (PrefillLauncher launcher = new PrefillLauncher(DeviceSpec.parse("jtp"))) {
            BlockLayout layout = BlockLayout.of(Patterns.parse("full"), n, shape.blockSize());
            run = net.run(unit, (as, q, k, v) -> {
                seen.add(new float[][] {q.clone(), k.clone(), v.clone()});
                return launcher.prefill(as, layout, q, k, v, shape.chunkSize());
            });
        }
        assertEquals(1, run.correct(), "the recorded run must still retrieve the passkey");
        assertEquals(2, seen.size());
        ProbeNetwork.LayerInput first = new ProbeNetwork(shape, ProbeConfig.DEFAULT).firstLayer(unit);
        assertEquals(n, first.shape().seqLen());
        assertArrayEquals(seen.get(0)[0], first.q());
        assertArrayEquals(seen.get(0)[1], first.k());
        assertArrayEquals(seen.get(0)[2], first.v());
        // the second layer differs (other projections, updated stream): the comparison above is specific to layer 0
        assertFalse(java.util.Arrays.equals(seen.get(1)[1], first.k()));
    }
}
