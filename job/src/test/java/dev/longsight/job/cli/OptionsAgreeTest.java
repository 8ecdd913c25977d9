package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The same option means the same thing in every subcommand: names, suffixes, defaults. */
class OptionsAgreeTest {
    @Test
    void rfTakesPatternsAndLengthsLikeTheOtherCommands() {
        String[] r = capture("rf", "--patterns", "sliding:window=2,sink=1,paper-power", "--lengths", "4K,8K", "--layers", "1,2");
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertEquals("pattern,length,block,layers,coverage", lines.get(0));
        assertEquals(1 + 2 * 2 * 2, lines.size(), r[1]);
        assertTrue(lines.get(1).startsWith("\"sliding:window=2,sink=1\",4096,64,1,"), lines.get(1));
        assertTrue(lines.get(8).startsWith("paper-power,8192,64,2,"), lines.get(8));
    }

    @Test
    void rfKeepsItsSingularNamesAsAliases() {
        String[] plural = capture("rf", "--patterns", "paper-sliding", "--lengths", "32768", "--block", "256", "--layers", "1");
        String[] singular = capture("rf", "--pattern", "paper-sliding", "--length", "32K", "--block", "256", "--layers", "1");
        assertEquals(plural[1], singular[1]);
        // PowerAttention, Appendix A: one hop of a 9-block window + 1 sink reaches 10 of 128 blocks
        assertEquals("paper-sliding,32768,256,1,0.078125", plural[1].lines().toList().get(1));
    }

    @Test
    void rfNeedsPatternsAndLengths() {
        String[] r = capture("rf", "--lengths", "1K");
        assertEquals("2", r[0]);
        assertEquals("rf: option '--patterns': expected at least one pattern spec", r[2].strip());
        r = capture("rf", "--pattern", "full");
        assertEquals("rf: option '--lengths': expected at least one context length", r[2].strip());
    }

    @Test
    void rfChecksEverySpecBeforePrinting() {
        String[] r = capture("rf", "--patterns", "full,sliding|", "--lengths", "1K");
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        assertEquals("rf: option '--patterns': pattern spec 'sliding|': '|' at position 8 has no pattern after it "
                + "(expected a pattern on each side of | and &)", r[2].strip());
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
        String[] r = capture("fidelity", "--lengths", "1K,2x");
        assertEquals("2", r[0]);
        assertEquals("fidelity: option '--lengths': expected token counts such as 4096 or 8K, got '2x'", r[2].strip());
    }

    @Test
    void misspelledOptionsGetTheNearestName() {
        String[] r = capture("run", "--pattern", "full");
        assertEquals("2", r[0]);
        assertTrue(r[2].lines().findFirst().orElse("").contains("did you mean --patterns?"), r[2]);
        r = capture("fidelity", "--block-size", "64");
        assertTrue(r[2].lines().findFirst().orElse("").contains("did you mean --block?"), r[2]);
    }

    /** {exit code, stdout, stderr}. */
    static String[] capture(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int rc = LongSight.execute(args);
            return new String[] {String.valueOf(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
