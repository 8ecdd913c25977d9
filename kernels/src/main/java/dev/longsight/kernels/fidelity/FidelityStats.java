package dev.longsight.kernels.fidelity;

import java.util.Arrays;

/**
 * Fidelity of one pattern at one length, aggregated over rows (and, by merging, over heads, seeds
 * or executors): the four per-row errors of {@link RowErrors}, and dropped mass and relative L2
 * error by query-position bucket (bucket b holds rows {@code [b*n/B, (b+1)*n/B)}: early rows attend
 * few keys, so a pattern's error usually grows with position).
 */
public record FidelityStats(Distribution droppedMass, Distribution relL2, Distribution maxAbs, Distribution meanAbs,
                            Distribution[] droppedByBucket, Distribution[] relL2ByBucket) {

    public FidelityStats {
        if (droppedByBucket.length != relL2ByBucket.length) throw new IllegalArgumentException("bucket counts differ");
        droppedByBucket = droppedByBucket.clone();
        relL2ByBucket = relL2ByBucket.clone();
    }

    /** Rows of {@code e} are query positions 0..n-1 of one head. */
    public static FidelityStats of(RowErrors e, int buckets) {
        if (buckets <= 0) throw new IllegalArgumentException("buckets must be > 0, got " + buckets);
        int n = e.rows();
        Distribution[] db = new Distribution[buckets], rb = new Distribution[buckets];
        for (int b = 0; b < buckets; b++) {
            int lo = bucketStart(b, n, buckets), hi = bucketStart(b + 1, n, buckets);
            db[b] = Distribution.of(e.droppedMass(), lo, hi);
            rb[b] = Distribution.of(e.relL2(), lo, hi);
        }
        return new FidelityStats(Distribution.of(e.droppedMass()), Distribution.of(e.relL2()), Distribution.histogram(e.maxAbs(), 0, n),
                Distribution.histogram(e.meanAbs(), 0, n), db, rb); // only the max and mean of the abs errors are reported
    }

    /** First row of bucket b of n rows split into B equal position ranges. */
    public static int bucketStart(int b, int n, int buckets) { return (int) ((long) b * n / buckets); }

    public int buckets() { return droppedByBucket.length; }

    public FidelityStats merge(FidelityStats o) {
        if (o.buckets() != buckets()) throw new IllegalArgumentException("cannot merge " + buckets() + " with " + o.buckets() + " buckets");
        Distribution[] db = new Distribution[buckets()], rb = new Distribution[buckets()];
        for (int b = 0; b < db.length; b++) {
            db[b] = droppedByBucket[b].merge(o.droppedByBucket[b]);
            rb[b] = relL2ByBucket[b].merge(o.relL2ByBucket[b]);
        }
        return new FidelityStats(droppedMass.merge(o.droppedMass), relL2.merge(o.relL2), maxAbs.merge(o.maxAbs),
                meanAbs.merge(o.meanAbs), db, rb);
    }

    @Override
    public Distribution[] droppedByBucket() { return droppedByBucket.clone(); }

    @Override
    public Distribution[] relL2ByBucket() { return relL2ByBucket.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof FidelityStats s && s.droppedMass.equals(droppedMass) && s.relL2.equals(relL2)
                && s.maxAbs.equals(maxAbs) && s.meanAbs.equals(meanAbs)
                && Arrays.equals(s.droppedByBucket, droppedByBucket) && Arrays.equals(s.relL2ByBucket, relL2ByBucket);
    }

    @Override
    public int hashCode() { return droppedMass.hashCode() * 31 + relL2.hashCode(); }
}
