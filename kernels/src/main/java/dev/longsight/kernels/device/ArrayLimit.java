package dev.longsight.kernels.device;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The largest array one kernel can keep on a device, and the check that names the arrays over it. */
public final class ArrayLimit {
    private ArrayLimit() {}

    /**
     * Aparapi's own limit: 2^31 - 1 bytes per array, whatever the device. Aparapi 3.0.2 computes an
     * array's size as an {@code int}, {@code numElements * primitiveSize}
     * ({@code KernelRunner.updateKernelArrayRefs}, KernelRunner.java:1260), and aparapi-jni 1.4.3 keeps it
     * in a {@code jint} ({@code ArrayBuffer::lengthInBytes}, ArrayBuffer.h:65) that it passes to
     * {@code clCreateBuffer} and {@code clEnqueueWriteBuffer} (Aparapi.cpp:360, 607). At 2^31 bytes the
     * size wraps negative and the OpenCL call fails: CL_INVALID_BUFFER_SIZE on PoCL,
     * CL_MEM_OBJECT_ALLOCATION_FAILURE from the write on NVIDIA's OpenCL.
     */
    public static final long APARAPI_MAX_BYTES = Integer.MAX_VALUE;

    /** The per-array limit on a device: Aparapi's, or the device's largest allocation if smaller; none on Java threads. */
    public static long of(Device device) {
        if (!(device instanceof OpenCLDevice cl)) return Long.MAX_VALUE;
        long deviceMax = cl.getMaxMemAllocSize();
        return deviceMax > 0 ? Math.min(APARAPI_MAX_BYTES, deviceMax) : APARAPI_MAX_BYTES;
    }

    /** What a limit from {@link #of} is, in words. */
    public static String explain(long limit) {
        if (limit == APARAPI_MAX_BYTES) {
            return "Aparapi's limit of " + APARAPI_MAX_BYTES + " bytes per array (Aparapi 3.0.2 passes array sizes to OpenCL as 32-bit ints)";
        }
        return "the device's largest allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE) of " + limit + " bytes per array";
    }

    /** The arrays over {@code limit}, named with their sizes; empty when every array fits. */
    public static List<DeviceArray> over(List<DeviceArray> arrays, long limit) {
        return arrays.stream().filter(a -> a.bytes() > limit).toList();
    }

    /** "oOut 2147483648 bytes (2.00 GiB), ..." */
    static String list(List<DeviceArray> arrays) {
        return arrays.stream().map(a -> a.name() + " " + a.bytes() + " bytes (" + gib(a.bytes()) + ")").collect(Collectors.joining(", "));
    }

    static String gib(long bytes) { return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30)); }
}
