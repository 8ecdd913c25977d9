package dev.longsight.job.spark;

import dev.longsight.job.config.RunConfig;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;
import org.apache.spark.SparkConf;

/**
 * Whether a run's units will run on GPUs, decided on the driver as the tasks will bind their device
 * ({@link TaskBinding}): Spark schedules GPUs to executors (each task then runs on its GPU), or in
 * local mode the configured device resolves to an OpenCL GPU, or on a cluster without GPU
 * scheduling the device names a GPU. A cluster executor's {@code auto} is not known on the driver:
 * no GPU is assumed.
 */
public final class ExecutorDevices {
    private ExecutorDevices() {}

    public static boolean gpu(RunConfig config) {
        SparkConf conf = SparkSessions.conf(config);
        if (schedulesGpus(conf)) return true;
        if (SparkSessions.isLocal(conf.get("spark.master"))) {
            Device d = Devices.resolve(DeviceSpec.parse(config.device()));
            return d instanceof OpenCLDevice cl && cl.getType() == Device.TYPE.GPU;
        }
        return config.device().trim().toLowerCase(java.util.Locale.ROOT).startsWith("gpu");
    }

    /** Spark hands each executor GPUs (spark.executor.resource.gpu.amount > 0). */
    static boolean schedulesGpus(SparkConf conf) {
        try {
            return Double.parseDouble(conf.get("spark.executor.resource.gpu.amount", "0").trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
