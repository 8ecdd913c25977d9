package dev.longsight.kernels.attention;

import dev.longsight.kernels.io.HalfFloats;

/**
 * Arithmetic of a prefill. {@code FP32}: CUDA-core FMAs on fp32 (the tiled and naive kernels).
 * {@code TF32} and {@code BF16}: tensor-core {@code mma.sync} for Q K^T and P V with fp32
 * accumulation and an fp32 online softmax ({@link MmaPrefillSource}); Q, K, V and P are rounded to
 * the input format. Storage on the device ({@link MmaOperands}): tf32 operands are fp32 arrays of
 * values rounded to tf32 (the low 13 mantissa bits zero); bf16 operands are 16-bit patterns packed
 * two to an {@code int} (Aparapi has no {@code short} buffers), 2 bytes per element. O and LSE are fp32
 * in every precision.
 */
public enum Precision {
    FP32("fp32"),
    TF32("tf32"),
    BF16("bf16");

    private final String id;

    Precision(String id) { this.id = id; }

    public String id() { return id; }

    public boolean tensorCores() { return this != FP32; }

    /** The value the kernel computes with: {@code x} rounded to this format (round to nearest; tf32 ties away, as cvt.rna). */
    public float round(float x) {
        return switch (this) {
            case FP32 -> x;
            case TF32 -> Float.intBitsToFloat(tf32Bits(x));
            case BF16 -> HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(x));
        };
    }

    /** Round to the nearest tf32 (10 mantissa bits), ties away from zero, as PTX {@code cvt.rna.tf32.f32}. */
    static int tf32Bits(float x) {
        int u = Float.floatToRawIntBits(x);
        if (Float.isNaN(x) || Float.isInfinite(x)) return u;
        return (u + 0x1000) & 0xffffe000;
    }

    public static Precision parse(String s) {
        for (Precision p : values()) if (p.id.equalsIgnoreCase(s == null ? "" : s.trim())) return p;
        throw new IllegalArgumentException("precision '" + s + "' is not one of fp32, tf32, bf16");
    }
}
