package dev.longsight.kernels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.Device;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;
import java.util.List;

/** The devices every kernel test runs on: JTP always, an OpenCL device when present (required in CI). */
public final class TestDevices {
    private TestDevices() {}

    public static List<String> all() { return List.of("jtp", "opencl"); }

    /** Maps "opencl" to a real OpenCL device spec; skips locally without one, fails under CI=true. */
    public static DeviceSpec require(String name) {
        if (name.equals("jtp")) return DeviceSpec.parse("jtp");
        if (!Devices.openCL(Device.TYPE.GPU).isEmpty()) return DeviceSpec.parse("gpu");
        if (!Devices.openCL(Device.TYPE.CPU).isEmpty()) return DeviceSpec.parse("cpu");
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but no OpenCL device was found: OpenCL tests must run in CI (install pocl-opencl-icd)");
        }
        assumeTrue(false, "no OpenCL device on this machine");
        return null;
    }
}
