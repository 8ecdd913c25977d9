package dev.longsight.job.cli;

import picocli.CommandLine.Command;

/** Placeholder until the benchmark lands (issue 4). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark block-sparse prefill kernels.")
final class BenchCommand implements Runnable {
    @Override
    public void run() { throw new UnsupportedOperationException("the benchmark is not built yet"); }
}
