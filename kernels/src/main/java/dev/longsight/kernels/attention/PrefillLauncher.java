package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import dev.longsight.kernels.device.DeviceFallbackException;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.layout.BlockLayout;

/**
 * Runs {@link SparsePrefillKernel} on one device: puts the tensors and layout once, launches one
 * chunk of queries at a time (queries [s, e) against keys [0, e)) with buffers resident on the
 * device, then reads O and LSE back. Not thread-safe; build one per executor thread and reuse it.
 */
public final class PrefillLauncher implements AutoCloseable {
    private final DeviceSpec spec;
    private final Device device;
    private final SparsePrefillKernel kernel = new SparsePrefillKernel();

    public PrefillLauncher(DeviceSpec spec) {
        this.spec = spec;
        this.device = Devices.resolve(spec);
        kernel.setExplicit(true);
        // Aparapi's default mode runs OpenCL even when the range names Java threads: pin the mode.
        setMode(device instanceof JavaDevice ? Kernel.EXECUTION_MODE.JTP : Kernel.EXECUTION_MODE.AUTO);
    }

    @SuppressWarnings("deprecation")
    private void setMode(Kernel.EXECUTION_MODE mode) { kernel.setExecutionMode(mode); }

    /** The device kernels are launched on (the actual one is checked after every launch). */
    public String deviceName() { return Devices.describe(device); }

    public boolean isOpenCL() { return device instanceof OpenCLDevice; }

    /** Kernel time excludes the initial put and final get; wall time includes them. */
    public AttentionResult prefill(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v, int chunkSize) {
        return prefill(s, layout, q, k, v, chunkSize, 0, s.seqLen());
    }

    /** Computes only query rows [from, to) (from a multiple of the chunk size), chunk by chunk. */
    public AttentionResult prefill(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                                   int chunkSize, int from, int to) {
        check(s, layout, q, k, v, chunkSize, from, to);
        long wall0 = System.nanoTime();
        float[] o = new float[s.qSize()];                 // (heads, seqLen, headDim)
        float[] lse = new float[s.heads() * s.seqLen()]; // (heads, seqLen)
        kernel.qIn = q;
        kernel.kIn = k;
        kernel.vIn = v;
        kernel.rowOffsets = layout.mergedOffsets();
        kernel.rowBlocks = layout.mergedIndices();
        kernel.oOut = o;
        kernel.lseOut = lse;
        kernel.seqLen = s.seqLen();
        kernel.headDim = s.headDim();
        kernel.blockSize = layout.blockSize();
        kernel.groupSize = s.groupSize();
        kernel.scale = s.scale();
        kernel.tileRows = TilePolicy.tileRows(layout.blockSize());
        kernel.put(q).put(k).put(v).put(kernel.rowOffsets).put(kernel.rowBlocks).put(o).put(lse);

        long kernelNs = 0;
        for (int c0 = from; c0 < to; c0 += chunkSize) {
            int c1 = Math.min(c0 + chunkSize, to);
            kernel.qStart = c0;
            kernel.qEnd = c1;
            int rows = c1 - c0;
            int global0 = (rows + kernel.tileRows - 1) / kernel.tileRows * kernel.tileRows;
            Range range = device.createRange2D(global0, s.heads(), kernel.tileRows, 1);
            long t0 = System.nanoTime();
            kernel.execute(range);
            kernelNs += System.nanoTime() - t0;
            verifyRanWhereAsked();
        }
        kernel.get(o).get(lse);
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        return new AttentionResult(o, lse, deviceName(), kernelNs / 1e6, wallMs);
    }

    private void verifyRanWhereAsked() {
        boolean ranJava = kernel.javaWorkItems.getAndSet(0) > 0;
        boolean failed = KernelManager.instance().getPreferences(kernel).getFailedDevices().contains(device);
        if (device instanceof OpenCLDevice && (ranJava || failed)) {
            String msg = "kernel was launched on " + deviceName() + " but Aparapi fell back to "
                    + (ranJava ? "Java threads" : "another device") + " (see Aparapi's warnings above for the cause)";
            if (spec.wantsOpenCL() || spec.kind() == DeviceSpec.Kind.AUTO) throw new DeviceFallbackException(msg);
        }
        if (device == JavaDevice.THREAD_POOL && !ranJava) {
            throw new IllegalStateException("JTP launch ran no Java work-items");
        }
    }

    private static void check(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                              int chunkSize, int from, int to) {
        if (layout.seqLen() != s.seqLen()) {
            throw new IllegalArgumentException("layout length " + layout.seqLen() + " != tensor length " + s.seqLen());
        }
        if (q.length != s.qSize()) throw new IllegalArgumentException("q must have heads*length*head-dim = " + s.qSize() + " floats, got " + q.length);
        if (k.length != s.kvSize()) throw new IllegalArgumentException("k must have kv-heads*length*head-dim = " + s.kvSize() + " floats, got " + k.length);
        if (v.length != s.kvSize()) throw new IllegalArgumentException("v must have kv-heads*length*head-dim = " + s.kvSize() + " floats, got " + v.length);
        if (chunkSize <= 0 || chunkSize % layout.blockSize() != 0) {
            throw new IllegalArgumentException("chunk size must be a positive multiple of the block size ("
                    + layout.blockSize() + "), got " + chunkSize);
        }
        if (from < 0 || from % chunkSize != 0 || to > s.seqLen() || from >= to) {
            throw new IllegalArgumentException("query range [" + from + ", " + to + ") must start at a chunk boundary inside [0, " + s.seqLen() + ")");
        }
    }

    @Override
    public void close() { kernel.dispose(); }
}
