package dev.longsight.kernels.device;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;

/** Finds Aparapi devices for a {@link DeviceSpec} and describes them. */
public final class Devices {
    private Devices() {}

    static { DeviceTime.enable(); } // before Aparapi reads its configuration

    /** Thrown when the asked-for device does not exist or cannot run kernels. */
    public static final class DeviceUnavailableException extends RuntimeException {
        public DeviceUnavailableException(String message) { super(message); }
    }

    public static List<OpenCLDevice> openCL(Device.TYPE type) {
        try {
            return OpenCLDevice.listDevices(type);
        } catch (Throwable t) { // no OpenCL loader or no platform: Aparapi reports via errors
            return List.of();
        }
    }

    public static Device resolve(DeviceSpec spec) {
        switch (spec.kind()) {
            case JTP:
                return JavaDevice.THREAD_POOL;
            case GPU: {
                List<OpenCLDevice> gpus = openCL(Device.TYPE.GPU);
                if (spec.index() >= gpus.size()) {
                    throw new DeviceUnavailableException("device '" + spec + "': " + gpus.size()
                            + " OpenCL GPU(s) found; run './longsight devices' to list them");
                }
                return gpus.get(spec.index());
            }
            case CPU: {
                List<OpenCLDevice> cpus = openCL(Device.TYPE.CPU);
                if (cpus.isEmpty()) {
                    throw new DeviceUnavailableException("device 'cpu': no OpenCL CPU device found (install PoCL: "
                            + "apt-get install pocl-opencl-icd ocl-icd-libopencl1)");
                }
                return cpus.get(0);
            }
            default: {
                List<OpenCLDevice> gpus = openCL(Device.TYPE.GPU);
                if (!gpus.isEmpty()) return gpus.get(0);
                List<OpenCLDevice> cpus = openCL(Device.TYPE.CPU);
                if (!cpus.isEmpty()) return cpus.get(0);
                return JavaDevice.THREAD_POOL;
            }
        }
    }

    /**
     * Prepares a kernel object for {@code device}: explicit buffers (put and get by the caller, resident
     * between launches), and its execution mode pinned, because Aparapi's default mode runs OpenCL even
     * when the range names Java threads.
     */
    @SuppressWarnings("deprecation")
    public static void bind(com.aparapi.Kernel kernel, Device device) {
        kernel.setExplicit(true);
        kernel.setExecutionMode(device instanceof JavaDevice ? com.aparapi.Kernel.EXECUTION_MODE.JTP : com.aparapi.Kernel.EXECUTION_MODE.AUTO);
    }

    /** A one-line, stable description of a device: what results record. */
    public static String describe(Device d) {
        if (d instanceof OpenCLDevice cl) {
            return "OpenCL " + cl.getType() + ": " + cl.getName().trim() + " (" + cl.getOpenCLPlatform().getName().trim() + ")";
        }
        return "JTP: Java thread pool (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    /** Every OpenCL platform and device Aparapi sees, then JTP; one line each. */
    public static List<String> listing() {
        List<String> out = new ArrayList<>();
        List<OpenCLPlatform> platforms;
        try {
            platforms = new OpenCLPlatform().getOpenCLPlatforms();
        } catch (Throwable t) {
            platforms = List.of();
            out.add("OpenCL: not available (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")");
        }
        int gpu = 0;
        for (OpenCLPlatform p : platforms) {
            out.add("platform: " + p.getName().trim() + " | " + p.getVendor().trim() + " | " + p.getVersion().trim());
            for (OpenCLDevice d : p.getOpenCLDevices()) {
                String id = d.getType() == Device.TYPE.GPU ? "gpu:" + gpu++ : d.getType() == Device.TYPE.CPU ? "cpu" : "-";
                out.add(String.format("  %-6s %s | %d compute units | %d MiB global | %d KiB local",
                        id, d.getName().trim(), d.getMaxComputeUnits(), d.getGlobalMemSize() >> 20, d.getLocalMemSize() >> 10));
            }
        }
        if (platforms.isEmpty()) out.add("OpenCL: no platforms found");
        out.add("jtp    " + describe(JavaDevice.THREAD_POOL));
        return out;
    }
}
