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
 * (safepoint polls, implicit null checks). Measured on the H100 (kernels/BENCHMARKS.md): without
 * libjsig every 128K and 1M benchmark process died with "Segmentation fault" and no JVM error
 * report, 2 of 3 at 32K; with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} all ran. A clear
 * error now beats a random crash later.
 */
final class SignalChaining {
    private SignalChaining() {}

    static void require(OpenCLDevice device) {
        if (!device.getOpenCLPlatform().getName().toUpperCase().contains("NVIDIA")) return;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return; // not Linux: nothing known to check
        try {
            if (Files.readString(maps).contains("libjsig")) return;
        } catch (IOException e) {
            return;
        }
        throw new Devices.DeviceUnavailableException("NVIDIA OpenCL needs JVM signal chaining: start Java with "
                + "LD_PRELOAD=$JAVA_HOME/lib/libjsig.so (" + System.getProperty("java.home") + "/lib/libjsig.so); without it "
                + "the driver's SIGSEGV handler replaces the JVM's and the process dies at random");
    }
}
