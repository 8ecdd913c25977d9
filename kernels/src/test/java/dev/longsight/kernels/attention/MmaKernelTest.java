package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.reference.ExactAttention;
import dev.longsight.kernels.reference.RoundedAttention;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensor-core kernel (tf32, bf16) on Java threads and on OpenCL (PoCL in CI: the portable warp
 * helpers around the same kernel text the GPU runs) against exact references. Tolerances per
 * precision:
 * <ul>
 *   <li>against the exact attention of the rounded inputs (what is left is the rounding of P and
 *       fp32 arithmetic): max |O error| <= {@link #P_TOL} of the precision, LSE relative 1e-4;</li>
 *   <li>against the exact attention of the fp32 inputs: max |O error| no worse than the
 *       straightforward implementation in the same precision ({@link RoundedAttention}).</li>
 * </ul>
 */
class MmaKernelTest {
    /** bf16 P has 8 significant bits (relative rounding 2^-9), tf32 11 (2^-11); O averages them over keys. */
    static final Map<Precision, Double> P_TOL = Map.of(Precision.BF16, 1e-2, Precision.TF32, 2.5e-3);
    private static final Map<String, PrefillLauncher> LAUNCHERS = new HashMap<>();

    static PrefillLauncher launcher(String device, Precision p) {
        var spec = TestDevices.require(device);
        return LAUNCHERS.computeIfAbsent(device + "/" + p, d -> new PrefillLauncher(spec, null, p));
    }

    @AfterAll
    static void dispose() { LAUNCHERS.values().forEach(PrefillLauncher::close); LAUNCHERS.clear(); }

    record Case(String name, String pattern, int heads, int kvHeads, int seqLen, int headDim, int block, int chunk, double std) {}

    static final List<Case> CASES = List.of(
            new Case("one tile, full", "full", 1, 1, 64, 64, 64, 64, 1.0),
            new Case("length below one tile", "full", 1, 1, 5, 64, 64, 64, 1.0),
            new Case("paper-power, odd length, GQA 2:1, chunks", "paper-power", 2, 1, 333, 128, 64, 128, 1.0),
            new Case("sliding, block 128, head dim 64, GQA 3:1", "sliding:window=2,sink=1", 3, 1, 300, 64, 128, 256, 1.0),
            new Case("odd head dim 100, dilated", "dilated:window=2,dilation=2", 2, 2, 200, 100, 64, 192, 1.0),
            new Case("head dim 17", "full", 1, 1, 130, 17, 64, 64, 1.0),
            new Case("extreme scores", "power:window=1,sink=1", 2, 1, 256, 64, 64, 64, 12.0),
            new Case("rows whose only key block is their own", "sliding:window=1,sink=0", 1, 1, 192, 64, 64, 64, 1.0),
            new Case("8 warps (block 128): paper-power, head dim 128, GQA 2:1, chunks", "paper-power", 2, 1, 400, 128, 128, 256, 1.0),
            // two query tiles per block: the second's diagonal block starts 128 keys before its rows
            new Case("block 256: paper-power, odd length, chunks", "paper-power", 2, 1, 700, 64, 256, 512, 1.0),
            // bf16's dispatch order (tail mix): more query tiles per launch than TAIL_MIX_TILES, so that both its
            // head-by-head part and its interleaved end run (a launch of TAIL_MIX_TILES + 2 tiles, then one of 1)
            new Case("query tiles dispatched head by head, then interleaved", "sliding:window=1,sink=0", 3, 1,
                    64 * (MmaPrefillSource.TAIL_MIX_TILES + 2) + 40, 17, 64, 64 * (MmaPrefillSource.TAIL_MIX_TILES + 2), 1.0));

    static Stream<Arguments> runs() {
        return TestDevices.all().stream().flatMap(d -> Stream.of(Precision.TF32, Precision.BF16)
                .flatMap(p -> CASES.stream().map(c -> Arguments.of(d, p, c))));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("runs")
    void matchesExactAttentionWithinThePrecisionsTolerance(String device, Precision p, Case c) {
        AttentionShape s = new AttentionShape(c.heads(), c.kvHeads(), c.seqLen(), c.headDim());
        BlockLayout layout = BlockLayout.of(Patterns.parse(c.pattern()), c.seqLen(), c.block());
        float[] q = Tensors.gaussian(s.qSize(), 11, c.std()), k = Tensors.gaussian(s.kvSize(), 12, c.std()), v = Tensors.gaussian(s.kvSize(), 13, 1);
        AttentionResult got = launcher(device, p).prefill(s, layout, q, k, v, c.chunk());

        double[][] roundedRef = ExactAttention.compute(s, layout, rounded(q, p), rounded(k, p), rounded(v, p));
        double[][] exact = ExactAttention.compute(s, layout, q, k, v);
        float[] straightforward = RoundedAttention.compute(s, layout, q, k, v, p);
        double[] vsRounded = errors(roundedRef[0], got.o());
        double[] vsExact = errors(exact[0], got.o());
        double[] naive = errors(exact[0], straightforward);
        double lse = 0;
        for (int i = 0; i < roundedRef[1].length; i++) {
            lse = Math.max(lse, Math.abs(roundedRef[1][i] - got.lse()[i]) / Math.max(1, Math.abs(roundedRef[1][i])));
        }
        String report = String.format(Locale.ROOT, "%s %s %s: vs rounded-input exact max %.2e mean %.2e; vs fp32 exact max %.2e mean %.2e;"
                + " straightforward %s max %.2e mean %.2e; LSE rel %.1e", device, p.id(), c.name(), vsRounded[0], vsRounded[1],
                vsExact[0], vsExact[1], p.id(), naive[0], naive[1], lse);
        System.out.println("# " + report + " [" + got.kernel() + " on " + got.device() + "]");
        assertTrue(vsRounded[0] <= P_TOL.get(p), report);
        assertTrue(lse <= 1e-4, report);
        assertTrue(vsExact[0] <= naive[0] && vsExact[1] <= naive[1], report);
        assertTrue(got.kernel().startsWith("mma-" + p.id()) && got.kernel().contains(device.equals("jtp") ? "Java" : "OpenCL C"), got.kernel());
        KernelVariant variant = TilePolicy.variant(c.block(), !device.equals("jtp"), p);
        assertTrue(got.kernel().startsWith(variant.id() + " ("), got.kernel());
        assertTrue(device.equals("jtp") || got.kernel().endsWith("; " + variant.mmaTraits().describe() + ")"), got.kernel());
    }

    @Test
    void blockSizesTheTilesCannotCoverAreRefusedByName() {
        AttentionShape s = new AttentionShape(1, 1, 64, 64);
        BlockLayout layout = BlockLayout.of(Patterns.parse("full"), 64, 32);
        float[] x = new float[s.qSize()];
        var e = assertThrows(IllegalArgumentException.class, () -> launcher("jtp", Precision.BF16).prefill(s, layout, x, x, x, 64));
        assertTrue(e.getMessage().contains("bf16") && e.getMessage().contains("multiple of 64"), e.getMessage());
    }

    @Test
    void aVariantOfAnotherPrecisionIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PrefillLauncher(TestDevices.require("jtp"), KernelVariant.TILED, Precision.BF16));
        assertTrue(e.getMessage().contains("tiled") && e.getMessage().contains("bf16"), e.getMessage());
    }

    static float[] rounded(float[] x, Precision p) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) r[i] = p.round(x[i]);
        return r;
    }

    /** {max, mean} absolute error. */
    static double[] errors(double[] ref, float[] got) {
        double max = 0, sum = 0;
        for (int i = 0; i < ref.length; i++) {
            double e = Math.abs(ref[i] - got[i]);
            if (Double.isNaN(e)) e = Double.POSITIVE_INFINITY;
            max = Math.max(max, e);
            sum += e;
        }
        return new double[] {max, sum / ref.length};
    }
}
