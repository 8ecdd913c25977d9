package dev.longsight.job.fidelity;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.probe.ProbeConfig;
import dev.longsight.job.probe.ProbeNetwork;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import java.util.Arrays;
import java.util.List;

/**
 * The retrieval probe's Q/K/V: what its first layer feeds to attention for a passkey unit of length
 * n (needle at depth {@value #DEPTH}), built by {@link ProbeNetwork#firstLayer} with the calibrated
 * {@link ProbeConfig#DEFAULT} weights. The unit comes from the sweep's own workload generator seeded
 * with the fidelity seed, so each length is its own unit (not a prefix of a longer one). One length's
 * Q/K/V are kept, since the sweep asks for every head of one length in turn.
 */
public final class ProbeSource implements QkvSource {
    public static final String TASK = "passkey";
    public static final double DEPTH = 0.5;

    private final ModelShape shape;
    private final long seed;
    private final ProbeNetwork network;
    private int cachedLength = -1;
    private ProbeNetwork.LayerInput cached;

    /** headDim is at least the probe's minimum: {@link FidelityConfig} refuses smaller ones for the probe source. */
    public ProbeSource(int heads, int kvHeads, int headDim, long seed) {
        // Only the first layer's inputs are built here; block, chunk and device are the sweep's, not the probe's.
        this.shape = new ModelShape(1, heads, kvHeads, headDim, 1, 1, "none");
        this.seed = seed;
        this.network = new ProbeNetwork(shape, ProbeConfig.DEFAULT);
    }

    /** The unit whose Q/K/V this source serves at length n. */
    public WorkUnit unit(int n) {
        SweepSpec sweep = new SweepSpec(List.of(TASK), List.of(n), List.of(DEPTH), 1, List.of("full"), seed);
        try {
            return Workloads.expand(sweep, List.of()).get(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--lengths': the probe source cannot build a unit: " + e.getMessage());
        }
    }

    @Override public String describe() { return "probe(" + TASK + ",depth=" + DEPTH + ",layer=0,seed=" + seed + ")"; }
    @Override public int heads() { return shape.heads(); }
    @Override public int kvHeads() { return shape.kvHeads(); }
    @Override public int headDim() { return shape.headDim(); }
    @Override public int maxLength() { return Integer.MAX_VALUE; }
    @Override public float[] q(int head, int n) { return slice(layer(n).q(), head, n); }
    @Override public float[] k(int kvHead, int n) { return slice(layer(n).k(), kvHead, n); }
    @Override public float[] v(int kvHead, int n) { return slice(layer(n).v(), kvHead, n); }

    private synchronized ProbeNetwork.LayerInput layer(int n) {
        if (n != cachedLength) {
            cached = null; // let the previous length's arrays go before building the next
            cached = network.firstLayer(unit(n));
            cachedLength = n;
        }
        return cached;
    }

    private float[] slice(float[] a, int head, int n) { // a: (heads, n, headDim)
        int from = head * n * shape.headDim();
        return Arrays.copyOfRange(a, from, from + n * shape.headDim());
    }
}
