package dev.longsight.kernels.attention;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.device.ArrayLimit;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.device.LaunchGuard;
import dev.longsight.kernels.layout.BlockLayout;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a prefill kernel variant ({@link KernelVariant}, chosen by {@link TilePolicy}) on one
 * device: puts the tensors and layout once, launches one chunk of queries at a time (queries [s, e) against keys [0, e)) with buffers resident on the
 * device, then reads O and LSE back. A problem with an array over the device's per-array limit
 * ({@link ArrayLimit}) runs in groups of heads ({@link HeadGroups}), with the same results. Not
 * thread-safe; build one per executor thread and reuse it.
 */
public final class PrefillLauncher implements AutoCloseable {
    private final Device device;
    private final KernelVariant forced; // null: TilePolicy chooses per layout
    private final Precision precision;
    private final long maxArrayBytes; // per device array; larger problems run in head groups
    private long transferNs; // put and get of the prefill in progress, summed over head groups
    private final Map<KernelVariant, PrefillKernel> kernels = new EnumMap<>(KernelVariant.class);

    public PrefillLauncher(DeviceSpec spec) { this(spec, null); }

    /** A launcher that always uses {@code variant} (null: {@link TilePolicy#variant} decides per layout). */
    public PrefillLauncher(DeviceSpec spec, KernelVariant variant) { this(spec, variant, variant == null ? Precision.FP32 : variant.precision()); }

    /**
     * A launcher computing in {@code precision}; {@code variant} (null: chosen per layout by
     * {@link TilePolicy}) must compute in that precision.
     */
    public PrefillLauncher(DeviceSpec spec, KernelVariant variant, Precision precision) {
        if (variant != null && variant.precision() != precision) {
            throw new IllegalArgumentException("kernel variant " + variant.id() + " computes in " + variant.precision().id()
                    + ", not in the requested precision " + precision.id());
        }
        this.device = Devices.resolve(spec);
        this.maxArrayBytes = ArrayLimit.of(device);
        this.forced = variant;
        this.precision = precision;
        if (device instanceof OpenCLDevice cl) SignalChaining.require(cl);
    }

    /** The variant a layout with this block size runs on. */
    public KernelVariant variant(int blockSize) { return forced != null ? forced : TilePolicy.variant(blockSize, isOpenCL(), precision); }

    public Precision precision() { return precision; }

    /** Which code a layout with this block size runs (variant and source). */
    public String kernelSource(int blockSize) { return kernel(variant(blockSize)).source(isOpenCL()); }

