package dev.longsight.job.spark;

import dev.longsight.job.unit.ModelShape;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPU-assignment shim, the one place executor code reads Spark: the task's GPU from
 * {@link TaskContext} resources (device "gpu:i"), else the configured device when Spark manages no
 * GPUs (local mode); the attempt number; the executor id.
 */
final class TaskBinding {
    private TaskBinding() {}

    static UnitTasks.TaskPlace place(ModelShape configured, int maxAttempts) {
        TaskContext tc = TaskContext.get();
        return new UnitTasks.TaskPlace(bind(configured, tc == null ? Map.of() : tc.resourcesJMap()),
                tc == null ? 0 : tc.attemptNumber(), maxAttempts, executorId());
    }

    /** The shape with the device this task must use. */
    static ModelShape bind(ModelShape configured, Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) return configured;
        return configured.onDevice("gpu:" + gpu.addresses()[0].trim());
    }

    /** The executor's Hadoop settings, Spark's spark.hadoop.* included (a fresh Configuration outside Spark). */
    static org.apache.hadoop.conf.Configuration hadoop() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new org.apache.hadoop.conf.Configuration()
                : org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    private static String executorId() {
        SparkEnv env = SparkEnv.get();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return (env == null ? "?" : env.executorId()) + "@" + host;
    }
}
