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
    void helpListsDefaultsAndOneExample(String name) throws Exception {
        String[] args = name.isEmpty() ? new String[] {"--help"} : new String[] {name, "--help"};
        Cli.Run run = Cli.run(args);
        String help = run.out();
        assertEquals(0, run.code(), help + run.err());
        assertEquals(1, count(help, "Example"), "one example line in:\n" + help);
        assertTrue(help.contains("Example: ./longsight " + name), help);

        CommandLine top = new CommandLine(new LongSight());
        CommandLine cmd = name.isEmpty() ? top : top.getSubcommands().get(name);
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            String shown = defaultShown(cmd.getCommandSpec().defaultValueProvider(), o);
            if (shown == null) continue;
            String flat = entry(help, o.longestName()).replaceAll("\\s+", ""); // picocli wraps long descriptions, even inside a value
            assertTrue(flat.contains("default:" + shown.replaceAll("\\s+", "")), o.longestName() + " shows its default '" + shown + "' in:\n" + help);
        }
    }

    /** The lines of {@code option}'s entry in {@code help}, so that a default is looked for where it belongs. */
    private static String entry(String help, String option) {
        Pattern start = Pattern.compile("^(  -\\w, | {6})--"); // deeper-indented lines continue the entry above
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (start.matcher(line).find()) {
                String names = line.strip().split("\\s{2,}")[0].split("=")[0]; // "-h, --help", "--text-field, --json-field"
                in = List.of(names.split(", ")).contains(option);
            }
            if (in) b.append(line).append('\n');
        }
        return b.toString();
    }

    /** The default an option's help must show, or null for flags, required options and options without one. */
    private static String defaultShown(CommandLine.IDefaultValueProvider provider, OptionSpec o) throws Exception {
        if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0 || o.required()) return null;
        String provided = provider == null ? null : provider.defaultValue(o); // picocli prefers it to the option's own
        if (provided != null) return provided;
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
