package dev.longsight.job.spark;

import java.util.List;

/**
 * What a run did: units in the sweep, those computed now and those resumed from committed
 * batches, failed units, and the output files written.
 */
public record RunOutcome(int units, int computed, int resumed, long failedUnits, List<String> files) {
    public RunOutcome {
        files = List.copyOf(files);
    }
}
