package dev.longsight.job.fs;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * Hadoop's FileSystem for a path, where a scheme whose module is not on the classpath (s3a:// without
 * hadoop-aws: neither the app jar nor a stock Spark distribution carries it) is one line saying which
 * module is missing and how to add it, instead of Hadoop's ClassNotFoundException deep in a stack trace.
 */
public final class Filesystems {
    /** Scheme -> the Hadoop module (org.apache.hadoop:ARTIFACT, released with Hadoop itself) that implements it. */
    private static final Map<String, String> MODULES = Map.of(
            "s3a", "hadoop-aws",
            "abfs", "hadoop-azure", "abfss", "hadoop-azure", "wasb", "hadoop-azure", "wasbs", "hadoop-azure");
    /** The Maven profile of this build that puts a module into the app jar. */
    private static final Map<String, String> PROFILES = Map.of("hadoop-aws", "s3");

    private Filesystems() {}

    /**
     * The filesystem of {@code path}; {@code subject} opens the error line, e.g. {@code input 's3a://b/docs'}.
     *
     * @throws IllegalArgumentException if no filesystem implementation for the scheme can be loaded
     */
    public static FileSystem get(Path path, Configuration conf, String subject) throws IOException {
        try {
            return path.getFileSystem(conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException(missing(subject, path, scheme(path, conf), "no filesystem is registered for it"), e);
        } catch (RuntimeException e) {
            // Configuration.getClass wraps the ClassNotFoundException for fs.<scheme>.impl (core-default.xml names
            // S3AFileSystem whether or not hadoop-aws is there) in a bare RuntimeException.
            Throwable cause = e;
            while (cause != null && !(cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError)) cause = cause.getCause();
            if (cause == null) throw e;
            throw new IllegalArgumentException(missing(subject, path, scheme(path, conf), "class " + className(cause) + " not found"), e);
        }
    }

    private static String scheme(Path path, Configuration conf) {
        String s = path.toUri().getScheme();
        if (s == null) s = FileSystem.getDefaultUri(conf).getScheme();
        return s == null ? "file" : s.toLowerCase(Locale.ROOT);
    }

    private static String className(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        // Hadoop's text is "Class org.example.X not found"; the JVM's is the bare (slashed) name.
        if (m.startsWith("Class ") && m.endsWith(" not found")) m = m.substring(6, m.length() - 10);
        return m.replace('/', '.');
    }

    private static String missing(String subject, Path path, String scheme, String why) {
        String module = MODULES.get(scheme);
        String hadoop = VersionInfo.getVersion();
        if (scheme.equals("s3") || scheme.equals("s3n")) { // EMR's and Hadoop 2's names; Apache Hadoop 3 has only s3a
            return subject + ": no Hadoop filesystem for " + scheme + ":// (" + why + "); Apache Hadoop reads S3 as s3a:// "
                    + "(its hadoop-aws module): write s3a://" + path.toUri().getAuthority() + path.toUri().getPath();
        }
        if (module == null) {
            return subject + ": no Hadoop filesystem for " + scheme + ":// on the classpath (" + why + "); add the module that "
                    + "provides it with spark-submit --packages or --jars";
        }
        String profile = PROFILES.get(module);
        return subject + ": " + scheme + ":// needs Hadoop's " + module + " module, which is not on the classpath (" + why + "); "
                + (profile == null ? "" : "build the app jar with it (mvn -B package -DskipTests -P" + profile + ") or ")
                + "add it when submitting (spark-submit --packages org.apache.hadoop:" + module + ":" + hadoop + ")";
    }
}
