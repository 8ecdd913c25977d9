package dev.longsight.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.Document;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Tokenizer;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnitRunnerTest {
    static final ModelShape SHAPE = new ModelShape(3, 2, 1, 64, 64, 512, "auto");
    static final List<Document> DOCS = List.of(new Document("d", "The orchard was pruned in late winter when the trees were dormant."));
    static UnitRunner runner;

    @BeforeAll
    static void open() { runner = new UnitRunner(SHAPE); }

    @AfterAll
    static void close() { runner.close(); }

    static List<WorkUnit> units(long seed) {
        return Workloads.expand(new SweepSpec(List.of("passkey", "niah-multikey"), List.of(700), List.of(0.2, 0.9), 1,
                List.of("full", "sliding:window=3,sink=1"), seed), DOCS);
    }

    @Test
    void sameUnitsGiveSameResults() {
        List<WorkUnit> a = units(9), b = units(9);
        for (int i = 0; i < a.size(); i++) {
            UnitResult x = runner.run(a.get(i), "e1"), y = runner.run(b.get(i), "e1");
            assertEquals("ok", x.status(), x.error());
            assertEquals(withoutTimes(x), withoutTimes(y));
        }
    }

    private static UnitResult withoutTimes(UnitResult r) {
        return new UnitResult(r.unitId(), r.task(), r.pattern(), r.length(), r.depth(), r.sample(), r.seed(), r.document(), r.layers(), r.heads(),
                r.kvHeads(), r.headDim(), r.blockSize(), r.chunkSize(), r.precision(), r.rfReachable(), r.rfCoverage(), r.answer(),
                r.predicted(), r.exactMatch(), r.score(), 0, 0, r.tokens(), r.pairs(), r.flops(),
                r.device(), r.kernel(), r.executorId(), r.status(), r.error());
    }

    @Test
    void aUnitsWallTimeIsSplitIntoPartsThatAddUp() {
        long before = System.currentTimeMillis();
        UnitResult r = runner.run(units(5).get(0), "e1");
        assertEquals("ok", r.status(), r.error());
        assertTrue(r.startEpochMs() >= before && r.startEpochMs() <= System.currentTimeMillis(), String.valueOf(r.startEpochMs()));
        double[] parts = {r.hostBuildMs(), r.transferMs(), r.kernelMs(), r.readoutMs()};
        for (double p : parts) assertTrue(p >= 0 && p <= r.unitWallMs(), r.toString());
        assertTrue(r.otherMs() >= -1e-6, r.toString());
        assertTrue(r.hostBuildMs() > 0 && r.readoutMs() > 0 && r.kernelMs() > 0, r.toString());
        assertEquals(r.unitWallMs(), r.hostBuildMs() + r.transferMs() + r.kernelMs() + r.readoutMs() + r.otherMs(), 1e-6);
        // The prefills' wall time holds the transfers and the kernels.
        assertTrue(r.wallMs() >= r.transferMs() + r.kernelMs() - 1e-6, r.toString());
    }

    @Test
    void everyFieldIsFilled() {
        WorkUnit u = units(3).get(1); // passkey, depth 0.2, sliding window of 3 blocks: out of reach
        UnitResult r = runner.run(u, "exec-7");
        assertEquals("ok", r.status(), r.error());
        BlockLayout layout = BlockLayout.of(Patterns.parse(u.patternSpec()), u.length(), SHAPE.blockSize());
        assertEquals(layout.pairs() * 3 * 2, r.pairs());
        assertEquals(4.0 * 64 * r.pairs(), r.flops());
        assertEquals(700, r.tokens());
        assertEquals(runner.deviceName(), r.device());
        assertEquals("exec-7", r.executorId());
        assertEquals("fp32", r.precision());
        assertFalse(r.rfReachable(), "a needle 8 blocks back is beyond 3 hops of a 3-block window");
        assertFalse(r.exactMatch(), "the probe cannot retrieve what its receptive field does not reach");
        assertEquals(5, r.predicted().length());
        assertTrue(r.rfCoverage() > 0 && r.rfCoverage() < 1, "coverage " + r.rfCoverage());
        assertTrue(r.kernelMs() > 0 && r.wallMs() >= r.kernelMs(), r.kernelMs() + " / " + r.wallMs());
        UnitResult full = runner.run(units(3).get(0), "exec-7");
        assertTrue(full.rfReachable() && full.exactMatch() && full.rfCoverage() == 1.0, full.toString());
        assertEquals(full.answer(), full.predicted());
    }

    @Test
    void badUnitsFailWithAReason() {
        WorkUnit good = units(5).get(0);
        int[] outOfRange = good.tokens().clone();
        outOfRange[17] = Tokenizer.VOCAB + 3;
        assertFailed(copy(good, outOfRange, good.length(), good.patternSpec()), "token id " + (Tokenizer.VOCAB + 3) + " at position 17 is outside the vocabulary");
        assertFailed(copy(good, good.tokens(), good.length() + 1, good.patternSpec()), "tokens has 700 ids but length is 701");
        assertFailed(copy(good, good.tokens(), good.length(), "circle:r=2"), "unknown pattern 'circle'");
        int[] noDigits = good.tokens().clone();
        for (int i = good.needlePositions()[0]; i < good.needlePositions()[0] + good.needleLengths()[0]; i++) {
            if (Tokenizer.isDigit(noDigits[i])) noDigits[i] = Tokenizer.idOf("x");
        }
        assertFailed(copy(good, noDigits, good.length(), good.patternSpec()), "needle 0 at " + good.needlePositions()[0] + " has no run of 5 digit tokens");
    }

    private static void assertFailed(WorkUnit u, String reason) {
        UnitResult r = runner.run(u, "e");
        assertEquals("failed", r.status());
        assertNotNull(r.error());
        assertTrue(r.error().contains(reason), r.error());
        assertEquals(u.unitId(), r.unitId());
        assertFalse(r.exactMatch());
    }

    private static WorkUnit copy(WorkUnit u, int[] tokens, int length, String pattern) {
        return new WorkUnit(u.unitId(), u.task(), pattern, length, u.depth(), u.sample(), u.seed(), u.docId(), tokens,
                u.needlePositions(), u.questionPosition(), u.answer(), u.needleLengths(), u.readoutPositions());
    }

    @Test
    void resultsDoNotDependOnChunkSizeOrDevice() {
        List<WorkUnit> us = Workloads.expand(new SweepSpec(List.of("passkey", "niah-multiquery"), List.of(333), List.of(0.0, 0.6), 1,
                List.of("full", "sliding:window=2,sink=1"), 4), DOCS);
        try (UnitRunner small = new UnitRunner(new ModelShape(3, 2, 1, 64, 32, 64, "auto"));
             UnitRunner big = new UnitRunner(new ModelShape(3, 2, 1, 64, 32, 320, "auto"));
             UnitRunner jtp = new UnitRunner(new ModelShape(3, 2, 1, 64, 32, 64, "jtp"))) {
            assertTrue(jtp.deviceName().startsWith("JTP"), jtp.deviceName());
            for (WorkUnit u : us) {
                UnitResult a = small.run(u, "e"), b = big.run(u, "e"), c = jtp.run(u, "e");
                assertEquals("ok", a.status(), a.error());
                assertEquals(a.predicted(), b.predicted(), u.unitId() + ": chunk 64 vs 320");
                // Unreached readouts decode noise, whose last bits may differ between devices: compare what was retrieved.
                assertEquals(a.score(), c.score(), u.unitId() + ": " + small.deviceName() + " vs JTP");
                assertEquals(a.rfReachable(), c.rfReachable());
                assertEquals(jtp.deviceName(), c.device());
            }
        }
    }
}
