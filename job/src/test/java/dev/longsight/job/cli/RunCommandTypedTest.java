package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line a run's report shows: the subcommand once, arguments quoted as a shell needs them. */
class RunCommandTypedTest {
    @Test
    void namesTheSubcommandOnceAndQuotesWhatTheShellWouldSplit() {
        CommandLine cli = new CommandLine(new LongSight());
        cli.parseArgs("run", "--lengths", "4K,8K", "--patterns", "full;power:window=5,sink=1", "--output", "my out");
        RunCommand run = cli.getSubcommands().get("run").getCommand();
        String launcher = System.getProperty("longsight.launcher", "longsight");
        assertEquals(launcher + " run --lengths 4K,8K --patterns 'full;power:window=5,sink=1' --output 'my out'", run.typed());
    }
}
