package dev.longsight.job.spark;

import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.output.Progress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Moves the progress line as a batch's Spark tasks finish, not only when the batch commits: a
 * listener on the driver that knows which units each task (slice) of the current batch holds. The
 * driver still sets the exact count after each commit; this only fills in between.
 */
final class BatchProgress extends SparkListener {
    private static final String BATCH_PROPERTY = "longsight.batch";

    /** One batch's slices as Spark cuts them: units and tokens of slice i, and the slices finished. */
    private record Batch(String id, long baseUnits, long baseTokens, long[] sliceUnits, long[] sliceTokens, Set<Integer> stages,
                         Set<Integer> finished, long[] doneUnitsTokens) {}

    private final Progress progress;
    private volatile Batch current;

    BatchProgress(Progress progress) { this.progress = progress; }

    /**
     * Marks the jobs this thread submits next as batch {@code id}, whose units are {@code balanced}
     * cut into {@code slices} as {@code parallelize} cuts a list; the run had done the base counts before it.
     */
    void start(JavaSparkContext jsc, String id, List<WorkUnit> balanced, int slices, long baseUnits, long baseTokens) {
        long[] units = new long[slices], tokens = new long[slices]; // (slices)
        int n = balanced.size();
        for (int i = 0; i < slices; i++) {
            // ParallelCollectionRDD.slice: slice i holds [i*n/slices, (i+1)*n/slices).
            for (int j = (int) ((long) i * n / slices); j < (int) ((long) (i + 1) * n / slices); j++) {
                units[i]++;
                tokens[i] += balanced.get(j).length();
            }
        }
        current = new Batch(id, baseUnits, baseTokens, units, tokens, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), new long[2]);
        jsc.setLocalProperty(BATCH_PROPERTY, id);
    }

    void end(JavaSparkContext jsc) {
        jsc.setLocalProperty(BATCH_PROPERTY, null);
        current = null;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        Batch b = current;
        if (b != null && e.properties() != null && b.id().equals(e.properties().getProperty(BATCH_PROPERTY))) {
            b.stages().add(e.stageInfo().stageId());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        Batch b = current;
        if (b == null || !e.taskInfo().successful() || !b.stages().contains(e.stageId())) return;
        int slice = e.taskInfo().partitionId();
        if (slice < 0 || slice >= b.sliceUnits().length || !b.finished().add(slice)) return; // a retried or speculative copy
        synchronized (b) {
            b.doneUnitsTokens()[0] += b.sliceUnits()[slice];
            b.doneUnitsTokens()[1] += b.sliceTokens()[slice];
            progress.update(b.baseUnits() + b.doneUnitsTokens()[0], b.baseTokens() + b.doneUnitsTokens()[1]);
        }
    }
}
