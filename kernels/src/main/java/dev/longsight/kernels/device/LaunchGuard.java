package dev.longsight.kernels.device;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Checked around every kernel launch: can it run where it was asked, and did it? Aparapi silently
 * re-runs a kernel on Java threads when its OpenCL build or launch fails (and remembers the failed
 * device for the life of the JVM); a GPU number that was really measured on the CPU is worse than an error.
 * Evidence: each kernel counts the work-items that ran in Java (a {@code @NoCL} method, so OpenCL
 * never increments it), and Aparapi's own list of devices that failed for the kernel class. Errors
 * name the real cause: the OpenCL error Aparapi logged and the arrays the kernel had bound.
 */
public final class LaunchGuard {
    private LaunchGuard() {}

    /**
     * Executes one launch and checks where it ran. On an OpenCL device, an array over the device's
     * per-array limit ({@link ArrayLimit}) is refused before Aparapi tries (a {@link
     * DeviceLimitException}); a failure Aparapi reports by throwing (with a device the caller named it
     * throws an {@code AssertionError} about an "incompatible" device or EXECUTION_MODE, rather than
     * falling back) becomes a {@link DeviceFallbackException} naming the device, the OpenCL error and
     * the bound arrays.
     *
     * @param javaWorkItems reads and resets the kernel's count of work-items that ran in Java
     */
    public static void launch(Kernel kernel, Range range, Device device, LongSupplier javaWorkItems, String what) {
        if (!(device instanceof OpenCLDevice)) {
            kernel.execute(range);
            check(kernel, device, javaWorkItems.getAsLong(), what);
            return;
        }
        List<DeviceArray> arrays = DeviceArray.of(kernel);
        long limit = ArrayLimit.of(device);
        List<DeviceArray> over = ArrayLimit.over(arrays, limit);
        if (!over.isEmpty()) {
            throw new DeviceLimitException(what + " cannot run on " + Devices.describe(device) + ": array(s) over "
                    + ArrayLimit.explain(limit) + ": " + ArrayLimit.list(over));
        }
        List<String> log;
        try (AparapiLog aparapi = AparapiLog.open()) {
            try {
                kernel.execute(range);
            } catch (RuntimeException | AssertionError e) {
                throw new DeviceFallbackException(LaunchFailure.message(what + " failed on " + Devices.describe(device), aparapi.messages(), e, arrays, limit), e);
            }
            log = aparapi.messages();
        }
        long ranJava = javaWorkItems.getAsLong();
        if (ranJava > 0 || failed(kernel, device)) {
            throw new DeviceFallbackException(LaunchFailure.message(fellBack(what, device, ranJava > 0), log, null, arrays, limit));
        }
    }

    /**
     * @param javaWorkItems work-items of this launch that ran in Java (read and reset by the caller)
     * @throws DeviceFallbackException when an OpenCL launch ran elsewhere
     */
    public static void check(Kernel kernel, Device device, long javaWorkItems, String what) {
        boolean ranJava = javaWorkItems > 0;
        if (device instanceof OpenCLDevice) {
            if (ranJava || failed(kernel, device)) {
                throw new DeviceFallbackException(fellBack(what, device, ranJava) + " (see Aparapi's warnings above for the cause)");
            }
        } else if (device == JavaDevice.THREAD_POOL && !ranJava) {
            throw new IllegalStateException(what + ": a Java-thread launch ran no Java work-items (Aparapi ran it elsewhere)");
        }
    }

    private static boolean failed(Kernel kernel, Device device) {
        return KernelManager.instance().getPreferences(kernel).getFailedDevices().contains(device);
    }

    private static String fellBack(String what, Device device, boolean ranJava) {
        return what + " was launched on " + Devices.describe(device) + " but Aparapi fell back to " + (ranJava ? "Java threads" : "another device");
    }
}
