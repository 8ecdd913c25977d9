package dev.longsight.kernels.device;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.function.LongSupplier;

/**
 * Checked after every kernel launch: did it run where it was asked? Aparapi silently re-runs a
 * kernel on Java threads when its OpenCL build or launch fails (and remembers the failed device
 * for the life of the JVM); a GPU number that was really measured on the CPU is worse than an error.
 * Evidence: each kernel counts the work-items that ran in Java (a {@code @NoCL} method, so OpenCL
 * never increments it), and Aparapi's own list of devices that failed for the kernel class.
 */
public final class LaunchGuard {
    private LaunchGuard() {}

    /**
     * Executes one launch and checks where it ran. On an OpenCL device, a failure Aparapi reports by
     * throwing (with a device the caller named it throws, often an {@code AssertionError} about an
     * "incompatible" device, rather than falling back) becomes a {@link DeviceFallbackException}
     * naming the device and the cause.
     *
     * @param javaWorkItems reads and resets the kernel's count of work-items that ran in Java
     */
    public static void launch(Kernel kernel, Range range, Device device, LongSupplier javaWorkItems, String what) {
        try {
            kernel.execute(range);
        } catch (RuntimeException | AssertionError e) {
            if (!(device instanceof OpenCLDevice)) throw e;
            throw new DeviceFallbackException(what + " failed on " + Devices.describe(device) + ": " + e, e);
        }
        check(kernel, device, javaWorkItems.getAsLong(), what);
    }

    /**
     * @param javaWorkItems work-items of this launch that ran in Java (read and reset by the caller)
     * @throws DeviceFallbackException when an OpenCL launch ran elsewhere
     */
    public static void check(Kernel kernel, Device device, long javaWorkItems, String what) {
        boolean ranJava = javaWorkItems > 0;
        if (device instanceof OpenCLDevice) {
            boolean failed = KernelManager.instance().getPreferences(kernel).getFailedDevices().contains(device);
            if (ranJava || failed) {
                throw new DeviceFallbackException(what + " was launched on " + Devices.describe(device) + " but Aparapi fell back to "
                        + (ranJava ? "Java threads" : "another device") + " (see Aparapi's warnings above for the cause)");
            }
        } else if (device == JavaDevice.THREAD_POOL && !ranJava) {
            throw new IllegalStateException(what + ": a Java-thread launch ran no Java work-items (Aparapi ran it elsewhere)");
        }
    }
}
