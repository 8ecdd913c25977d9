package dev.longsight.kernels.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.attention.AttentionResult;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import org.junit.jupiter.api.Test;

class FidelityMetricsTest {

    /** Three keys with scores 0, ln 2, ln 5 (weights 1, 2, 5 of 8); a sparse row keeping only the last one drops 3/8. */
    @Test
    void droppedMassOfATinyCaseIsTheHandComputedShare() {
        int n = 3, d = 1, bs = 1;
        AttentionShape s = new AttentionShape(1, 1, n, d);
        float[] q = {0, 0, 1};
        float[] k = {0, (float) Math.log(2), (float) Math.log(5)};
        float[] v = {1, 2, 3};
        try (PrefillLauncher l = new PrefillLauncher(DeviceSpec.parse("jtp"))) {
            AttentionResult exact = l.prefill(s, BlockLayout.of(Patterns.parse("full"), n, bs), q, k, v, 1);
            AttentionResult diag = l.prefill(s, BlockLayout.of(Patterns.parse("sliding:window=1,sink=0"), n, bs), q, k, v, 1);
            RowErrors e = RowErrors.compare(n, d, exact.o(), exact.lse(), diag.o(), diag.lse());
            assertEquals(0.0, e.droppedMass()[0], 1e-7);      // row 0 only has itself
            assertEquals(0.5, e.droppedMass()[1], 1e-6);      // scores 0, 0: keeps half
            assertEquals(3.0 / 8, e.droppedMass()[2], 1e-6);  // keeps weight 5 of 8
            double exactO = (1 * 1 + 2 * 2 + 5 * 3) / 8.0;    // 2.5; sparse output is 3
            assertEquals(0.5 / exactO, e.relL2()[2], 1e-6);
            assertEquals(0.5, e.maxAbs()[2], 1e-6);
            assertEquals(0.5, e.meanAbs()[2], 1e-6);
        }
    }

