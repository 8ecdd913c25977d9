package dev.longsight.job.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.attention.Precision;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The probe under tensor-core arithmetic (tf32, bf16) on Java threads: the kernel it records, and its verdicts against fp32. */
class PrecisionRunTest {
    private static ModelShape shape(Precision p, int block) { return new ModelShape(3, 2, 1, 64, block, 512, "jtp", p); }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"BF16", "TF32"})
    void tensorCorePrecisionRecordsItsKernelAndKeepsTheRetrievalVerdicts(Precision p) {
        // Depth 0.1 of 320 tokens is out of a 2-block window's reach: both verdicts occur.
        List<WorkUnit> units = Workloads.expand(new SweepSpec(List.of("passkey", "niah-multikey"), List.of(320), List.of(0.1), 1,
                List.of("full", "sliding:window=2,sink=0"), 11), UnitRunnerTest.DOCS);
        int retrieved = 0, missed = 0;
        try (UnitRunner fp32 = new UnitRunner(shape(Precision.FP32, 64)); UnitRunner low = new UnitRunner(shape(p, 64))) {
            assertTrue(low.kernelSource().startsWith("mma-" + p.id()), low.kernelSource());
            for (WorkUnit u : units) {
                UnitResult a = fp32.run(u, "e"), b = low.run(u, "e");
                assertEquals("ok", b.status(), b.error());
                assertEquals(p.id(), b.precision());
                assertEquals("mma-" + p.id() + " (Java threads, row per work-item)", b.kernel());
                assertEquals("fp32", a.precision());
                assertTrue(a.kernel().startsWith("naive"), a.kernel());
                assertEquals(a.device(), b.device());
                assertEquals(a.rfReachable(), b.rfReachable(), u.unitId());
                assertEquals(a.exactMatch(), b.exactMatch(), u.unitId() + ": fp32 decoded " + a.predicted() + ", " + p.id() + " " + b.predicted());
                assertEquals(a.score(), b.score(), u.unitId());
                if (a.exactMatch()) {
                    assertEquals(a.predicted(), b.predicted(), u.unitId());
                    retrieved++;
                } else {
                    missed++;
                }
            }
        }
        assertTrue(retrieved >= 2 && missed >= 1, "the comparison must include both verdicts: " + retrieved + " retrieved, " + missed + " missed");
    }
}
