package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code-level options of the tiled kernel's OpenCL C: parsing and the macros they set. */
class TiledPrefillSourceTest {
    @Test
    void parsesOptionLists() {
        assertEquals(Set.of("onebar", "prefetch", "qreg", "unroll"), TiledPrefillSource.options(TiledPrefillSource.DEFAULT_OPTS));
        assertEquals(Set.of(), TiledPrefillSource.options(""));
        assertEquals(Set.of("nexp", "qreg"), TiledPrefillSource.options(" qreg , nexp,"));
        var bad = assertThrows(IllegalArgumentException.class, () -> TiledPrefillSource.options("unroll,fast"));
        assertTrue(bad.getMessage().startsWith("longsight.tiled.opts: expected") && bad.getMessage().endsWith("got 'fast'"), bad.getMessage());
    }

    @Test
    void everyOptionBecomesOneMacro() {
        String src = TiledPrefillSource.helper(Set.of("qreg"));
        for (String o : TiledPrefillSource.OPTION_NAMES) {
            String on = "#define LS_" + o.toUpperCase() + " 1\n", off = "#define LS_" + o.toUpperCase() + " 0\n";
            assertTrue(src.contains(o.equals("qreg") ? on : off), o);
            assertTrue(!src.contains(o.equals("qreg") ? off : on), o);
            assertTrue(src.contains("#if LS_" + o.toUpperCase()) || src.contains("#if !LS_" + o.toUpperCase()), "unused option " + o);
        }
    }
}
