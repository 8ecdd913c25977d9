package dev.longsight.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The message of a failed launch, built from what Aparapi 3.0.2 logs and throws when a buffer write
 * fails (the log and the error text as they appeared for Llama-3-8B's shape at 128K tokens on an H100).
 */
class LaunchFailureTest {
    private static final String LOGGED = "Device failed for Bf16PtxW8PrefillKernel, devices={NVIDIA<GPU>|Java Alternative Algorithm|"
            + "Java Thread Pool}: OpenCL execution seems to have failed (runKernelJNI returned -4)";
    private static final AssertionError THROWN = new AssertionError("user supplied Device incompatible with current EXECUTION_MODE or "
            + "getTargetDevice(); device = NVIDIA<GPU>; kernel = Bf16PtxW8PrefillKernel, devices={Java Alternative Algorithm|Java Thread Pool}");
    private static final List<DeviceArray> LLAMA_128K = List.of(new DeviceArray("qH", 1L << 30), new DeviceArray("kH", 1L << 28),
            new DeviceArray("vH", 1L << 28), new DeviceArray("oOut", 1L << 31), new DeviceArray("lseOut", 1L << 24));

    @Test
    void namesTheOpenCLErrorTheArrayOverTheLimitAndTheAssertionAsAConsequence() {
        String m = LaunchFailure.message("prefill kernel failed on OpenCL GPU: NVIDIA H100 80GB HBM3 (NVIDIA CUDA)", List.of(LOGGED), THROWN,
                LLAMA_128K, ArrayLimit.APARAPI_MAX_BYTES);
        assertTrue(m.startsWith("prefill kernel failed on OpenCL GPU: NVIDIA H100 80GB HBM3 (NVIDIA CUDA): OpenCL error -4 "
                + "CL_MEM_OBJECT_ALLOCATION_FAILURE (Aparapi: OpenCL execution seems to have failed (runKernelJNI returned -4))"), m);
        assertTrue(m.contains("array(s) over Aparapi's limit of 2147483647 bytes per array (Aparapi 3.0.2 passes array sizes to OpenCL "
                + "as 32-bit ints): oOut 2147483648 bytes (2.00 GiB)"), m);
        assertFalse(m.contains("qH"), "only the arrays over the limit are named: " + m);
        assertTrue(m.endsWith("Aparapi's fallback threw " + THROWN + " (a consequence, not the cause)"), m);
    }

    @Test
    void withEveryArrayUnderTheLimitItListsTheLargestAndTheTotal() {
        List<DeviceArray> arrays = List.of(new DeviceArray("a", 1L << 30), new DeviceArray("b", 1L << 29), new DeviceArray("c", 1L << 29),
                new DeviceArray("d", 1L << 10));
        String m = LaunchFailure.message("k failed on dev", List.of(LOGGED.replace("-4", "-5")), null, arrays, ArrayLimit.APARAPI_MAX_BYTES);
        assertEquals("k failed on dev: OpenCL error -5 CL_OUT_OF_RESOURCES (Aparapi: OpenCL execution seems to have failed "
                + "(runKernelJNI returned -5)); arrays bound: 2.00 GiB in all, the largest a 1073741824 bytes (1.00 GiB), "
                + "b 536870912 bytes (0.50 GiB), c 536870912 bytes (0.50 GiB)", m);
    }

    @Test
    void aReasonWithoutAStatusIsQuotedAndNoLogIsSaid() {
        assertEquals("Aparapi: OpenCL compile failed", LaunchFailure.cause(List.of("Device failed for K, devices={X}: OpenCL compile failed")));
        assertEquals("Aparapi logged no reason", LaunchFailure.cause(List.of()));
        assertEquals("OpenCL error -61 CL_INVALID_BUFFER_SIZE (Aparapi: OpenCL execution seems to have failed (runKernelJNI returned -61))",
                LaunchFailure.cause(List.of(LOGGED.replace("-4", "-61"))));
    }

    @Test
    void aLimitBelowAparapisIsTheDevicesLargestAllocation() {
        assertEquals("the device's largest allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE) of 1024 bytes per array", ArrayLimit.explain(1024));
    }
}
