package dev.longsight.job.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.exec.UnitRunner;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.TextCorpus;
import dev.longsight.job.workload.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's calibration: full attention retrieves every task; static patterns track their receptive fields. */
class CalibrationTest {
    static final List<String> TASKS = List.of("passkey", "niah-single", "niah-multikey", "niah-multivalue", "niah-multiquery");

    @Test
    void fullAttentionRetrievesEveryTaskAtEverySampleLengthUpTo8K() {
        List<Integer> lengths = new ArrayList<>(Workloads.defaultSweep().lengths());
        lengths.add(8192);
        SweepSpec sweep = new SweepSpec(TASKS, lengths, List.of(0.3), 1, List.of("full"), 2026);
        List<WorkUnit> units = Workloads.expand(sweep, TextCorpus.load(Path.of("../sample-data/corpus")));
        try (UnitRunner runner = new UnitRunner(new ModelShape(3, 2, 1, 64, 64, 1024, "auto"))) {
            for (WorkUnit u : units) {
                UnitResult r = runner.run(u, "test");
                assertEquals("ok", r.status(), r.error());
                assertTrue(r.exactMatch(), u.unitId() + ": predicted " + r.predicted() + ", expected " + r.answer());
            }
        }
    }

    @Test
    void staticPatternsAgreeWithTheirReceptiveFieldOnPasskey() {
        // 1024 tokens in 16-token blocks (64 blocks), 2 layers: receptive fields reach 20-70% of the needles.
        List<Double> depths = new ArrayList<>();
        for (int i = 0; i <= 24; i++) depths.add(i / 24.0);
        List<String> patterns = List.of("paper-sliding", "paper-power", "paper-dilated", "paper-stride-slash");
        SweepSpec sweep = new SweepSpec(List.of("passkey"), List.of(1024), depths, 1, patterns, 7);
        List<WorkUnit> units = Workloads.expand(sweep, List.of());
        try (UnitRunner runner = new UnitRunner(new ModelShape(2, 2, 1, 64, 16, 1024, "auto"))) {
            for (String p : patterns) {
                int n = 0, exact = 0, reachable = 0;
                for (WorkUnit u : units) {
                    if (!u.patternSpec().equals(p)) continue;
                    UnitResult r = runner.run(u, "test");
                    assertEquals("ok", r.status(), r.error());
                    n++;
                    exact += r.exactMatch() ? 1 : 0;
                    reachable += r.rfReachable() ? 1 : 0;
                }
                double acc = (double) exact / n, rf = (double) reachable / n;
                assertTrue(rf > 0.1 && rf < 0.9, p + ": receptive-field accuracy " + rf + " leaves nothing to compare");
                assertTrue(Math.abs(acc - rf) <= 0.05, p + ": probe accuracy " + acc + " vs receptive-field accuracy " + rf);
            }
        }
    }

    @Test
    void boundKeysInterfereInRelaysWhileSeparateSlotsDoNot() {
        List<Double> depths = new ArrayList<>();
        for (int i = 0; i <= 12; i++) depths.add(i / 12.0);
        SweepSpec sweep = new SweepSpec(List.of("niah-multikey", "niah-multivalue"), List.of(1024), depths, 1, List.of("paper-power"), 11);
        List<WorkUnit> units = Workloads.expand(sweep, TextCorpus.load(Path.of("../sample-data/corpus")));
        try (UnitRunner runner = new UnitRunner(new ModelShape(2, 2, 1, 64, 16, 1024, "auto"))) {
            double[] acc = new double[2], rf = new double[2];
            for (WorkUnit u : units) {
                UnitResult r = runner.run(u, "test");
                assertEquals("ok", r.status(), r.error());
                int t = u.task().equals("niah-multikey") ? 0 : 1;
                acc[t] += r.exactMatch() ? 1.0 / depths.size() : 0;
                rf[t] += r.rfReachable() ? 1.0 / depths.size() : 0;
            }
            // Multi-key: relays carry the target superposed with other keys' needles and lose digits.
            assertTrue(acc[0] <= rf[0] - 0.2, "multikey probe " + acc[0] + " vs receptive field " + rf[0]);
            // Multi-value: one key, one slot per value: relays add up without interference.
            assertTrue(Math.abs(acc[1] - rf[1]) <= 0.05, "multivalue probe " + acc[1] + " vs receptive field " + rf[1]);
        }
    }
}
