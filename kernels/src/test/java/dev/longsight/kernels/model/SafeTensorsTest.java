package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir Path dir;

    private static float[] randomFloats(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
        v[0] = 0f;
        v[1] = -0f;
        v[2] = Float.MIN_NORMAL;
        return v;
    }

    @Test
    void roundTripsEveryDtypeBitForBit() throws Exception {
        float[] f32 = randomFloats(1, 3 * 5 * 7);
        float[] bf16 = randomFloats(2, 600_000); // more than one read chunk
        float[] f16 = randomFloats(3, 11);
        for (int i = 0; i < bf16.length; i++) bf16[i] = SafeTensorsWriter.rounded(bf16[i], Dtype.BF16);
        for (int i = 0; i < f16.length; i++) f16[i] = SafeTensorsWriter.rounded(f16[i], Dtype.F16);
        Path file = dir.resolve("t.safetensors");
        try (var out = Files.newOutputStream(file)) {
            new SafeTensorsWriter().put("a.f32", Dtype.F32, f32, 3, 5, 7).put("b.bf16", Dtype.BF16, bf16, 600, 1000)
                    .put("c.f16", Dtype.F16, f16, 11).write(out);
        }
        try (SafeTensors st = SafeTensors.open(Files.newByteChannel(file), file.toString())) {
            assertEquals(Set.of("a.f32", "b.bf16", "c.f16"), st.names());
            assertArrayEquals(new int[] {600, 1000}, st.entry("b.bf16").shape());
            assertEquals(Dtype.BF16, st.entry("b.bf16").dtype());
            // Read out of file order: every read seeks to its own offsets.
            assertArrayEquals(f16, st.read("c.f16"));
            assertArrayEquals(f32, st.read("a.f32"));
            assertArrayEquals(bf16, st.read("b.bf16"));
        }
    }

    /** A file as the Python safetensors library lays it out, with __metadata__ and hand-encoded values. */
    @Test
    void readsAHandBuiltFileWithMetadata() throws Exception {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0x3f80).putShort((short) 0xc000).putShort((short) 0x3f00).putShort((short) 0x0000); // 1, -2, 0.5, 0
        b.putFloat(3.25f);
        Path file = dir.resolve("h.safetensors");
        Files.write(file, b.array());
        try (SafeTensors st = SafeTensors.open(Files.newByteChannel(file), "h.safetensors")) {
            assertEquals(Set.of("w", "s"), st.names());
            assertArrayEquals(new float[] {1f, -2f, 0.5f, 0f}, st.read("w"));
            assertArrayEquals(new float[] {3.25f}, st.read("s"));
        }
    }

    private Path raw(String header, int dataBytes) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private String failure(Path file, String tensor) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            try (SafeTensors st = SafeTensors.open(Files.newByteChannel(file), file.toString())) {
                st.read(tensor);
            }
        });
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badFilesAreOneLineNamingTheFileAndTensor() throws Exception {
        String dtype = failure(raw("{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16), "ids");
        assertTrue(dtype.contains("tensor 'ids' has dtype I64; expected BF16, F16 or F32"), dtype);
        String offsets = failure(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8), "w");
        assertTrue(offsets.contains("tensor 'w' has data_offsets [0, 16] outside the file's 8 data bytes"), offsets);
        String size = failure(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "w");
        assertTrue(size.contains("tensor 'w' has 8 bytes; expected 12"), size);
        String notJson = failure(raw("{\"w\": nope}", 0), "w");
        assertTrue(notJson.contains("header that is not JSON"), notJson);
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertTrue(failure(tiny, "w").contains("is 3 bytes long"));
        Path huge = dir.resolve("huge.safetensors");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        Files.write(huge, b.toByteArray());
        assertTrue(failure(huge, "w").contains("expected a safetensors file"));
        String absent = failure(raw("{}", 0), "w");
        assertTrue(absent.contains("has no tensor 'w'"), absent);
    }
}