    private PrefillKernel kernel(KernelVariant v) {
        return kernels.computeIfAbsent(v, x -> {
            PrefillKernel k = x.create(device);
            Devices.bind(k.kernel(), device);
            if (device instanceof OpenCLDevice) k.beforeFirstLaunch();
            return k;
        });
    }


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
        return prefill(s, layout, q, k, v, chunkSize, from, to, maxArrayBytes);
    }

    /** As above with a per-array limit in bytes ({@code maxArrayBytes}) below the device's, to make the heads run in groups. */
    AttentionResult prefill(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                            int chunkSize, int from, int to, long maxArrayBytes) {
        check(s, layout, q, k, v, chunkSize, from, to);
        long wall0 = System.nanoTime();
        transferNs = 0;
        PrefillKernel kern = kernel(variant(layout.blockSize()));
        double[] wallMs = new double[(to - from + chunkSize - 1) / chunkSize];   // (launches), summed over head groups
        double[] deviceMs = new double[wallMs.length];                           // (launches), NaN without events
        float[][] out = byHeadGroup(kern, s, layout, q, k, v, maxArrayBytes, g -> {
            for (int c0 = from, i = 0; c0 < to; c0 += chunkSize, i++) {
                wallMs[i] += launch(kern, g, layout, c0, Math.min(c0 + chunkSize, to)) / 1e6;
                deviceMs[i] += DeviceTime.lastLaunchMs(kern.kernel());
            }
        });
        return result(kern, out, wallMs, deviceMs, wall0);
    }

    /**
     * Times the kernel on device-resident data: one put, {@code warmup} untimed and {@code repeats}
     * timed launches over all rows, one get. Each timed entry is one launch (execute() returns after
     * the kernel finished), as wall time and as device time; where the heads run in groups
     * ({@link HeadGroups}), the sum of the groups' launches.
     */
    public ResidentTiming timeResident(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                                       int warmup, int repeats) {
        return timeResident(s, layout, q, k, v, warmup, repeats, maxArrayBytes);
    }

    /** As above with a per-array limit in bytes ({@code maxArrayBytes}) below the device's, to make the heads run in groups. */
    ResidentTiming timeResident(AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                                int warmup, int repeats, long maxArrayBytes) {
        check(s, layout, q, k, v, layout.blockSize(), 0, s.seqLen());
        if (warmup < 0 || repeats < 1) throw new IllegalArgumentException("warmup must be >= 0 and repeats >= 1, got " + warmup + ", " + repeats);
        long wall0 = System.nanoTime();
        transferNs = 0;
        PrefillKernel kern = kernel(variant(layout.blockSize()));
        double[] runs = new double[repeats], device = new double[repeats];
        float[][] out = byHeadGroup(kern, s, layout, q, k, v, maxArrayBytes, g -> {
            for (int i = 0; i < warmup; i++) launch(kern, g, layout, 0, s.seqLen());
            for (int i = 0; i < repeats; i++) {
                runs[i] += launch(kern, g, layout, 0, s.seqLen()) / 1e6;
                device[i] += DeviceTime.lastLaunchMs(kern.kernel());
            }
        });
        return new ResidentTiming(result(kern, out, runs, device, wall0), runs, device);
    }

    /**
     * Runs {@code launches} on each head group of the problem ({@link HeadGroups}: one group, the
     * problem itself, unless an array would exceed the device's per-array limit) and returns the
     * whole {o, lse}.
     */
    private float[][] byHeadGroup(PrefillKernel kern, AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                                  long maxArrayBytes, Consumer<AttentionShape> launches) {
        int[] groups = HeadGroups.split(s, kern::arrays, Math.min(maxArrayBytes, this.maxArrayBytes));
        if (groups.length == 2) return onDevice(kern, s, layout, q, k, v, launches);
        int n = s.seqLen(), d = s.headDim();
        float[] o = new float[s.qSize()];                 // (heads, seqLen, headDim)
        float[] lse = new float[s.heads() * s.seqLen()]; // (heads, seqLen)
        for (int i = 0; i + 1 < groups.length; i++) {
            AttentionShape g = HeadGroups.shape(s, groups[i], groups[i + 1]);
            int q0 = groups[i] * n * d, kv0 = groups[i] / s.groupSize() * n * d;
            float[][] part = onDevice(kern, g, layout, Arrays.copyOfRange(q, q0, q0 + g.qSize()),
                    Arrays.copyOfRange(k, kv0, kv0 + g.kvSize()), Arrays.copyOfRange(v, kv0, kv0 + g.kvSize()), launches);
            System.arraycopy(part[0], 0, o, q0, g.qSize());
            System.arraycopy(part[1], 0, lse, groups[i] * n, g.heads() * n);
        }
        return new float[][] {o, lse};
    }

    /** Puts one problem's tensors and layout, runs {@code launches} on them, gets {o, lse}. */
    private float[][] onDevice(PrefillKernel kern, AttentionShape s, BlockLayout layout, float[] q, float[] k, float[] v,
                               Consumer<AttentionShape> launches) {
        float[] o = new float[s.qSize()];                 // (heads, seqLen, headDim)
        float[] lse = new float[s.heads() * s.seqLen()]; // (heads, seqLen)
        int[] offsets = layout.mergedOffsets();          // (numQBlocks + 1)
        int[] blocks = layout.mergedIndices();           // (total blocks)
        long put0 = System.nanoTime();
        kern.bind(s, offsets, blocks, q, k, v, o, lse);
        kern.putBuffers();
        transferNs += System.nanoTime() - put0;
        launches.accept(s);
        long get0 = System.nanoTime();
        kern.kernel().get(o).get(lse);
        transferNs += System.nanoTime() - get0;
        return new float[][] {o, lse};
    }

    /** One launch over rows [c0, c1); returns its wall time in ns. */
    private long launch(PrefillKernel kern, AttentionShape s, BlockLayout layout, int c0, int c1) {
        Range range = kern.range(device, layout.blockSize(), c0, c1, s.heads());
        long t0 = System.nanoTime();
        LaunchGuard.launch(kern.kernel(), range, device, kern::takeJavaWorkItems, "prefill kernel");
        return System.nanoTime() - t0;
    }

    /** The outputs, with the launches' device time where every launch has it, else their wall time; transfers as timed by onDevice. */
    private AttentionResult result(PrefillKernel kern, float[][] out, double[] wallMs, double[] deviceMs, long wall0) {
        double device = Arrays.stream(deviceMs).sum(); // NaN if any launch had no events
        boolean events = !Double.isNaN(device);
        return new AttentionResult(out[0], out[1], deviceName(), kern.source(isOpenCL()), events ? device : Arrays.stream(wallMs).sum(),
                events ? DeviceTime.EVENTS : DeviceTime.LAUNCH_WALL, (System.nanoTime() - wall0) / 1e6, transferNs / 1e6);
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
    public void close() { kernels.values().forEach(k -> k.kernel().dispose()); kernels.clear(); }
}
