package dev.longsight.job.spark;

/**
 * The fix for a JVM without libjsig, in the terms of the deployment at hand. The kernels refuse
 * NVIDIA OpenCL without it and say "start Java with LD_PRELOAD=..."; on a cluster the user never
 * starts the executors' Java, so the useful answer is where their deployment sets it.
 */
public final class SignalChainingFix {
    private SignalChainingFix() {}

    /** Whether an error is the kernels' refusal for lack of signal chaining. */
    public static boolean concerns(String error) { return error != null && error.contains("libjsig"); }

    /** What to change for a Spark master (spark-submit's, or the run's --master). */
    public static String forMaster(String master) {
        String m = master == null ? "local" : master.trim();
        if (m.equals("yarn")) {
            return "on YARN set spark.executorEnv.LD_PRELOAD={{JAVA_HOME}}/lib/libjsig.so (as cluster-configs/yarn/spark-defaults.conf does); "
                    + "the NodeManager expands {{JAVA_HOME}} to each container's Java";
        }
        if (m.startsWith("spark://")) {
            return "on a standalone cluster add export LD_PRELOAD=\"$JAVA_HOME/lib/libjsig.so\" to each worker's conf/spark-env.sh and "
                    + "restart the workers (cluster-configs/standalone/README.md)";
        }
        if (m.startsWith("k8s://")) {
            return "on Kubernetes the executor image must set LD_PRELOAD to libjsig.so of its own Java, e.g. ENV LD_PRELOAD=$JAVA_HOME/lib/libjsig.so "
                    + "(cluster-configs/kubernetes/README.md)";
        }
        return "start the run with ./longsight or cluster-configs/local/submit.sh, which preload libjsig of the java they run, "
                + "or export LD_PRELOAD=$JAVA_HOME/lib/libjsig.so before starting Java";
    }
}
