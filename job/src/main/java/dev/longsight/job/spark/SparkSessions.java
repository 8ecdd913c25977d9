package dev.longsight.job.spark;

import dev.longsight.job.config.RunConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the session: the master from spark-submit if it set one, else the config's (a local master
 * gets its retry count, which local mode takes only from the master string); Kryo with required
 * registration unless the deployment's spark-defaults say otherwise.
 */
final class SparkSessions {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,(\\d+))?\\]|local");

    private SparkSessions() {}

    static SparkSession build(RunConfig config) { return build(conf(config)); }

    static SparkSession build(SparkConf conf) { return SparkSession.builder().config(conf).getOrCreate(); }

    /**
     * The Hadoop configuration the session will have (spark.hadoop.* and the rest of Spark's
     * mapping), available before it starts: inputs and outputs are checked with it first.
     */
    static Configuration hadoop(SparkConf conf) { return SparkHadoopUtil.get().newConfiguration(conf); }

    /** The session's settings, without starting it. */
    static SparkConf conf(RunConfig config) {
        SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
        config.sparkConf().forEach(conf::set); // --conf is the most specific word, as in spark-submit
        if (!conf.contains("spark.master")) conf.setMaster(withRetries(config.master(), config.maxFailures()));
        conf.setIfMissing("spark.app.name", "LongSight");
        conf.setIfMissing("spark.serializer", KryoSerializer.class.getName());
        conf.setIfMissing("spark.kryo.registrator", LongSightKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.task.maxFailures", String.valueOf(config.maxFailures()));
        if (isLocal(conf.get("spark.master"))) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        }
        return conf;
    }

    static boolean isLocal(String master) { return master.startsWith("local"); }

    /** local[N] -> local[N,F]: Spark's local mode retries a task only if the master names F. */
    static String withRetries(String master, int maxFailures) {
        Matcher m = LOCAL.matcher(master.trim());
        if (!m.matches() || m.group(2) != null) return master;
        return "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + maxFailures + "]";
    }

    /** Attempts a task gets: local masters take it from the master string, clusters from spark.task.maxFailures. */
    static int maxAttempts(SparkConf conf) {
        String master = conf.get("spark.master");
        Matcher m = LOCAL.matcher(master.trim());
        if (m.matches()) return m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        return conf.getInt("spark.task.maxFailures", 4);
    }
}
