package dev.longsight.job.spark;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;

/** The result row of a unit that threw on every attempt: its identity, status "failed", the reason; numbers NaN/0. */
final class FailedUnits {
    private FailedUnits() {}

    static UnitResult of(WorkUnit u, ModelShape s, String device, String kernel, String executorId, String reason) {
        double nan = Double.NaN;
        return new UnitResult(u.unitId(), u.task(), u.patternSpec(), u.length(), u.depth(), u.sample(), u.seed(), u.docId(),
                s.layers(), s.heads(), s.kvHeads(), s.headDim(), s.blockSize(), s.chunkSize(), s.precision().id(),
                false, nan, u.answer(), "", false, nan, nan, nan, u.length(), 0, 0, device, kernel, executorId, "failed", reason);
    }
}
