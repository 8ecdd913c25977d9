package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The same option means the same thing in every subcommand: names, suffixes, defaults. */
class OptionsAgreeTest {
    @Test
    void rfTakesPatternsAndLengthsLikeTheOtherCommands() {
        Cli.Run r = Cli.run("rf", "--patterns", "sliding:window=2,sink=1,paper-power", "--lengths", "4K,8K", "--layers", "1,2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("pattern,length,block,layers,coverage", lines.get(0));
        assertEquals(1 + 2 * 2 * 2, lines.size(), r.out());
        assertTrue(lines.get(1).startsWith("\"sliding:window=2,sink=1\",4096,64,1,"), lines.get(1));
        assertTrue(lines.get(8).startsWith("paper-power,8192,64,2,"), lines.get(8));
    }

    @Test
    void rfKeepsItsSingularNamesAsAliases() {
        Cli.Run plural = Cli.run("rf", "--patterns", "paper-sliding", "--lengths", "32768", "--block", "256", "--layers", "1");
        Cli.Run singular = Cli.run("rf", "--pattern", "paper-sliding", "--length", "32K", "--block", "256", "--layers", "1");
        assertEquals(plural.out(), singular.out());
        // PowerAttention, Appendix A: one hop of a 9-block window + 1 sink reaches 10 of 128 blocks
        assertEquals("paper-sliding,32768,256,1,0.078125", plural.out().lines().toList().get(1));
    }

    @Test
    void rfNeedsPatternsAndLengths() {
        Cli.Run r = Cli.run("rf", "--lengths", "1K");
        assertEquals(2, r.code());
        assertEquals("rf: option '--patterns': expected at least one pattern spec", r.err().strip());
        r = Cli.run("rf", "--pattern", "full");
        assertEquals("rf: option '--lengths': expected at least one context length", r.err().strip());
    }

    @Test
    void rfChecksEverySpecBeforePrinting() {
        Cli.Run r = Cli.run("rf", "--patterns", "full,sliding|", "--lengths", "1K");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("rf: option '--patterns': pattern spec 'sliding|': '|' at position 8 has no pattern after it "
                + "(expected a pattern on each side of | and &)", r.err().strip());
    }

    @Test
    void blockDefaultsAgreeWhereTheyMeanTheSame() {
        CommandLine top = new CommandLine(new LongSight());
        for (String name : List.of("run", "rf", "fidelity", "calibrate")) {
            assertEquals(Options.BLOCK, top.getSubcommands().get(name).getCommandSpec().findOption("--block").defaultValue(), name);
        }
        assertEquals("128", top.getSubcommands().get("bench").getCommandSpec().findOption("--block").defaultValue());
    }

    @Test
    void everyCommandThatTakesPatternsCallsItPatterns() {
        CommandLine top = new CommandLine(new LongSight());
        for (String name : List.of("run", "rf", "fidelity", "calibrate", "bench")) {
            assertTrue(top.getSubcommands().get(name).getCommandSpec().findOption("--patterns") != null, name);
            assertTrue(top.getSubcommands().get(name).getCommandSpec().findOption("--lengths") != null, name);
        }
    }

    @Test
    void runTakesTextFieldAndItsOldName() {
        for (String option : List.of("--text-field", "--json-field")) {
            RunCommand run = new RunCommand();
            new CommandLine(run).parseArgs(option, "body", "--lengths", "4K,1M");
            assertEquals("body", run.toConfig().jsonField(), option);
            assertEquals(List.of(4096, 1048576), run.toConfig().lengths());
        }
    }

    @Test
    void fidelityLengthsTakeSuffixes() {
        Cli.Run r = Cli.run("fidelity", "--lengths", "1K,2x");
        assertEquals(2, r.code());
        assertEquals("fidelity: option '--lengths': expected token counts such as 4096 or 8K, got '2x'", r.err().strip());
    }

    @Test
    void misspelledOptionsGetTheNearestName() {
        Cli.Run r = Cli.run("run", "--pattern", "full");
        assertEquals(2, r.code());
        assertTrue(r.err().lines().findFirst().orElse("").contains("did you mean --patterns?"), r.err());
        r = Cli.run("fidelity", "--block-size", "64");
        assertTrue(r.err().lines().findFirst().orElse("").contains("did you mean --block?"), r.err());
    }
}
