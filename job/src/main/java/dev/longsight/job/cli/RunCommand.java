package dev.longsight.job.cli;

import picocli.CommandLine.Command;

/** Placeholder until the Spark job lands (issue 3). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the retrieval sweep as a Spark job.")
final class RunCommand implements Runnable {
    @Override
    public void run() { throw new UnsupportedOperationException("the Spark job is not built yet"); }
}
