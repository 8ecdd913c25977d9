package dev.longsight.job.cli;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.probe.Calibrate;
import dev.longsight.job.workload.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code longsight calibrate}: the probe's accuracy per task x length x pattern, without Spark (see job/PROBE.md). */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CalibrateCommand.CalibrationSweep.class,
        description = {"Run a sweep through the probe on one device without Spark and print a CSV per task x length x pattern: "
                + "units, accuracy, rf_accuracy, mean_score, kernel_ms_per_unit, device.",
                "Checks the probe's calibration: under full attention every task should score 1.0.",
                "Exit codes: 0 ok, 1 a unit failed, 2 bad input, 3 device error."},
        footer = {"", "Example: ./longsight calibrate --lengths 8K,32K,128K --depths 0,0.5,1 --patterns full --device gpu"})
final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    SweepOptions sweep;

    @Mixin
    ShapeOptions shape;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "sample-data/corpus",
            description = "Local directory whose *.txt documents give the haystacks of tasks other than passkey (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Override
    public Integer call() { return Calibrate.run(sweep(), shape(), corpus, System.out, System.err); }

    SweepSpec sweep() { return sweep.sweep(); }

    ModelShape shape() { return shape.shape(); }

    /** Every task at short lengths and five depths under full attention: where the probe must score 1.0. */
    static final class CalibrationSweep extends SweepOptions.Defaults {
        CalibrationSweep() {
            super(new SweepSpec(List.of("passkey", "niah-single", "niah-multikey", "niah-multivalue", "niah-multiquery"),
                    List.of(1024, 2048, 4096, 8192), List.of(0.0, 0.25, 0.5, 0.75, 1.0), 1, List.of("full"), 42L));
        }
    }
}
