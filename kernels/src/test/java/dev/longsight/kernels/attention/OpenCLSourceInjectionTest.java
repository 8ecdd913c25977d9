package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenCL C injection: signature checks, and proof that OpenCL devices run the supplied source. */
class OpenCLSourceInjectionTest {
    private static final String GENERATED = "typedef struct This_s{ int a; }This;\n__kernel void run(\n   int n, \n"
            + "   __global float *x, \n   __local float *tile, \n   float scale, \n   int passid\n){\n   body\n}\n";

    @Test
    void keepsAparapisSignatureAndCallsTheHelper() {
        String src = OpenCLSourceInjection.compose(GENERATED, "void f(){}", "f", new String[] {"x", "n", "tile", "scale"});
        assertTrue(src.startsWith("void f(){}\n__kernel void run(\n   int n, "), src);
        assertTrue(src.endsWith("   int passid\n){\n   f(x, n, tile, scale);\n}\n"), src);
        assertTrue(!src.contains("This_s"), src);
    }

    @Test
    void failsLoudlyWhenTheSignatureDiffers() {
        var missing = assertThrows(IllegalStateException.class,
                () -> OpenCLSourceInjection.compose(GENERATED, "", "f", new String[] {"x", "n", "tile"}));
        assertTrue(missing.getMessage().contains("Aparapi internals differ"), missing.getMessage());
        var odd = assertThrows(IllegalStateException.class,
                () -> OpenCLSourceInjection.compose(GENERATED.replace("float scale", "double scale"), "", "f", new String[] {"x", "n", "tile", "scale"}));
        assertTrue(odd.getMessage().contains("double scale"), odd.getMessage());
        assertThrows(IllegalStateException.class, () -> OpenCLSourceInjection.compose("no kernel here", "", "f", new String[0]));
    }

    @Test
    @SuppressWarnings("unchecked")
    void openCLRunsTheSuppliedSource() throws Exception {
        try (PrefillLauncher l = new PrefillLauncher(TestDevices.require("opencl"), KernelVariant.TILED)) {
            AttentionShape s = new AttentionShape(1, 1, 128, 64);
            BlockLayout layout = BlockLayout.of(Patterns.parse("full"), 128, 64);
            l.prefill(s, layout, Tensors.gaussian(s.qSize(), 1, 1), Tensors.gaussian(s.kvSize(), 2, 1), Tensors.gaussian(s.kvSize(), 3, 1), 128);
        }
        var f = Class.forName("com.aparapi.internal.kernel.KernelRunner").getDeclaredField("openCLCache");
        f.setAccessible(true);
        String src = ((Map<Class<?>, String>) f.get(null)).get(TiledPrefillKernel.class);
        assertEquals(TiledPrefillSource.source(), src.substring(0, TiledPrefillSource.source().length()));
        assertTrue(src.contains("ls_tiled_prefill(qIn, kIn, vIn"), src);
    }
}
