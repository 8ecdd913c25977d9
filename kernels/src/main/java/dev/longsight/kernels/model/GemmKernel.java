package dev.longsight.kernels.model;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.attention.MmaPrefillKernel;
import dev.longsight.kernels.attention.MmaPrefillSource.Helpers;
import dev.longsight.kernels.attention.OpenCLSourceInjection;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.device.LaunchGuard;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ls_gemm_bf16} ({@link GemmSource}) alone in an Aparapi kernel, for its tests and benchmark: C (m, n)
 * fp32 = A (m, k) bf16 x W (n, k)^T bf16 with explicit, device-resident buffers. On OpenCL devices the
 * injected source calls the function with the PTX helpers (NVIDIA) or the portable ones; on Java threads
 * {@link #javaRun()} computes the same tiles, one C element at a time in fp32, k in order.
 *
 * <p>Launch: 2D range, dimension 0 = {@link GemmSource#GEMM_THREADS} work-items per tile of
 * {@link GemmSource#GEMM_BN} columns, dimension 1 = tiles of {@link GemmSource#GEMM_BM} rows. One subclass
 * per helper set: Aparapi caches compiled source per kernel class.
 */
public abstract class GemmKernel extends Kernel implements AutoCloseable {
    /** Kernel parameters of the injected body, in order: each names a field. */
    static final String[] PARAMS = {"a", "w", "c", "lda", "ldw", "ldc", "wOff", "m", "n", "k", "lds"};

    int[] a;   // (m, lda / 2) bf16 pairs
    int[] w;   // (wOff + n * ldw / 2) bf16 pairs: W (n, k) from int wOff
    float[] c; // (m, ldc) row-major
    int lda;
    int ldw;
    int ldc;
    int wOff;
    int m;
    int n;
    int k;

    /** The A and W tiles of two stages, the portable helpers' exchange area ({@link GemmSource#ldsInts}). */
    @Local final int[] lds;

    @NoCL final AtomicLong javaWorkItems = new AtomicLong();
    @NoCL private final Helpers helpers;
    @NoCL private Device device;

    GemmKernel(Helpers helpers) {
        this.helpers = helpers;
        this.lds = new int[GemmSource.ldsInts(helpers)];
    }

    /** A GEMM kernel on the device {@code spec} names: PTX helpers on NVIDIA's OpenCL, portable ones elsewhere. */
    public static GemmKernel open(DeviceSpec spec) {
        Device device = Devices.resolve(spec);
        Helpers h = MmaPrefillKernel.helpersFor(device);
        GemmKernel g = h == Helpers.PTX ? new PtxGemmKernel() : new PortableGemmKernel();
        g.device = device;
        Devices.bind(g, device);
        if (device instanceof OpenCLDevice) {
            OpenCLSourceInjection.install(g, GemmSource.standalone(h) + "\nvoid ls_gemm_launch(__global int *a, __global int *w, "
                    + "__global float *c, int lda, int ldw, int ldc, int wOff, int m, int n, int k, __local int *lds) {\n"
                    + "  ls_gemm_bf16(a, lda, w + wOff, ldw, c, ldc, m, n, k, lds);\n}\n", "ls_gemm_launch", PARAMS);
        }
        return g;
    }

    /** The device this kernel launches on. */
    public String deviceName() { return Devices.describe(device); }

    /** Which code computes: the helper set on OpenCL, or Java threads. */
    public String source() {
        return device instanceof OpenCLDevice ? "ls_gemm_bf16 (" + helpers.description + ")" : "gemm (Java threads, element per work-item)";
    }

    @Override
    public void run() {
        if (m < 0) {
            // Never true: names every field so that Aparapi's translation declares it as a kernel argument; on
            // OpenCL the injected source replaces this body.
            c[0] = a[0] + w[0] + lds[0] + lda + ldw + ldc + wOff + n + k;
        }
        javaRun();
    }

    /** Java threads: work-item t of a group computes the tile's elements t, t + threads, ... in fp32, k in order. */
    @NoCL
    void javaRun() {
        javaWorkItems.incrementAndGet();
        int row0 = getGroupId(1) * GemmSource.GEMM_BM, col0 = getGroupId(0) * GemmSource.GEMM_BN;
        for (int e = getLocalId(0); e < GemmSource.GEMM_BM * GemmSource.GEMM_BN; e += GemmSource.GEMM_THREADS) {
            int r = row0 + e / GemmSource.GEMM_BN, j = col0 + e % GemmSource.GEMM_BN;
            if (r >= m || j >= n) continue;
            float s = 0f;
            for (int i = 0; i < k; i++) s += GemmReference.element(a, 0, lda, r, i) * GemmReference.element(w, wOff, ldw, j, i);
            c[r * ldc + j] = s;
        }
    }

    /** C = A W^T with W at int 0 of {@code wPairs}. */
    public float[] multiply(int[] aPairs, int[] wPairs, int m, int n, int k) { return multiply(aPairs, wPairs, 0, m, n, k); }

    /**
     * C (m, n) = A (m, k) x W (n, k)^T; A and W packed as bf16 pairs with row stride k ({@link GemmReference#pack}),
     * W starting at int {@code wOff} (a multiple of 4: rows stay 16-byte aligned). One put, one launch, one get.
     */
    public float[] multiply(int[] aPairs, int[] wPairs, int wOff, int m, int n, int k) {
        bind(aPairs, wPairs, wOff, m, n, k);
        launch();
        get(c);
        return c;
    }

    /** Device milliseconds (OpenCL events; wall time around the launch on Java threads) of each launch. */
    public record Timing(float[] c, double[] ms, boolean deviceTime) {}

    /** One put, {@code warmup} untimed and {@code repeats} timed launches on the resident operands, one get. */
    public Timing time(int[] aPairs, int[] wPairs, int m, int n, int k, int warmup, int repeats) {
        if (warmup < 0 || repeats < 1) throw new IllegalArgumentException("warmup must be >= 0 and repeats >= 1, got " + warmup + ", " + repeats);
        bind(aPairs, wPairs, 0, m, n, k);
        for (int i = 0; i < warmup; i++) launch();
        double[] ms = new double[repeats];
        boolean events = true;
        for (int i = 0; i < repeats; i++) {
            long wall = launch();
            double d = DeviceTime.lastLaunchMs(this);
            events &= !Double.isNaN(d);
            ms[i] = Double.isNaN(d) ? wall / 1e6 : d;
        }
        get(c);
        return new Timing(c, ms, events);
    }

    private void bind(int[] aPairs, int[] wPairs, int wOff, int m, int n, int k) {
        if (m < 1 || n < 1) throw new IllegalArgumentException("m and n must be >= 1, got " + m + ", " + n);
        if (k < GemmSource.K_ALIGN || k % GemmSource.K_ALIGN != 0) {
            throw new IllegalArgumentException("k must be a positive multiple of " + GemmSource.K_ALIGN + ", got " + k);
        }
        if (wOff < 0 || wOff % 4 != 0) throw new IllegalArgumentException("the W offset must be a multiple of 4 ints (16 bytes), got " + wOff);
        if ((long) aPairs.length < (long) m * k / 2) throw new IllegalArgumentException("A (" + m + ", " + k + ") needs " + (long) m * k / 2 + " ints, got " + aPairs.length);
        if ((long) wPairs.length < wOff + (long) n * k / 2) {
            throw new IllegalArgumentException("W (" + n + ", " + k + ") from int " + wOff + " needs " + (wOff + (long) n * k / 2) + " ints, got " + wPairs.length);
        }
        if ((long) m * n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("C (" + m + ", " + n + ") does not fit one Java array");
        this.a = aPairs;
        this.w = wPairs;
        this.c = new float[m * n];
        this.lda = k;
        this.ldw = k;
        this.ldc = n;
        this.wOff = wOff;
        this.m = m;
        this.n = n;
        this.k = k;
        put(a).put(w).put(c);
    }

    /** One launch over every tile of C; returns its wall time in ns. */
    private long launch() {
        int tilesN = (n + GemmSource.GEMM_BN - 1) / GemmSource.GEMM_BN, tilesM = (m + GemmSource.GEMM_BM - 1) / GemmSource.GEMM_BM;
        Range range = device.createRange2D(tilesN * GemmSource.GEMM_THREADS, tilesM, GemmSource.GEMM_THREADS, 1);
        long t0 = System.nanoTime();
        LaunchGuard.launch(this, range, device, () -> javaWorkItems.getAndSet(0), "gemm kernel");
        return System.nanoTime() - t0;
    }

    @Override
    public void close() { dispose(); }
}

// One class per compiled source (helper set): Aparapi's openCLCache is keyed by kernel class.
final class PtxGemmKernel extends GemmKernel {
    PtxGemmKernel() { super(Helpers.PTX); }
}

final class PortableGemmKernel extends GemmKernel {
    PortableGemmKernel() { super(Helpers.PORTABLE); }
}
