package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.util.List;

/**
 * Units' wall time summed and split into its parts ({@link UnitResult}: host build, transfers,
 * kernels, readout, other), over the probe units that carry the split.
 */
public record WallSplit(int units, double wallMs, double buildMs, double transferMs, double kernelMs, double readoutMs, double otherMs) {
    public static final WallSplit EMPTY = new WallSplit(0, 0, 0, 0, 0, 0, 0);

    public static WallSplit of(List<UnitResult> results) {
        WallSplit s = EMPTY;
        for (UnitResult r : results) {
            if (!"ok".equals(r.status()) || !Double.isFinite(r.unitWallMs()) || !Double.isFinite(r.hostBuildMs())) continue;
            s = new WallSplit(s.units + 1, s.wallMs + r.unitWallMs(), s.buildMs + r.hostBuildMs(), s.transferMs + r.transferMs(),
                    s.kernelMs + r.kernelMs(), s.readoutMs + r.readoutMs(), s.otherMs + r.otherMs());
        }
        return s;
    }

    /** The parts' names and shares of the wall time, in column order. */
    public String[] names() { return new String[] {"host build", "transfers", "kernels", "readout", "other"}; }

    public double[] shares() {
        double[] ms = {buildMs, transferMs, kernelMs, readoutMs, otherMs};
        for (int i = 0; i < ms.length; i++) ms[i] = wallMs > 0 ? ms[i] / wallMs : Double.NaN;
        return ms;
    }
}
