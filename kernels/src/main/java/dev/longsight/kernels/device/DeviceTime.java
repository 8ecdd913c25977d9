package dev.longsight.kernels.device;

import com.aparapi.Kernel;
import com.aparapi.ProfileInfo;
import java.util.List;

/**
 * How long a kernel ran on its OpenCL device, from the OpenCL profiling events Aparapi records
 * ({@link Kernel#getProfileInfo()}, execution entries): the time a peer measures with CUDA events.
 * The wall time around {@code Kernel.execute} adds Aparapi's host work per launch (argument
 * binding, buffer bookkeeping, the wait): 0.08 to 0.5 ms per launch on the H100
 * (measured), 2-6% of a 4 ms sparse prefill, up to 20% of a 1 ms one.
 *
 * <p>Aparapi records the events only when {@code com.aparapi.enableProfiling} is set before its
 * configuration class loads; {@link #enable()} sets it unless the user did, and {@link Devices}
 * calls it before touching Aparapi.
 */
public final class DeviceTime {
    private DeviceTime() {}

    static final String PROPERTY = "com.aparapi.enableProfiling";

    /** Where a kernel time came from: OpenCL profiling events, or the wall time around each launch (Java threads). */
    public static final String EVENTS = "opencl-events", LAUNCH_WALL = "launch-wall";

    /** Turns Aparapi's event profiling on (a no-op if the user set the property either way). */
    public static void enable() {
        if (System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, "true");
    }

    /** Device milliseconds of the kernel's last launch, or NaN when there are no events (Java threads, profiling off). */
    public static double lastLaunchMs(Kernel kernel) {
        List<ProfileInfo> infos = kernel.getProfileInfo();
        if (infos == null) return Double.NaN;
        long ns = 0;
        boolean any = false;
        for (ProfileInfo p : infos) {
            // ProfileInfo.TYPE is not public: R (read), X (execute), W (write)
            if (!"X".equals(String.valueOf((Object) p.getType()))) continue;
            ns += p.getEnd() - p.getStart();
            any = true;
        }
        return any ? ns / 1e6 : Double.NaN;
    }
}
