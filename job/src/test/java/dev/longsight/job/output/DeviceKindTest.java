package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceKindTest {
    @Test
    void readsTheKindFromTheRecordedDeviceName() {
        assertEquals(DeviceKind.GPU, DeviceKind.of("OpenCL GPU: NVIDIA H100 80GB HBM3 (NVIDIA CUDA)"));
        assertEquals(DeviceKind.CPU_OPENCL, DeviceKind.of("OpenCL CPU: cpu-haswell-AMD EPYC (Portable Computing Language)"));
        assertEquals(DeviceKind.CPU_JTP, DeviceKind.of("JTP: Java thread pool (16 cores)"));
        assertEquals(DeviceKind.UNKNOWN, DeviceKind.of(null));
        assertTrue(DeviceKind.CPU_JTP.isCpu() && DeviceKind.CPU_OPENCL.isCpu());
        assertFalse(DeviceKind.GPU.isCpu());
    }
}
