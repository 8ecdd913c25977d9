package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.attention.KernelSource;
import dev.longsight.kernels.attention.MmaPrefillSource.Helpers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bf16 GEMM on Java threads and on OpenCL (PoCL in CI: the portable helpers around the text the GPU runs;
 * on an NVIDIA device the PTX helpers) against {@link GemmReference}'s exact product of the bf16 operands.
 *
 * <p>Tolerance: |C - exact| <= {@link #REL} x sum over k of |a| |w|, per element. Every bf16 x bf16 product is
 * exact in fp32 (8 + 8 significant bits), so the only error is fp32 accumulation; recursive summation of k terms
 * is within (k - 1) 2^-24 of sum |terms| (5.7e-6 at k = 96, the largest k here), and the tensor cores' sums
 * within each k16 step are no worse. Relative to sum |a||w|, not to |C|: cancellations leave C tiny while the
 * rounding of the partial sums stays at the scale of the terms.
 */
class GemmKernelTest {
    static final double REL = 1e-5;
    private static final Map<String, GemmKernel> KERNELS = new HashMap<>();

    static GemmKernel kernel(String device) {
        var spec = TestDevices.require(device);
        return KERNELS.computeIfAbsent(device, d -> GemmKernel.open(spec));
    }

    @AfterAll
    static void dispose() { KERNELS.values().forEach(GemmKernel::close); KERNELS.clear(); }

    enum Values { GAUSSIAN, LARGE, CANCELLING }

    record Case(String name, int m, int n, int k, Values values, int wOff) {}

    static final List<Case> CASES = List.of(
            new Case("one row, 7 columns", 1, 7, 32, Values.GAUSSIAN, 0),
            new Case("7 x 129, k 64", 7, 129, 64, Values.GAUSSIAN, 0),
            new Case("129 x 200 (two tiles each way, both partial), k 96", 129, 200, 96, Values.GAUSSIAN, 0),
            new Case("200 x 1, k 32", 200, 1, 32, Values.GAUSSIAN, 0),
            new Case("large magnitudes (products near 1e36)", 129, 7, 64, Values.LARGE, 0),
            new Case("cancellations (large products summing to 0)", 7, 200, 96, Values.CANCELLING, 0),
            new Case("W from an offset into a bigger buffer", 129, 129, 64, Values.GAUSSIAN, 12));

    static Stream<Arguments> runs() {
        return TestDevices.all().stream().flatMap(d -> CASES.stream().map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    void matchesTheExactProductWithinFp32Accumulation(String device, Case c) {
        int[] a = GemmReference.pack(values(c.m() * c.k(), 1, c.values(), c.k()));
        int[] wRows = GemmReference.pack(values(c.n() * c.k(), 2, c.values(), c.k()));
        int[] w = new int[c.wOff() + wRows.length]; // (wOff + n k / 2): NaN pairs before W, which must not be read
        Arrays.fill(w, 0, c.wOff(), 0x7fc07fc0);
        System.arraycopy(wRows, 0, w, c.wOff(), wRows.length);

        GemmKernel g = kernel(device);
        float[] got = g.multiply(a, w, c.wOff(), c.m(), c.n(), c.k());
        double[] exact = GemmReference.multiply(a, c.k(), w, c.wOff(), c.k(), c.m(), c.n(), c.k());
        double[] scale = GemmReference.absProducts(a, c.k(), w, c.wOff(), c.k(), c.m(), c.n(), c.k());
        assertEquals(c.m() * c.n(), got.length);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < got.length; i++) {
            double e = Math.abs(got[i] - exact[i]) / Math.max(scale[i], Float.MIN_NORMAL);
            if (Double.isNaN(e)) e = Double.POSITIVE_INFINITY;
            if (e > worst) { worst = e; at = i; }
        }
        String report = String.format(Locale.ROOT, "%s %s: max |C - exact| / sum|a||w| %.2e at (%d, %d): got %s, exact %s [%s on %s]",
                device, c.name(), worst, at / c.n(), at % c.n(), got[at], exact[at], g.source(), g.deviceName());
        System.out.println("# " + report);
        assertTrue(worst <= REL, report);
        assertTrue(g.source().contains(device.equals("jtp") ? "Java" : "ls_gemm_bf16"), g.source());
    }

    /** (rows, k) values: Gaussian; Gaussian times 1e18; or Gaussian with large pairs of products that cancel. */
    static float[] values(int size, long seed, Values v, int k) {
        float[] x = Tensors.gaussian(size, seed, 1.0);
        switch (v) {
            case LARGE -> { for (int i = 0; i < size; i++) x[i] *= 1e18f; }
            case CANCELLING -> {
                // per 32-wide k-step, A holds +b at slot 0 and -b at slot 17 (large b), W the same value at both:
                // the two products cancel exactly, in different mma and lanes, and leave the small terms' sum
                for (int s = 0; s < size; s += 32) {
                    if (seed == 1) x[s] *= 1e4f;
                    x[s + 17] = seed == 1 ? -x[s] : x[s];
                }
            }
            case GAUSSIAN -> { }
        }
        return x;
    }

    @Test
    void kMustBeAMultipleOf32AndWRowsAligned() {
        GemmKernel g = kernel("jtp");
        int[] x = new int[64 * 48];
        var e = assertThrows(IllegalArgumentException.class, () -> g.multiply(x, x, 2, 3, 48));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> g.multiply(x, x, 2, 2, 3, 32));
        assertTrue(f.getMessage().contains("16 bytes"), f.getMessage());
    }

    /** The forward puts defines, one helper file, mma_prefill.cl and this file in one program: no name may clash. */
    @Test
    void theFunctionSitsBesideTheAttentionKernelInOneProgram() {
        Set<String> others = new TreeSet<>();
        for (Helpers h : Helpers.values()) others.addAll(macros(KernelSource.load(h.file)));
        others.addAll(macros(KernelSource.load("mma_prefill.cl")));
        String body = GemmSource.body();
        for (String name : macros(body)) {
            assertTrue(name.startsWith("GEMM_"), "gemm_bf16.cl's macro " + name + " is not in its GEMM_ namespace");
            assertTrue(!others.contains(name), "gemm_bf16.cl redefines " + name);
        }
        assertTrue(!body.contains("asm"), "inline PTX belongs in mma_helpers_ptx.cl");
        assertTrue(GemmSource.defines().lines().allMatch(l -> l.startsWith("#define GEMM_")), GemmSource.defines());
    }

    private static Set<String> macros(String src) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("#define (\\w+)").matcher(src);
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
