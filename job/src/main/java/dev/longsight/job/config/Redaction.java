package dev.longsight.job.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in everything the job echoes (console, errors, the report's command line and
 * settings, summary.json): values of settings and options named like credentials, and the user part
 * of URIs. Logs and reports get copied into tickets and chats; a key in them is a leaked key.
 */
public final class Redaction {
    public static final String HIDDEN = "*****";

    /** Spark's own spark.redaction.regex default, plus s3a's key settings (fs.s3a.bucket.b.secret.key, fs.s3a.encryption.key). */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|credential|access[._-]?key|fs\\.s3a\\..*key).*");
    /** scheme://user[:password]@ : the user part of a URI. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"]+@");
    /** name=value or name: value inside free text, where name looks like a setting or an option. */
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z0-9_.-]+)(\\s*[=:]\\s*)([^\\s,;'\"]+)");

    private Redaction() {}

    public static boolean isSecretName(String name) { return SECRET_NAME.matcher(name).matches(); }

    /**
     * In prose, only names shaped like a setting, option or variable (fs.s3a.secret.key, --api-token,
     * AWS_SECRET_ACCESS_KEY) or the bare words themselves count: "for 131072 tokens: 2.1 s" stays readable.
     */
    private static boolean isSecretSetting(String name) {
        return SECRET_WORD.matcher(name).matches() || name.matches("(?i)fs\\.s3a\\..*key.*");
    }

    /** A credential word as a whole part of a name (tokenizer.json is not a token). */
    private static final Pattern SECRET_WORD = Pattern.compile("(?i)(.*[._-])?(secret|password|passwd|token|credentials?|access[._-]?key)([._-].*)?");

    /** {@code s} with the user part of every URI hidden: s3a://KEY:SECRET@bucket/x becomes s3a://*****@bucket/x. */
    public static String uris(String s) {
        return s == null ? null : USER_INFO.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "@");
    }

    /** Free text (an error message, a setting's value): URIs' user parts and secret-named assignments hidden. */
    public static String text(String s) {
        if (s == null) return null;
        Matcher m = ASSIGNMENT.matcher(uris(s));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretSetting(m.group(1)) && !m.group(3).equals(HIDDEN) ? m.group(1) + m.group(2) + HIDDEN : m.group();
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(b).toString();
    }

    /**
     * Command-line arguments with secrets hidden: {@code --conf name=value}, {@code -Dname=value},
     * {@code --name=value} and {@code --name value} where the name looks like a credential, and URIs'
     * user parts everywhere.
     */
    public static List<String> args(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        String previous = "";
        for (String a : args) {
            if (previous.startsWith("-") && !previous.contains("=") && isSecretName(previous)) out.add(HIDDEN); // --secret-key VALUE
            else if (isConf(previous) || (a.startsWith("-") && a.contains("="))) out.add(assignment(a)); // --conf k=v, --k=v, -Dk=v
            else out.add(uris(a));
            previous = a;
        }
        return out;
    }

    private static boolean isConf(String option) { return option.equals("--conf") || option.equals("-c"); }

    /** name=value with the value hidden when the name, or for a --conf value the setting's name, looks like a credential. */
    private static String assignment(String a) {
        int eq = a.indexOf('=');
        if (eq < 0) return uris(a);
        String name = a.substring(0, eq), value = a.substring(eq + 1);
        if (isSecretName(name)) return name + "=" + HIDDEN;
        if (isConf(name)) return name + "=" + assignment(value);
        return name + "=" + text(value);
    }
}
