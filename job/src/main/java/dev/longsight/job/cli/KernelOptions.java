package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.kernels.attention.Precision;
import picocli.CommandLine.Option;

/** Where and in which arithmetic the prefill kernels run; the same for every command that runs them. */
final class KernelOptions {
    @Option(names = "--device", defaultValue = "auto", description = "auto, gpu, gpu:<i>, cpu (OpenCL, e.g. PoCL) or jtp (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--precision", defaultValue = "fp32", description = "Prefill arithmetic: fp32, or tf32/bf16 on tensor cores "
            + " (mma.sync; needs a --block multiple of 64); results record the kernel that ran (default: ${DEFAULT-VALUE}).")
    String precision;

    Precision precision() { return Values.precision(precision); }
}
