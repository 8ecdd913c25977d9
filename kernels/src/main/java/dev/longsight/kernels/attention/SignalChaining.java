package dev.longsight.kernels.attention;

import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.device.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses NVIDIA OpenCL devices unless the JVM chains signal handlers (libjsig preloaded).
 *
 * <p>Why: NVIDIA's OpenCL driver installs its own SIGSEGV handler; the JVM uses SIGSEGV itself
 * (safepoint polls, implicit null checks). Measured on the H100: without
 * libjsig every 128K and 1M benchmark process died with "Segmentation fault" and no JVM error
 * report, 2 of 3 at 32K; with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} all ran. A clear
 * error beats a random crash later.
 */
public final class SignalChaining {
    private SignalChaining() {}

    public static void require(OpenCLDevice device) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return; // not Linux: nothing known to check
        String mapped;
        try {
            mapped = Files.readString(maps);
        } catch (IOException e) {
            return;
        }
        String problem = problem(device.getOpenCLPlatform().getName(), mapped);
        if (problem != null) throw new Devices.DeviceUnavailableException(problem);
    }

    /** The error for this platform and process memory map, or null when it is safe. */
    static String problem(String platform, String mappedLibraries) {
        if (!platform.toUpperCase().contains("NVIDIA") || mappedLibraries.contains("libjsig")) return null;
        return "NVIDIA OpenCL needs JVM signal chaining: start Java with LD_PRELOAD=" + System.getProperty("java.home")
                + "/lib/libjsig.so; without it the driver's SIGSEGV handler replaces the JVM's and the process dies at random";
    }
}