    /** The LSE formula equals the total-variation distance computed from explicit attention rows. */
    @Test
    void droppedMassIsTheTotalVariationDistance() {
        int n = 40, d = 8, bs = 4;
        AttentionShape s = new AttentionShape(1, 1, n, d);
        float[] q = Tensors.gaussian(n * d, 7, 1.5), k = Tensors.gaussian(n * d, 8, 1.5), v = Tensors.gaussian(n * d, 9, 1);
        BlockLayout sparse = BlockLayout.of(Patterns.parse("power:window=2,sink=1"), n, bs);
        try (PrefillLauncher l = new PrefillLauncher(DeviceSpec.parse("jtp"))) {
            AttentionResult exact = l.prefill(s, BlockLayout.of(Patterns.parse("full"), n, bs), q, k, v, 8);
            AttentionResult sp = l.prefill(s, sparse, q, k, v, 8);
            RowErrors e = RowErrors.compare(n, d, exact.o(), exact.lse(), sp.o(), sp.lse());
            for (int i = 0; i < n; i++) {
                double[] w = new double[i + 1];
                double z = 0, zs = 0;
                int[] row = sparse.row(i / bs);
                boolean[] kept = new boolean[i + 1];
                for (int kb : row) for (int j = kb * bs; j < Math.min(i + 1, (kb + 1) * bs); j++) kept[j] = true;
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) dot += (double) q[i * d + c] * k[j * d + c];
                    w[j] = Math.exp(dot / Math.sqrt(d));
                    z += w[j];
                    if (kept[j]) zs += w[j];
                }
                double tv = 0;
                for (int j = 0; j <= i; j++) tv += Math.abs(w[j] / z - (kept[j] ? w[j] / zs : 0));
                assertEquals(tv / 2, e.droppedMass()[i], 2e-6, "row " + i);
            }
        }
    }

    @Test
    void fullLayoutAgainstItselfDropsNothing() {
        AttentionShape s = new AttentionShape(2, 1, 100, 16);
        float[] q = Tensors.gaussian(s.qSize(), 1, 2), k = Tensors.gaussian(s.kvSize(), 2, 2), v = Tensors.gaussian(s.kvSize(), 3, 1);
        try (PrefillLauncher l = new PrefillLauncher(DeviceSpec.parse("jtp"))) {
            BlockLayout full = BlockLayout.of(Patterns.parse("full"), 100, 8);
            AttentionResult a = l.prefill(s, full, q, k, v, 16), b = l.prefill(s, full, q, k, v, 32);
            FidelityStats st = FidelityStats.of(RowErrors.compare(200, 16, a.o(), a.lse(), b.o(), b.lse()), 4);
            assertEquals(0, st.droppedMass().max(), 1e-6);
            assertEquals(0, st.relL2().max(), 1e-5);
        }
    }

    @Test
    void dropsGrowAsAWindowShrinksAndRelL2MatchesDefinition() {
        float[] oe = {3, 4, 0, 0}, le = {1, 1};
        float[] os = {0, 0, 0, 0}, ls = {(float) (1 + Math.log(0.25)), 1};
        RowErrors e = RowErrors.compare(2, 2, oe, le, os, ls);
        assertEquals(0.75, e.droppedMass()[0], 1e-6);
        assertEquals(1.0, e.relL2()[0], 1e-12);
        assertEquals(4.0, e.maxAbs()[0]);
        assertEquals(3.5, e.meanAbs()[0]);
        assertEquals(0.0, e.relL2()[1]);
    }

    @Test
    void distributionQuantilesAreExactByNearestRankAndSurviveMerges() {
        double[] xs = new double[1000];
        for (int i = 0; i < xs.length; i++) xs[i] = (xs.length - i) / 1000.0; // 1.000 down to 0.001, unsorted input
        Distribution d = Distribution.of(xs);
        assertTrue(d.exact());
        assertEquals("exact", d.quantiles());
        assertEquals(0.5005, d.mean(), 1e-12);
        assertEquals(1.0, d.max());
        assertEquals(0.5, d.p50()); // rank ceil(0.5 * 1000) = 500: the value 0.500 exactly
        assertEquals(0.99, d.p99()); // rank 990
        assertEquals(0.001, d.quantile(1e-9)); // the smallest value
        assertEquals(1.0, d.quantile(1));
        Distribution a = Distribution.of(xs, 0, 400), b = Distribution.of(xs, 400, 1000);
        Distribution m = b.merge(a);
        assertTrue(m.exact());
        assertEquals(d.count(), m.count());
        assertEquals(d.sum(), m.sum(), 1e-9);
        assertEquals(0.5, m.p50());
        assertEquals(0.99, m.p99());
        // values of the same histogram bin stay apart: 0.978 and 0.999 share a bin (a 2.3% resolution)
        double[] close = {0.978, 0.978, 0.999, 0.999};
        assertEquals(0.978, Distribution.of(close).p50());
        assertEquals(0.999, Distribution.of(close).p99());
        assertEquals(Distribution.histogram(close, 0, 4).p50(), Distribution.histogram(close, 0, 4).p99());
        assertEquals(1e-14, Distribution.of(new double[] {0, 0, 1e-14}).p99()); // exact keeps what the histogram calls zero
        assertEquals(0, Distribution.histogram(new double[] {0, 0, 1e-14}, 0, 3).p99());
        assertEquals(0.25, Distribution.empty().merge(Distribution.of(new double[] {0.25})).p50());
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(new double[] {Double.NaN}));
    }

    @Test
    void histogramQuantilesAreWithinTheirResolution() {
        double[] xs = new double[1000];
        for (int i = 0; i < xs.length; i++) xs[i] = (i + 1) / 1000.0;
        Distribution h = Distribution.histogram(xs, 0, xs.length);
        assertFalse(h.exact());
        assertEquals("histogram (within 2.3%)", h.quantiles());
        assertEquals(0.5, h.p50(), 0.5 * 0.024);
        assertEquals(0.99, h.p99(), 0.99 * 0.024);
        assertFalse(Distribution.of(xs).merge(h).exact(), "a histogram merged in leaves only the histogram");
    }

    @Test
    void beyondTheExactLimitAMergeFallsBackToTheHistogram() {
        double[] xs = new double[Distribution.MAX_EXACT / 2 + 1];
        for (int i = 0; i < xs.length; i++) xs[i] = (i % 1000 + 1) / 1000.0;
        Distribution one = Distribution.of(xs);
        assertTrue(one.exact());
        Distribution two = one.merge(one);
        assertFalse(two.exact());
        assertEquals(2L * xs.length, two.count());
        assertEquals(one.p50(), two.p50(), one.p50() * 0.024);
    }

    @Test
    void statsBucketByPositionAndMerge() {
        double[] dropped = {0, 0, 0.5, 0.5, 1, 1, 1, 1};
        RowErrors e = new RowErrors(dropped, dropped.clone(), dropped.clone(), dropped.clone());
        FidelityStats s = FidelityStats.of(e, 4);
        assertEquals(0, s.droppedByBucket()[0].mean());
        assertEquals(0.5, s.droppedByBucket()[1].mean());
        assertEquals(1, s.droppedByBucket()[3].mean());
        FidelityStats twice = s.merge(s);
        assertEquals(16, twice.droppedMass().count());
        assertEquals(s.droppedMass().mean(), twice.droppedMass().mean(), 1e-12);
        assertEquals(4, twice.droppedByBucket()[2].count());
        assertThrows(IllegalArgumentException.class, () -> s.merge(FidelityStats.of(e, 2)));
    }
}
