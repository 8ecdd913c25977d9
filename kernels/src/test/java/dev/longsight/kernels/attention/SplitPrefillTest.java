package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.device.DeviceArray;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A prefill whose arrays are over the per-array limit runs in head groups with exactly the results
 * of the unsplit run: a lowered limit forces whole-KV-group and within-KV-group splits, on JTP and
 * on OpenCL, for every variant.
 */
class SplitPrefillTest {
    // GQA 4:1 over 2 KV heads; a length that is not a multiple of the block; chunks of two blocks
    private static final AttentionShape SHAPE = new AttentionShape(8, 2, 300, 64);
    private static final int BLOCK = 128, CHUNK = 256;

    private static final Map<String, PrefillLauncher> LAUNCHERS = new HashMap<>();

    /** One launcher per device and variant for the class: its kernel compiles once (minutes for mma on PoCL). */
    private static PrefillLauncher launcher(String device, KernelVariant v) {
        DeviceSpec spec = TestDevices.require(device);
        return LAUNCHERS.computeIfAbsent(device + "/" + v, x -> new PrefillLauncher(spec, v, v.precision()));
    }

    @AfterAll
    static void dispose() { LAUNCHERS.values().forEach(PrefillLauncher::close); LAUNCHERS.clear(); }

    /**
     * The fp32 variants with groups of whole KV groups and of half a KV group; the tensor-core
     * variants (the 128-row ones differ only in traits) with the second, which also runs more
     * groups; tf32 on JTP only (its OpenCL differs from bf16's only in the operand format, and each
     * compiles for minutes on PoCL). The tiled kernel's Java body is slow on JTP: OpenCL only.
     */
    static Stream<Arguments> cases() {
        int[] whole = {0, 4, 8}, half = {0, 2, 4, 6, 8};
        return TestDevices.all().stream().flatMap(d -> Stream.of(
                Arguments.of(d, KernelVariant.NAIVE, 4, whole), Arguments.of(d, KernelVariant.NAIVE, 2, half),
                Arguments.of(d, KernelVariant.TILED, 4, whole), Arguments.of(d, KernelVariant.TILED, 2, half),
                Arguments.of(d, KernelVariant.MMA_BF16, 2, half), Arguments.of(d, KernelVariant.MMA_TF32, 2, half))
                .filter(a -> d.equals("jtp") ? a.get()[1] != KernelVariant.TILED : a.get()[1] != KernelVariant.MMA_TF32));
    }

    /** @param headsPerGroup query heads whose arrays the lowered limit admits (4: one KV group; 2: half of one) */
    @ParameterizedTest(name = "{0} {1}: {2} heads a group")
    @MethodSource("cases")
    void aSplitPrefillEqualsTheUnsplitOneBitForBit(String device, KernelVariant variant, int headsPerGroup, int[] groups) {
        BlockLayout layout = BlockLayout.of(Patterns.parse("power:window=1,sink=1"), SHAPE.seqLen(), BLOCK);
        float[] q = Tensors.gaussian(SHAPE.qSize(), 11, 1.0);
        float[] k = Tensors.gaussian(SHAPE.kvSize(), 12, 1.0);
        float[] v = Tensors.gaussian(SHAPE.kvSize(), 13, 1.0);
        long limit = limitFor(variant, headsPerGroup);
        assertArrayEquals(groups, HeadGroups.split(SHAPE, variant.create(null)::arrays, limit));
        PrefillLauncher launcher = launcher(device, variant);
        int n = SHAPE.seqLen();
        AttentionResult a = launcher.prefill(SHAPE, layout, q, k, v, CHUNK), b = launcher.prefill(SHAPE, layout, q, k, v, CHUNK, 0, n, limit);
        assertArrayEquals(a.o(), b.o(), "o");
        assertArrayEquals(a.lse(), b.lse(), "lse");
        assertEquals(a.device(), b.device());
        // rows [256, 300) only, and the resident timing path
        AttentionResult c = launcher.prefill(SHAPE, layout, q, k, v, CHUNK, CHUNK, n, limit);
        AttentionResult d = launcher.prefill(SHAPE, layout, q, k, v, CHUNK, CHUNK, n);
        assertArrayEquals(d.o(), c.o(), "o of rows [256, 300)");
        assertArrayEquals(a.lse(), launcher.timeResident(SHAPE, layout, q, k, v, 0, 1, limit).result().lse(), "lse, resident timing");
    }

    /** The largest array of a group of {@code heads} query heads on one KV head: the limit that admits exactly that group. */
    private static long limitFor(KernelVariant variant, int heads) {
        AttentionShape g = new AttentionShape(heads, 1, SHAPE.seqLen(), SHAPE.headDim());
        return variant.create(null).arrays(g).stream().mapToLong(DeviceArray::bytes).max().orElseThrow();
    }
}
