package dev.longsight.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.Tensors;
import dev.longsight.kernels.io.HalfFloats;
import org.junit.jupiter.api.Test;

/** The tensor-core kernel's operand layout (MmaOperands' Javadoc), element by element, and the rounding it applies. */
class MmaOperandsTest {
    private static final AttentionShape S = new AttentionShape(3, 1, 130, 17); // odd length and head dim: both padded

    @Test
    void bf16PairsHoldTheRoundedValuesAtThePaddedPositionsWithVTransposed() {
        float[] q = Tensors.gaussian(S.qSize(), 1, 1), k = Tensors.gaussian(S.kvSize(), 2, 1), v = Tensors.gaussian(S.kvSize(), 3, 1);
        MmaOperands o = MmaOperands.pack(S, Precision.BF16, q, k, v);
        assertEquals(256, o.seqPad());
        assertEquals(32, o.dPad());
        for (int h = 0; h < S.heads(); h++) {
            for (int t = 0; t < o.seqPad(); t++) {
                for (int c = 0; c < o.dPad(); c++) {
                    boolean in = t < S.seqLen() && c < S.headDim();
                    float want = in ? Precision.BF16.round(q[(h * S.seqLen() + t) * S.headDim() + c]) : 0f;
                    assertEquals(want, bf16(o.qBits(), (h * o.seqPad() + t) * o.dPad() + c), "q " + h + "," + t + "," + c);
                }
            }
        }
        for (int t = 0; t < o.seqPad(); t++) {
            for (int c = 0; c < o.dPad(); c++) {
                boolean in = t < S.seqLen() && c < S.headDim();
                float kw = in ? Precision.BF16.round(k[t * S.headDim() + c]) : 0f;
                float vw = in ? Precision.BF16.round(v[t * S.headDim() + c]) : 0f;
                assertEquals(kw, bf16(o.kBits(), t * o.dPad() + c), "k " + t + "," + c);
                assertEquals(vw, bf16(o.vtBits(), c * o.seqPad() + t), "v^T " + c + "," + t);
            }
        }
        assertEquals(1, o.qValues().length, "tf32 arrays are placeholders in bf16");
    }

    @Test
    void fragmentOrderMakesEachQLoadOneMmaAFragment() {
        float[] q = Tensors.gaussian(S.qSize(), 1, 1), k = Tensors.gaussian(S.kvSize(), 2, 1), v = Tensors.gaussian(S.kvSize(), 3, 1);
        MmaOperands rowMajor = MmaOperands.pack(S, Precision.BF16, q, k, v), frag = MmaOperands.pack(S, Precision.BF16, q, k, v, true);
        int rowWords = rowMajor.dPad() / 2;
        for (int h = 0; h < S.heads(); h++) {
            for (int t = 0; t < rowMajor.seqPad(); t += 16) {
                for (int g = 0; g < 8; g++) {
                    int r = (h * rowMajor.seqPad() + t + g) * rowWords, r8 = r + 8 * rowWords; // rows R0 and R0 + 8
                    for (int w = 0; w < rowWords; w += 4) { // one 16-byte chunk: 4 words of 2 dims
                        int[] rm = rowMajor.qBits(), f = frag.qBits();
                        // mma A-fragment order: (R0, k 0-1), (R0 + 8, k 0-1), (R0, k 2-3), (R0 + 8, k 2-3) of the chunk's words
                        int[] first = {rm[r + w], rm[r8 + w], rm[r + w + 1], rm[r8 + w + 1]};
                        int[] second = {rm[r + w + 2], rm[r8 + w + 2], rm[r + w + 3], rm[r8 + w + 3]};
                        for (int i = 0; i < 4; i++) {
                            assertEquals(first[i], f[r + w + i], "head " + h + " row " + (t + g) + " word " + (w + i));
                            assertEquals(second[i], f[r8 + w + i], "head " + h + " row " + (t + g + 8) + " word " + (w + i));
                        }
                    }
                }
            }
        }
        assertEquals(rowMajor.kBits().length, frag.kBits().length);
        for (int i = 0; i < rowMajor.kBits().length; i++) assertEquals(rowMajor.kBits()[i], frag.kBits()[i], "K is not permuted");
    }

    @Test
    void tf32KeepsFp32StorageWithTheLow13BitsZero() {
        float[] x = Tensors.gaussian(S.kvSize(), 4, 1);
        MmaOperands o = MmaOperands.pack(new AttentionShape(1, 1, 130, 17), Precision.TF32, x, x, x);
        for (float f : o.qValues()) assertEquals(0, Float.floatToRawIntBits(f) & 0x1fff);
        assertEquals(Precision.TF32.round(x[5 * 17 + 3]), o.vtValues()[3 * o.seqPad() + 5]);
        assertEquals(1, o.qBits().length, "bf16 arrays are placeholders in tf32");
    }

    @Test
    void roundingMatchesTheHardwareConversions() {
        // bf16: round to nearest even (cvt.rn.bf16x2): 1 + 2^-8 is a tie between 1 and 1 + 2^-7 -> 1
        assertEquals(1f, Precision.BF16.round(1f + 0x1p-8f));
        assertEquals(1f + 0x1p-6f, Precision.BF16.round(1f + 0x1p-6f + 0x1p-8f), "tie to the even neighbour");
        // tf32: round to nearest, ties away from zero (cvt.rna.tf32): 1 + 2^-11 is a tie -> 1 + 2^-10
        assertEquals(1f + 0x1p-10f, Precision.TF32.round(1f + 0x1p-11f));
        assertEquals(-(1f + 0x1p-10f), Precision.TF32.round(-(1f + 0x1p-11f)));
        assertEquals(3.0e38f, Precision.FP32.round(3.0e38f));
        assertTrue(Float.isInfinite(Precision.TF32.round(Float.POSITIVE_INFINITY)));
    }

    @Test
    void tensorsThatDoNotFitOneJavaArrayOncePaddedAreRefusedByName() {
        AttentionShape big = new AttentionShape(128, 128, (Integer.MAX_VALUE - 8) / 128 / 128, 127);
        var e = assertThrows(IllegalArgumentException.class, () -> MmaOperands.pack(big, Precision.BF16, new float[1], new float[1], new float[1]));
        assertTrue(e.getMessage().contains("padded") && e.getMessage().contains("bf16"), e.getMessage());
    }

    private static float bf16(int[] pairs, int i) { return HalfFloats.bfloat16ToFloat((short) (pairs[i >> 1] >>> (16 * (i & 1)))); }
}
