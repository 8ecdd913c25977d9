package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import dev.longsight.kernels.device.DeviceArray;
import java.util.List;

/** What {@link PrefillLauncher} needs from a prefill kernel variant: binding, launch geometry, fallback evidence. */
interface PrefillKernel {
    /** Points the kernel's fields at one problem's buffers (put by the launcher). */
    void bind(AttentionShape shape, int[] offsets, int[] blocks, float[] q, float[] k, float[] v, float[] o, float[] lse);

    /**
     * The device arrays {@link #bind} makes for a problem of this shape whose sizes depend on the
     * heads (not the layout's), without making them: what {@link HeadGroups} splits the heads by.
     */
    List<DeviceArray> arrays(AttentionShape shape);

    /** Puts the bound buffers on the device (explicit mode: they stay resident across launches). */
    void putBuffers();

    /** Which code a launch runs: the variant and, on OpenCL, whose source (recorded in every result). */
    String source(boolean openCL);

    /** Sets query rows [from, to) and returns the range covering them; from is a block boundary. */
    Range range(Device device, int blockSize, int from, int to, int heads);

    Kernel kernel();

    /** Java work-items run since the last call (non-zero on an OpenCL device means a fallback). */
    long takeJavaWorkItems();

    /** Called once before the first launch (e.g. to install project-supplied OpenCL). */
    default void beforeFirstLaunch() {}
}
