package dev.longsight.job.report;

import java.util.List;
import java.util.regex.Pattern;

/** A command line as a user can paste it back into a POSIX shell: arguments quoted where the shell would split or expand them. */
public final class CommandLineText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandLineText() {}

    /** {@code launcher} (e.g. "./longsight") followed by the arguments exactly as the program received them. */
    public static String of(String launcher, List<String> args) {
        StringBuilder b = new StringBuilder(launcher);
        for (String a : args) b.append(' ').append(quote(a));
        return b.toString();
    }

    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
