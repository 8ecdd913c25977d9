package dev.longsight.job.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.probe.ProbeConfig;
import dev.longsight.job.probe.ProbeDims;
import dev.longsight.job.probe.ProbeNetwork;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe source serves the probe's first-layer Q/K/V per head, deterministically, for a passkey unit. */
class ProbeSourceTest {
    static final int HEADS = 4, KV = 2, D = 32;

    @Test
    void shapesAndSlicesEqualTheProbesFirstLayer() {
        ProbeSource src = new ProbeSource(HEADS, KV, D, 5);
        int n = 200;
        WorkUnit unit = src.unit(n);
        assertEquals("passkey", unit.task());
        assertEquals(ProbeSource.DEPTH, unit.depth());
        ProbeNetwork.LayerInput ref = new ProbeNetwork(new ModelShape(3, HEADS, KV, D, 16, 64, "jtp"), ProbeConfig.DEFAULT).firstLayer(unit);
        for (int h = 0; h < HEADS; h++) {
            float[] q = src.q(h, n); // (n, D)
            assertEquals(n * D, q.length);
            assertArrayEquals(Arrays.copyOfRange(ref.q(), h * n * D, (h + 1) * n * D), q);
        }
        for (int g = 0; g < KV; g++) {
            assertArrayEquals(Arrays.copyOfRange(ref.k(), g * n * D, (g + 1) * n * D), src.k(g, n));
            assertArrayEquals(Arrays.copyOfRange(ref.v(), g * n * D, (g + 1) * n * D), src.v(g, n));
        }
        assertEquals(HEADS, src.heads());
        assertEquals(KV, src.kvHeads());
        assertEquals(D, src.headDim());
        assertTrue(src.describe().startsWith("probe(passkey,depth=0.5"), src.describe());
    }

    @Test
    void deterministicForASeedAndTheCacheFollowsTheLength() {
        ProbeSource a = new ProbeSource(HEADS, KV, D, 7), b = new ProbeSource(HEADS, KV, D, 7), c = new ProbeSource(HEADS, KV, D, 8);
        float[] k128 = a.k(1, 128);
        float[] k96 = a.k(1, 96);
        assertEquals(96 * D, k96.length);
        assertArrayEquals(k128, a.k(1, 128)); // rebuilt after another length: same numbers
        assertArrayEquals(k128, b.k(1, 128));
        assertArrayEquals(a.q(3, 96), b.q(3, 96));
        assertFalse(Arrays.equals(k128, c.k(1, 128)), "another seed draws another unit");
    }

    @Test
    void theReadoutsQueryPicksTheNeedleAmongAllKeys() {
        // The probe's retrieval problem is visible in its first-layer Q/K/V: at the readout, the needle's keys score highest.
        ProbeSource src = new ProbeSource(HEADS, KV, D, 3);
        int n = 512;
        WorkUnit u = src.unit(n);
        ProbeDims dims = ProbeDims.of(D, ProbeConfig.DEFAULT);
        int r = u.readoutPositions()[0], from = u.needlePositions()[0], to = from + u.needleLengths()[0];
        for (int g = 0; g < KV; g++) {
            float[] k = src.k(g, n), v = src.v(g, n); // (n, D)
            for (int t = 0; t < n; t++) {
                float flag = t >= from && t < to ? 1f : 0f;
                assertEquals(flag, k[t * D + dims.flagIndex()], "K flag at " + t);
                assertEquals(flag, v[t * D], "V flag at " + t);
            }
        }
        for (int h = 0; h < HEADS; h++) {
            float[] q = src.q(h, n), k = src.k(h / (HEADS / KV), n);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int t = 0; t <= r; t++) {
                double s = 0;
                for (int i = 0; i < D; i++) s += q[r * D + i] * k[t * D + i];
                if (s > bestScore) { bestScore = s; best = t; }
            }
            assertTrue(best >= from && best < to, "head " + h + ": best key " + best + " outside the needle [" + from + ", " + to + ")");
        }
    }

    @Test
    void theConfigRefusesAHeadDimTooSmallForTheProbeOnlyWithTheProbeSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("probe", ProbeDims.MIN_HEAD_DIM - 1));
        assertTrue(e.getMessage().startsWith("option '--head-dim': expected at least " + ProbeDims.MIN_HEAD_DIM) && !e.getMessage().contains("\n"),
                e.getMessage());
        config("gaussian", ProbeDims.MIN_HEAD_DIM - 1);
        config("probe", ProbeDims.MIN_HEAD_DIM);
    }

    private static FidelityConfig config(String source, int headDim) {
        return new FidelityConfig(List.of(64), List.of("paper-power"), source, 2, 1, headDim, 16, 64, DeviceSpec.parse("jtp"),
                Precision.FP32, 0, "out", ScoreScale.parse("ln:2"), 0, 1);
    }
}
