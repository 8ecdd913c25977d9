package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} of the top command and of every registered subcommand: exit 0, every default shown, exactly one example. */
class HelpTest {
    /** The top command ("") and every subcommand registered on it, except picocli's own {@code help}. */
    static List<String> commands() {
        List<String> names = new ArrayList<>(List.of(""));
        new CommandLine(new LongSight()).getSubcommands().forEach((name, sub) -> {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) names.add(name);
        });
        return names;
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpListsDefaultsAndOneExample(String name) {
        String[] args = name.isEmpty() ? new String[] {"--help"} : new String[] {name, "--help"};
        Cli.Run run = Cli.run(args);
        String help = run.out();
        assertEquals(0, run.code(), help + run.err());
        assertEquals(1, count(help, "Example"), "one example line in:\n" + help);
        assertTrue(help.contains("Example: ./longsight " + name), help);

        CommandLine top = new CommandLine(new LongSight());
        CommandLine cmd = name.isEmpty() ? top : top.getSubcommands().get(name);
        String flat = help.replaceAll("\\s+", ""); // picocli wraps long descriptions, even inside a value
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            String shown = defaultShown(o);
            if (shown == null) continue;
            assertTrue(flat.contains("default:" + shown.replaceAll("\\s+", "")), o.longestName() + " shows its default '" + shown + "' in:\n" + help);
        }
    }

    /** The default an option's help must show, or null for flags, required options and options without one. */
    private static String defaultShown(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0 || o.required()) return null;
        if (o.defaultValue() != null) return o.defaultValue();
        Object initial = o.initialValue();
        if (initial == null || initial instanceof Collection<?> c && c.isEmpty()) return null;
        return String.valueOf(initial);
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
