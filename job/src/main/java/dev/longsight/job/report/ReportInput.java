package dev.longsight.job.report;

import dev.longsight.job.output.ExecutorTime;
import dev.longsight.job.unit.UnitResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML report shows: the run's identity (title, command line as typed, build, host
 * and time), its configuration (in the order given, printed as a table), the per-unit results and
 * the fidelity rows (may be empty: the report then has no fidelity section), and where the run's
 * wall time went per executor (empty when not measured, e.g. for a report of resumed units only).
 */
public record ReportInput(String title, String commandLine, RunInfo info, Map<String, String> config,
                          List<UnitResult> results, List<FidelityRow> fidelity, List<ExecutorTime> executorTime) {
    public ReportInput {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(info, "info");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        fidelity = List.copyOf(Objects.requireNonNull(fidelity, "fidelity"));
        executorTime = List.copyOf(Objects.requireNonNull(executorTime, "executorTime"));
    }

    /** A report without the per-executor accounting. */
    public ReportInput(String title, String commandLine, RunInfo info, Map<String, String> config,
                       List<UnitResult> results, List<FidelityRow> fidelity) {
        this(title, commandLine, info, config, results, fidelity, List.of());
    }

    /** A report of this build and host, now, outside Spark. */
    public ReportInput(String title, String commandLine, Map<String, String> config, List<UnitResult> results, List<FidelityRow> fidelity) {
        this(title, commandLine, RunInfo.current(null), config, results, fidelity);
    }
}
