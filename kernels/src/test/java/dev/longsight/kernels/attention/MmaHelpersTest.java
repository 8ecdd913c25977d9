package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tensor-core kernel's split by role: the body is one text for every device, and each inline-PTX
 * helper has a portable twin of the same name (which the kernel tests run on PoCL against the exact
 * reference).
 */
class MmaHelpersTest {
    /** What mma_prefill.cl takes from a helper file. */
    static final List<String> INTERFACE = List.of("MMA", "EXP2", "QUAD_MAX", "QUAD_SUM", "WARP_SYNC", "HELPER_SCRATCH_UINTS",
            "GLD16", "GST16", "CP16", "CP_COMMIT", "CP_WAIT", "CP_WAIT1", "UNROLL", "DPAD_SPECIALISED", "ls_pack", "ls_tf32");

    @Test
    void bothHelperFilesDefineTheWholeInterface() {
        for (MmaPrefillSource.Helpers h : MmaPrefillSource.Helpers.values()) {
            String src = KernelSource.load(h.file);
            for (String name : INTERFACE) {
                Pattern defined = Pattern.compile("#define " + name + "\\b|\\buint " + name + "\\(");
                assertTrue(defined.matcher(src).find(), h.file + " does not define " + name);
            }
        }
    }

    @Test
    void theKernelBodyHasNoVendorCode() {
        String body = KernelSource.load("mma_prefill.cl");
        assertFalse(body.contains("asm"), "inline PTX belongs in mma_helpers_ptx.cl");
        assertFalse(body.contains("LS_PTX") || body.contains("NVIDIA"), "no vendor switch in the body");
        assertFalse(KernelSource.load(MmaPrefillSource.Helpers.PORTABLE.file).contains("asm"));
    }
}
