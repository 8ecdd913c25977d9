package dev.longsight.kernels.model;

import dev.longsight.kernels.io.HalfFloats;
import java.nio.ByteBuffer;

/** The safetensors element types LongSight reads, each widened exactly to float. */
public enum Dtype {
    BF16(2), F16(2), F32(4);

    public final int bytes;

    Dtype(int bytes) { this.bytes = bytes; }

    /** The type named by a safetensors header ({@code "BF16"}), or null when LongSight does not read it. */
    static Dtype ofHeader(String name) {
        for (Dtype d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    /** Decodes {@code count} little-endian elements from {@code src} (little-endian order set) into {@code dst}. */
    void decode(ByteBuffer src, float[] dst, int offset, int count) {
        switch (this) {
            case BF16 -> { for (int i = 0; i < count; i++) dst[offset + i] = HalfFloats.bfloat16ToFloat(src.getShort()); }
            case F16 -> { for (int i = 0; i < count; i++) dst[offset + i] = HalfFloats.halfToFloat(src.getShort()); }
            case F32 -> { for (int i = 0; i < count; i++) dst[offset + i] = src.getFloat(); }
        }
    }
}
