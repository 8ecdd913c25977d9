package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NVIDIA OpenCL is refused without libjsig; other platforms are not affected. */
class SignalChainingTest {
    @Test
    void nvidiaWithoutLibjsigIsRefusedWithTheFix() {
        String p = SignalChaining.problem("NVIDIA CUDA", "7f00-7f01 r-xp /usr/lib/libOpenCL.so.1\n");
        assertTrue(p != null && p.contains("LD_PRELOAD=") && p.contains("libjsig.so"), p);
    }

    @Test
    void libjsigOrAnotherPlatformIsFine() {
        assertNull(SignalChaining.problem("NVIDIA CUDA", "7f00-7f01 r-xp /opt/jre/lib/libjsig.so\n"));
        assertNull(SignalChaining.problem("Portable Computing Language", ""));
    }
}
