package dev.longsight.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    static final float[] VALUES = {0f, 1f, -2.5f, 0.1f, 3.14159f, -1e-3f, 65000f, 1e-6f, 0.333f, -7f, 100f, 0.5f};

    static byte[] npy(int[] shape, String descr, float[] v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, shape, descr, v);
        return out.toByteArray();
    }

    static NpyArray read(byte[] b, NpyDtype declared) throws IOException {
        return Npy.read(new ByteArrayInputStream(b), declared, "t.npy");
    }

    @Test
    void float32RoundTripsExactly() throws IOException {
        NpyArray a = read(npy(new int[] {2, 3, 2}, "<f4", VALUES), null);
        assertArrayEquals(new int[] {2, 3, 2}, a.shape());
        assertArrayEquals(VALUES, a.data());
        assertEquals(NpyDtype.FLOAT32, a.storedAs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<f2", "<V2", "|V2", "<u2"})
    void halfTypesRoundTripWithinTheirPrecision(String descr) throws IOException {
        NpyDtype declared = descr.equals("<f2") ? null : NpyDtype.BFLOAT16;
        NpyArray a = read(npy(new int[] {12}, descr, VALUES), declared);
        double relTol = descr.equals("<f2") ? 1.0 / 1024 : 1.0 / 128; // 10 and 7 mantissa bits, round to nearest
        for (int i = 0; i < VALUES.length; i++) {
            double tol = Math.max(Math.abs(VALUES[i]) * relTol, descr.equals("<f2") ? 6e-8 : 0);
            assertEquals(VALUES[i], a.data()[i], tol, descr + " value " + i);
        }
    }

    @Test
    void halfConversionMatchesKnownBitPatterns() {
        assertEquals(1.0f, HalfFloats.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, HalfFloats.halfToFloat((short) 0xc000));
        assertEquals(65504f, HalfFloats.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat((short) 0x0001));
        assertEquals((short) 0x3555, HalfFloats.floatToHalf(0.333251953125f));
        assertEquals(1.0f, HalfFloats.bfloat16ToFloat((short) 0x3f80));
        assertEquals((short) 0x4049, HalfFloats.floatToBfloat16(3.14159f));
        for (int bits = 0; bits < 0x7c00; bits += 7) { // every finite positive half round-trips
            assertEquals((short) bits, HalfFloats.floatToHalf(HalfFloats.halfToFloat((short) bits)), "bits " + bits);
        }
    }

    @Test
    void bigEndianAndVersion2HeadersAreRead() throws IOException {
        byte[] le = npy(new int[] {4}, "<f4", new float[] {1, 2, 3, 4});
        String header = new String(le, 10, le.length - 10 - 16, StandardCharsets.ISO_8859_1).replace("<f4", ">f4");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        out.write(new byte[] {(byte) header.length(), 0, 0, 0});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float f : new float[] {1, 2, 3, 4}) {
            int b = Float.floatToIntBits(f);
            out.write(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b});
        }
        assertArrayEquals(new float[] {1, 2, 3, 4}, read(out.toByteArray(), null).data());
    }

    @Test
    void truncatedFileSaysHowManyBytesAreMissing() throws IOException {
        byte[] b = npy(new int[] {2, 3, 2}, "<f4", VALUES);
        byte[] cut = Arrays.copyOf(b, b.length - 5);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(cut, null));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("48 data bytes") && e.getMessage().contains("43"), e.getMessage());
        assertTrue(assertThrows(NpyFormatException.class, () -> read(Arrays.copyOf(b, 20), null)).getMessage().contains("header"));
    }

    @Test
    void unsupportedDtypesAreRejectedByName() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeRaw(out, new int[] {2}, "<f8", new byte[16]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(out.toByteArray(), null));
        assertTrue(e.getMessage().contains("'f8'") && e.getMessage().contains("float32"), e.getMessage());
        NpyFormatException v2 = assertThrows(NpyFormatException.class, () -> read(npy(new int[] {12}, "<V2", VALUES), null));
        assertTrue(v2.getMessage().contains("dtype=bfloat16"), v2.getMessage());
        NpyFormatException mismatch = assertThrows(NpyFormatException.class, () -> read(npy(new int[] {12}, "<f4", VALUES), NpyDtype.FLOAT16));
        assertTrue(mismatch.getMessage().contains("manifest says dtype=float16"), mismatch.getMessage());
    }

    @Test
    void nonFiniteValuesAreReportedNotAveraged() throws IOException {
        float[] v = VALUES.clone();
        v[5] = Float.NaN;
        v[7] = Float.POSITIVE_INFINITY;
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(npy(new int[] {12}, "<f4", v), null));
        assertTrue(e.getMessage().contains("2 NaN/Inf") && e.getMessage().contains("index 5"), e.getMessage());
    }

    @Test
    void notNpyAndFortranOrderAndTrailingBytesAreErrors() throws IOException {
        assertThrows(NpyFormatException.class, () -> read("hello world, not numpy".getBytes(StandardCharsets.UTF_8), null));
        byte[] b = npy(new int[] {12}, "<f4", VALUES);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("'fortran_order': False", "'fortran_order': True ");
        assertTrue(assertThrows(NpyFormatException.class, () -> read(s.getBytes(StandardCharsets.ISO_8859_1), null))
                .getMessage().contains("fortran_order"));
        byte[] longer = Arrays.copyOf(b, b.length + 4);
        assertTrue(assertThrows(NpyFormatException.class, () -> read(longer, null)).getMessage().contains("longer"));
    }
}
