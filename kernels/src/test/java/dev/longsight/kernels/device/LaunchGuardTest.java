package dev.longsight.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.internal.kernel.KernelRunner;
import dev.longsight.kernels.TestDevices;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fault injection for the GPU-fallback guard: a kernel whose OpenCL cannot build makes Aparapi
 * really fall back to Java threads (as a driver or compiler failure on a GPU would); the guard must
 * turn that into an error. Test-only kernel classes, so the failure Aparapi remembers for the JVM
 * never touches the production kernels.
 */
class LaunchGuardTest {

    /** Fills out[i] = i; counts the work-items that ran in Java. */
    public static class Fill extends Kernel {
        float[] out = new float[64];
        @NoCL final AtomicLong javaItems = new AtomicLong();

        @Override
        public void run() {
            countJava();
            int i = getGlobalId();
            out[i] = i;
        }

        @NoCL
        void countJava() { javaItems.incrementAndGet(); }
    }

    /** The same kernel under other class names: Aparapi keeps sources and failures per class. */
    public static class BrokenOnNamedDevice extends Fill {}

    public static class SilentlyBroken extends Fill {}

    private static final String BROKEN = "__kernel void run(this does not compile";

    private static Device openCL() {
        return Devices.resolve(TestDevices.require("opencl"));
    }

    @Test
    void aKernelThatFailsOnTheNamedOpenCLDeviceIsADeviceError() throws Exception {
        Device device = openCL();
        BrokenOnNamedDevice k = new BrokenOnNamedDevice();
        openCLCache().put(BrokenOnNamedDevice.class, BROKEN);
        try {
            DeviceFallbackException e = assertThrows(DeviceFallbackException.class,
                    () -> LaunchGuard.launch(k, device.createRange(64, 16), device, () -> k.javaItems.getAndSet(0), "test kernel"));
            assertTrue(e.getMessage().contains("failed on " + Devices.describe(device)), e.getMessage());
            // The cause Aparapi only logged comes first; its fallback's AssertionError is named as a consequence.
            assertTrue(e.getMessage().contains("Aparapi: OpenCL compile failed"), e.getMessage());
            assertTrue(e.getMessage().contains("arrays bound") && e.getMessage().contains("out 256 bytes"), e.getMessage());
            if (e.getCause() instanceof AssertionError) assertTrue(e.getMessage().contains("(a consequence, not the cause)"), e.getMessage());
        } finally {
            k.dispose();
        }
    }

    @Test
    void aSilentFallbackToJavaThreadsIsCaught() throws Exception {
        Device device = openCL();
        SilentlyBroken k = new SilentlyBroken();
        openCLCache().put(SilentlyBroken.class, BROKEN);
        try {
            // No device in the range: Aparapi picks the OpenCL device itself, its build fails, and it
            // re-runs the kernel on Java threads without a word to the caller.
            k.execute(com.aparapi.Range.create(64, 16));
            assertEquals(63f, k.out[63], "Aparapi computed the result anyway (on Java threads)");
            DeviceFallbackException e = assertThrows(DeviceFallbackException.class,
                    () -> LaunchGuard.check(k, device, k.javaItems.getAndSet(0), "test kernel"));
            assertTrue(e.getMessage().contains("fell back to Java threads"), e.getMessage());
        } finally {
            k.dispose();
        }
    }

    @Test
    void aCleanOpenCLLaunchPasses() {
        Device device = openCL();
        Fill k = new Fill();
        try {
            k.execute(device.createRange(64, 16));
            assertEquals(63f, k.out[63]);
            assertEquals(0, k.javaItems.get(), "no work-item ran in Java");
            LaunchGuard.check(k, device, k.javaItems.getAndSet(0), "test kernel");
        } finally {
            k.dispose();
        }
    }

    @Test
    void theArraysAKernelBindsAreItsGlobalPrimitiveArrays() {
        assertEquals(java.util.List.of(new DeviceArray("out", 256)), DeviceArray.of(new Fill()));
    }

    @Test
    void aJavaThreadLaunchThatRanNothingInJavaIsAnError() {
        assertThrows(IllegalStateException.class, () -> LaunchGuard.check(new Fill(), JavaDevice.THREAD_POOL, 0, "test kernel"));
        LaunchGuard.check(new Fill(), JavaDevice.THREAD_POOL, 64, "test kernel");
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<? extends Kernel>, String> openCLCache() throws ReflectiveOperationException {
        Field f = KernelRunner.class.getDeclaredField("openCLCache");
        f.setAccessible(true);
        return (Map<Class<? extends Kernel>, String>) f.get(null);
    }
}
