package dev.longsight.job.config;

/**
 * Where a user's value came from, so that one rule can word its error the way the user typed the
 * value: {@code option '--chunk'} on the command line, {@code argument 'chunk'} in a tool's
 * key=value arguments, {@code sweep.properties: key 'chunk'} in a file. Keys are the command line's
 * option names without their dashes, which the other inputs share.
 *
 * @param where     what the value was, as the message's first words ("option", "argument", "FILE: key")
 * @param keyPrefix what the user typed before the key ("--" for options)
 */
public record Origin(String where, String keyPrefix) {
    public static final Origin OPTIONS = new Origin("option", "--");
    public static final Origin ARGUMENTS = new Origin("argument", "");

    /** A properties file: its keys are the options' names without dashes. */
    public static Origin file(String path) { return new Origin(path + ": key", ""); }

    /** The key as the user types it, for references to another value: "--heads", or "heads". */
    public String ref(String key) { return keyPrefix + key; }

    /** The value's full name, the start of every message: "option '--heads'". */
    public String name(String key) { return where + " '" + ref(key) + "'"; }

    /** One line: which value, what was expected, what was given. */
    public IllegalArgumentException bad(String key, String expected, Object got) {
        return new IllegalArgumentException(name(key) + ": expected " + expected + ", got " + got);
    }

    /** A lower layer's one-line refusal (a pattern spec, a device), prefixed with the value's name. */
    public IllegalArgumentException wrap(String key, IllegalArgumentException e) {
        return new IllegalArgumentException(name(key) + ": " + e.getMessage(), e);
    }
}
