package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.reference.ExactAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fp32 kernel against the double-precision oracle, on JTP and on OpenCL. */
class KernelVsReferenceTest {
    private static final double TOL = 1e-4;
    private static final java.util.Map<String, PrefillLauncher> LAUNCHERS = new java.util.HashMap<>();

    /** One kernel per device and variant for the whole class: compiling once keeps the suite fast. */
    static PrefillLauncher launcher(String device, KernelVariant variant) {
        DeviceSpec spec = TestDevices.require(device);
        return LAUNCHERS.computeIfAbsent(device + "/" + variant, d -> new PrefillLauncher(spec, variant));
    }

    @AfterAll
    static void dispose() { LAUNCHERS.values().forEach(PrefillLauncher::close); LAUNCHERS.clear(); }

    record Case(String name, String pattern, int heads, int kvHeads, int seqLen, int headDim, int block, int chunk, double std) {}

    static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        for (var e : Patterns.entries()) cs.add(new Case(e.name(), e.name(), 2, 1, 301, 64, 16, 32, 1.0));
        for (String preset : Patterns.presetNames()) cs.add(new Case(preset, preset, 1, 1, 257, 64, 8, 64, 1.0));
        cs.add(new Case("head dim 128, GQA 4:2", "power:window=2,sink=1", 4, 2, 200, 128, 16, 48, 1.0));
        cs.add(new Case("one-token chunks and blocks", "sliding:window=3,sink=1", 2, 2, 37, 64, 1, 1, 1.0));
        cs.add(new Case("length below one block", "full", 1, 1, 5, 64, 16, 16, 1.0));
        cs.add(new Case("odd head dim", "full", 3, 1, 70, 17, 7, 14, 1.0));
        cs.add(new Case("large-magnitude scores", "power:window=1,sink=0", 2, 1, 130, 64, 8, 64, 12.0));
        cs.add(new Case("rows whose only key is themselves", "dilated:window=1,dilation=1", 1, 1, 64, 64, 1, 8, 1.0));
        cs.add(new Case("tiled shape: block 128, partial last block, chunks", "paper-power", 2, 1, 700, 128, 128, 256, 1.0));
        cs.add(new Case("block 64, head dim 100, GQA 3:1", "paper-sliding", 3, 1, 333, 100, 64, 128, 2.0));
        return cs;
    }

    static Stream<Arguments> deviceCases() {
        return TestDevices.all().stream().flatMap(d -> Stream.of(KernelVariant.values()).filter(v -> v.precision() == Precision.FP32)
                .flatMap(v -> cases().stream().filter(c -> !slowOnJava(d, v, c)).map(c -> Arguments.of(d, v, c))));
    }

    /**
     * The tiled kernel's Java body runs 256 Java threads per work-group with barriers (seconds per
     * case): on JTP it runs a subset that still covers every shape feature (GQA, odd and 128 head
     * dims, partial tiles, one-token blocks, chunks, large scores); OpenCL runs every case.
     */
    static boolean slowOnJava(String device, KernelVariant v, Case c) {
        return device.equals("jtp") && v == KernelVariant.TILED && !JTP_TILED.contains(c.name());
    }

    private static final java.util.Set<String> JTP_TILED = java.util.Set.of("head dim 128, GQA 4:2",
            "one-token chunks and blocks", "length below one block", "odd head dim", "large-magnitude scores",
            "block 64, head dim 100, GQA 3:1", "paper-power");

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("deviceCases")
    void matchesExactReference(String device, KernelVariant variant, Case c) {
        AttentionShape s = new AttentionShape(c.heads(), c.kvHeads(), c.seqLen(), c.headDim());
        BlockLayout layout = BlockLayout.of(Patterns.parse(c.pattern()), c.seqLen(), c.block());
        float[] q = Tensors.gaussian(s.qSize(), 1, c.std());
        float[] k = Tensors.gaussian(s.kvSize(), 2, c.std());
        float[] v = Tensors.gaussian(s.kvSize(), 3, 1.0);
        double[][] ref = ExactAttention.compute(s, layout, q, k, v);
        AttentionResult got = launcher(device, variant).prefill(s, layout, q, k, v, c.chunk());
        assertClose(ref, got, TOL);
        assertTrue(got.device().startsWith(device.equals("jtp") ? "JTP" : "OpenCL"), got.device());
        // OpenCL launches are timed by their profiling events, Java threads by the wall time around each launch
        assertEquals(device.equals("jtp") ? DeviceTime.LAUNCH_WALL : DeviceTime.EVENTS, got.kernelMsFrom());
        assertTrue(got.kernelMs() > 0 && got.kernelMs() <= got.wallMs(), got.kernelMs() + " ms of " + got.wallMs());
    }

    @Test
    void chunkedPrefillOfAnySubrangeEqualsWhole() {
        AttentionShape s = new AttentionShape(2, 2, 96, 64);
        BlockLayout layout = BlockLayout.of(Patterns.parse("paper-power"), 96, 8);
        float[] q = Tensors.gaussian(s.qSize(), 4, 1), k = Tensors.gaussian(s.kvSize(), 5, 1), v = Tensors.gaussian(s.kvSize(), 6, 1);
        AttentionResult part = launcher("jtp", KernelVariant.NAIVE).prefill(s, layout, q, k, v, 16, 32, 80);
        AttentionResult whole = launcher("jtp", KernelVariant.NAIVE).prefill(s, layout, q, k, v, 96);
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 96; i++) {
                float expect = i >= 32 && i < 80 ? whole.lse()[h * 96 + i] : 0f;
                assertEquals(expect, part.lse()[h * 96 + i], 1e-5, "lse row " + i);
            }
        }
    }

    static void assertClose(double[][] ref, AttentionResult got, double tol) {
        double maxO = 0, maxL = 0;
        for (int i = 0; i < ref[0].length; i++) maxO = Math.max(maxO, Math.abs(ref[0][i] - got.o()[i]));
        for (int i = 0; i < ref[1].length; i++) maxL = Math.max(maxL, Math.abs(ref[1][i] - got.lse()[i]) / Math.max(1, Math.abs(ref[1][i])));
        assertTrue(maxO <= tol, "max |O - O_ref| = " + maxO);
        assertTrue(maxL <= tol, "max relative |LSE - LSE_ref| = " + maxL);
    }
}
