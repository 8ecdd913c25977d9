package dev.longsight.job.report;

import dev.longsight.job.config.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a report came from: when it was written, by which build (version and git commit, from the
 * build.properties Maven writes at build time) and on which driver host and Spark master.
 *
 * @param commit the full commit hash, "(with uncommitted changes)" appended when the tree was modified, or "unknown"
 */
public record RunInfo(Instant created, String version, String commit, String host, String sparkMaster) {
    public static final String UNKNOWN = "unknown";
    static final String BUILD_PROPERTIES = "/dev/longsight/job/build.properties";

    public RunInfo {
        Objects.requireNonNull(created, "created");
        version = orUnknown(version);
        commit = orUnknown(commit);
        host = orUnknown(host);
        sparkMaster = orUnknown(Redaction.uris(sparkMaster)); // k8s://https://user:token@host
    }

    /** This build and host, now; {@code sparkMaster} as the session resolved it (null outside Spark). */
    public static RunInfo current(String sparkMaster) {
        Properties build = build(RunInfo.class.getResourceAsStream(BUILD_PROPERTIES));
        String version = build.getProperty("version", RunInfo.class.getPackage().getImplementationVersion());
        String commit = build.getProperty("commit");
        if (commit != null && !commit.equals(UNKNOWN) && "true".equals(build.getProperty("modified"))) commit += " (with uncommitted changes)";
        return new RunInfo(Instant.now(), version, commit, hostName(), sparkMaster);
    }

    /** The build's properties; empty when the classes were not built by Maven (an IDE's output, say). */
    static Properties build(InputStream in) {
        Properties p = new Properties();
        if (in == null) return p;
        try (in) {
            p.load(in);
        } catch (IOException e) {
            p.clear(); // a report without a version beats no report
        }
        return p;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }
}
