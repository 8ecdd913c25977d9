package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;

/** What {@link PrefillLauncher} needs from a prefill kernel variant: binding, launch geometry, fallback evidence. */
interface PrefillKernel {
    /** Points the kernel's fields at one problem's buffers (put by the launcher). */
    void bind(AttentionShape shape, int[] offsets, int[] blocks, float[] q, float[] k, float[] v, float[] o, float[] lse);

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
