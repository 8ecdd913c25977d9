package dev.longsight.kernels.attention;
import java.nio.file.*;
/** Experiment helper: writes the bf16 128-row PTX-helper source for each option set (args: dir name=opts ...). */
public class DumpPortable {
    public static void main(String[] a) throws Exception {
        for (int i = 1; i < a.length; i++) {
            String[] kv = a[i].split("=", 2);
            Files.writeString(Path.of(a[0], kv[0] + ".cl"), MmaPrefillSource.source(Precision.BF16, MmaPrefillSource.Helpers.PORTABLE, MmaPrefillSource.options(kv[1]), 8)
                + "\n__kernel void k(__global int *qH, __global int *kH, __global int *vH, __global float *qF, __global float *kF, __global float *vF, __global int *rowOffsets, __global int *rowBlocks, __global float *oOut, __global float *lseOut, int seqLen, int seqPad, int headDim, int dPad, int blockSize, int groupSize, int qStart, int qEnd, float scale, __local int *lds) { ls_mma_prefill(qH, kH, vH, qF, kF, vF, rowOffsets, rowBlocks, oOut, lseOut, seqLen, seqPad, headDim, dPad, blockSize, groupSize, qStart, qEnd, scale, lds); }\n");
        }
    }
}
