package dev.longsight.kernels.bench;

import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.model.GemmKernel;
import dev.longsight.kernels.model.GemmReference;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.longsight.kernels.io.CsvField;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times {@code ls_gemm_bf16} (through {@link GemmKernel}) per shape and prints one CSV line each:
 * {@code m,n,k,ms,tflops,device}, FLOPs = 2 m n k, ms the median of the timed launches' device time (OpenCL
 * events; the wall time around each launch on Java threads), after warmup launches on resident operands.
 * The same CSV as {@code peers/gemm_peer.py} prints for torch.matmul. Each shape is also spot-checked
 * against the exact product (64 elements, relative to sum |a||w|); a failure exits 1.
 *
 * <pre>usage: GemmBench [device, default gpu] [shapes m:n:k,..., default the Llama-3-8B GEMMs at m = 16384]
 *                  [warmup, default 3] [repeats, default 10]</pre>
 */
public final class GemmBench {
    private GemmBench() {}

    /** Llama-3-8B's prefill GEMMs at 16384 rows: QKV, O, gate+up, down. */
    static final List<int[]> LLAMA3_8B = List.of(new int[] {16384, 6144, 4096}, new int[] {16384, 4096, 4096},
            new int[] {16384, 28672, 4096}, new int[] {16384, 4096, 14336});
    static final String HEADER = "m,n,k,ms,tflops,device";
    /** The test's bound (GemmKernelTest): fp32 accumulation of exact products, here with k up to 14336. */
    static final double CHECK_REL = 1e-5 * 14336 / 96;

    public static void main(String[] args) {
        DeviceTime.enable(); // before GemmKernel's class loads Aparapi's configuration
        DeviceSpec spec = DeviceSpec.parse(args.length > 0 ? args[0] : "gpu");
        List<int[]> shapes = args.length > 1 ? parseShapes(args[1]) : LLAMA3_8B;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3, repeats = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.exit(run(spec, shapes, warmup, repeats, System.out, System.err));
    }

    static int run(DeviceSpec spec, List<int[]> shapes, int warmup, int repeats, PrintStream out, PrintStream log) {
        int failed = 0;
        try (GemmKernel g = GemmKernel.open(spec)) {
            log.println("# device: " + g.deviceName() + "; kernel: " + g.source());
            out.println(HEADER);
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                int[] a = randomPairs((long) m * k / 2, 1), w = randomPairs((long) n * k / 2, 2); // (m, k), (n, k) bf16 pairs
                GemmKernel.Timing t = g.time(a, w, m, n, k, warmup, repeats);
                double ms = median(t.ms()), tflops = 2.0 * m * n * k / (ms * 1e-3) / 1e12;
                double err = spotCheck(a, w, t.c(), m, n, k);
                out.printf(Locale.ROOT, "%d,%d,%d,%.4f,%.1f,%s%n", m, n, k, ms, tflops, CsvField.of(g.deviceName()));
                log.printf(Locale.ROOT, "# %dx%dx%d: ms (%s) min %.4f max %.4f; spot check max |C - exact| / sum|a||w| %.2e%n", m, n, k,
                        t.deviceTime() ? "opencl-events" : "launch-wall", Arrays.stream(t.ms()).min().orElse(0), Arrays.stream(t.ms()).max().orElse(0), err);
                if (!(err <= CHECK_REL)) {
                    log.println("bench: check failed for " + m + "x" + n + "x" + k + ": " + err + " > " + CHECK_REL);
                    failed = 1;
                }
            }
        }
        return failed;
    }

    /** Uniform values in [-1, 1) as bf16 pairs, seeded per 1M-int chunk (parallel, reproducible). */
    static int[] randomPairs(long ints, long seed) {
        if (ints > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(ints + " ints do not fit one Java array");
        int[] x = new int[(int) ints];
        int chunk = 1 << 20;
        IntStream.range(0, (x.length + chunk - 1) / chunk).parallel().forEach(c -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c);
            for (int i = c * chunk, e = Math.min(x.length, i + chunk); i < e; i++) {
                int lo = Float.floatToRawIntBits(r.nextFloat() * 2 - 1) >>> 16, hi = Float.floatToRawIntBits(r.nextFloat() * 2 - 1) >>> 16;
                x[i] = lo | (hi << 16); // truncated to bf16: the values are whatever the pairs hold
            }
        });
        return x;
    }

    /** Max over 64 seeded elements of |C - exact| / sum |a||w|. */
    static double spotCheck(int[] a, int[] w, float[] c, int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int t = 0; t < 64; t++) {
            int i = t == 0 ? m - 1 : r.nextInt(m), j = t == 0 ? n - 1 : r.nextInt(n);
            double s = 0, abs = 0;
            for (int q = 0; q < k; q++) {
                double p = (double) GemmReference.element(a, 0, k, i, q) * GemmReference.element(w, 0, k, j, q);
                s += p;
                abs += Math.abs(p);
            }
            double e = Math.abs(c[(int) ((long) i * n + j)] - s) / Math.max(abs, Float.MIN_NORMAL);
            worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return worst;
    }

    static List<int[]> parseShapes(String s) {
        List<int[]> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String[] f = part.trim().split(":");
            if (f.length != 3) throw new IllegalArgumentException("shape '" + part + "' is not m:n:k");
            out.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])});
        }
        return out;
    }


    static double median(double[] xs) {
        double[] a = xs.clone();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
