package dev.longsight.kernels.io;

/** IEEE half precision and bfloat16 to and from float32 (Java 17 has no Float.float16ToFloat). */
public final class HalfFloats {
    private HalfFloats() {}

    public static float bfloat16ToFloat(short bits) { return Float.intBitsToFloat((bits & 0xffff) << 16); }

    /** Round to nearest even, as ml_dtypes and PyTorch do; NaN stays NaN. */
    public static short floatToBfloat16(float f) {
        int x = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((x >>> 16) | 0x40);
        int rounded = x + 0x7fff + ((x >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // Inf / NaN
        if (exp == 0) { // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Round to nearest even; overflow to infinity. */
    public static short floatToHalf(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        if (Float.isNaN(f)) return (short) (sign | 0x7e00);
        float a = Math.abs(f);
        if (a >= 65520f) return (short) (sign | 0x7c00);
        if (a < 0x1p-14f) { // subnormal half: round a / 2^-24 to an integer, ties to even
            return (short) (sign | (int) Math.rint(a * 0x1p24f));
        }
        int e = ((x >>> 23) & 0xff) - 127 + 15;
        int m = x & 0x7fffff;
        int half = (e << 10) | (m >>> 13);
        int rest = m & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) half++;
        return (short) (sign | half);
    }
}
