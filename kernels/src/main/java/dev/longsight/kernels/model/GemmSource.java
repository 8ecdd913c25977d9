package dev.longsight.kernels.model;

import dev.longsight.kernels.attention.KernelSource;
import dev.longsight.kernels.attention.MmaPrefillSource;

/** The OpenCL C of {@code ls_gemm_bf16} ({@code gemm_bf16.cl}) and its tile constants. */
public final class GemmSource {
    private GemmSource() {}

    public static final int GEMM_BM = 64;
    public static final int GEMM_BN = 64;
    public static final int GEMM_THREADS = 128;
    static final String FILE = "/dev/longsight/kernels/model/gemm_bf16.cl";

    public static int ldsInts(MmaPrefillSource.Helpers helpers) { return 0; }

    public static String defines() {
        return "#define GEMM_BM " + GEMM_BM + "\n#define GEMM_BN " + GEMM_BN + "\n#define GEMM_THREADS " + GEMM_THREADS + "\n";
    }

    public static String source() { return KernelSource.load(FILE); }
}
