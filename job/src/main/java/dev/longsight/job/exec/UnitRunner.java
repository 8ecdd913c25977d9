package dev.longsight.job.exec;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.probe.ProbeConfig;
import dev.longsight.job.probe.ProbeNetwork;
import dev.longsight.job.probe.ProbeRun;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.device.DeviceFallbackException;
import dev.longsight.kernels.device.DeviceSpec;

/**
 * Runs work units on one executor thread: opens the device once, then for each unit builds (or
 * reuses) the pattern's layout, runs the probe through the kernels and fills a {@link UnitResult}.
 * A unit's own failure (bad input, kernel error) becomes {@code status = "failed"} with the reason;
 * a {@link DeviceFallbackException} propagates, because the whole executor is then on the wrong
 * device and the driver decides. Not thread-safe: one per thread. The shape comes checked from the
 * config ({@code config.Rules}); the kernels assert their own invariants on every launch.
 */
public final class UnitRunner implements AutoCloseable {

    private final ModelShape shape;
    private final PrefillLauncher launcher;
    private final ProbeNetwork probe;
    private final Reach.Cache reaches;

    public UnitRunner(ModelShape shape) { this(shape, ProbeConfig.DEFAULT); }

    public UnitRunner(ModelShape shape, ProbeConfig cfg) {
        this.shape = shape;
        this.reaches = new Reach.Cache(shape.blockSize());
        this.probe = new ProbeNetwork(shape, cfg);
        this.launcher = new PrefillLauncher(DeviceSpec.parse(shape.device()), null, shape.precision());
    }

    public String deviceName() { return launcher.deviceName(); }

    /**
     * The prefill code this runner runs at the shape's block size. Asked for when recording a failed
     * unit, so a kernel that cannot even be built is named by its variant instead of throwing again.
     */
    public String kernelSource() {
        try {
            return launcher.kernelSource(shape.blockSize());
        } catch (RuntimeException e) {
            return launcher.variant(shape.blockSize()).id() + " (not built)";
        }
    }

    /**
     * Runs one unit; its result carries the unit's wall time split into host build, transfers,
     * kernels, readout and the rest ({@link UnitResult}).
     */
    public UnitResult run(WorkUnit unit, String executorId) {
        long startEpoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        try {
            Reach reach = reaches.get(unit.patternSpec(), unit.length());
            ProbeRun r = probe.run(unit, reach.layout(), launcher);
            long pairs = reach.layout().pairs() * shape.layers() * shape.heads();
            UnitResult u = result(unit, executorId, reach.reachable(unit, shape.layers()), reach.coverage(unit.questionPosition(), shape.layers()),
                    r.predictedText(), r.exactMatch(), r.score(), r.kernelMs(), r.wallMs(), unit.length(), pairs,
                    4.0 * shape.headDim() * pairs, r.device(), r.kernel(), "ok", null);
            double wall = (System.nanoTime() - t0) / 1e6;
            double other = wall - r.buildMs() - r.transferMs() - r.kernelMs() - r.readoutMs();
            return u.withTiming(wall, r.buildMs(), r.transferMs(), r.readoutMs(), other, startEpoch);
        } catch (DeviceFallbackException e) {
            throw e;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return result(unit, executorId, false, Double.NaN, "", false, 0, Double.NaN, Double.NaN, unit.length(), 0, 0,
                    launcher.deviceName(), kernelSource(), "failed", "unit " + unit.unitId() + ": " + why)
                    .withTiming((System.nanoTime() - t0) / 1e6, Double.NaN, Double.NaN, Double.NaN, Double.NaN, startEpoch);
        }
    }

    private UnitResult result(WorkUnit u, String executorId, boolean reachable, double coverage, String predicted,
                              boolean exact, double score, double kernelMs, double wallMs, long tokens, long pairs,
                              double flops, String device, String kernel, String status, String error) {
        return new UnitResult(u.unitId(), u.task(), u.patternSpec(), u.length(), u.depth(), u.sample(), u.seed(), u.docId(),
                shape.layers(), shape.heads(), shape.kvHeads(), shape.headDim(), shape.blockSize(), shape.chunkSize(), shape.precision().id(),
                reachable, coverage, u.answer(), predicted, exact, score, kernelMs, wallMs,
                tokens, pairs, flops, device, kernel, executorId, status, error);
    }


    @Override
    public void close() { launcher.close(); }
}
