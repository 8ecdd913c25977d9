package dev.longsight.job.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.io.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captured Q/K/V through the Hadoop FileSystem (file: URIs), written by the test itself. */
public class NpySourceTest {
    @TempDir Path dir;

    /** Writes q (n, heads, d) and k, v (n, kvHeads, d) with value = flat index, in the given descr, plus a manifest. */
    public static String write(Path dir, String descr, int n, int heads, int kvHeads, int d, String extra) throws IOException {
        write(dir.resolve("q.npy"), new int[] {n, heads, d}, descr);
        write(dir.resolve("k.npy"), new int[] {n, kvHeads, d}, descr);
        write(dir.resolve("v.npy"), new int[] {n, kvHeads, d}, descr);
        Path m = dir.resolve("qkv.properties");
        Files.writeString(m, "q=q.npy\nk=k.npy\nv=v.npy\nlayout=nhd\nheads=" + heads + "\nkv_heads=" + kvHeads + "\n" + extra);
        return m.toUri().toString();
    }

    static void write(Path p, int[] shape, String descr) throws IOException {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (i % 97) / 16f; // exact in float16 and bfloat16
        try (OutputStream out = Files.newOutputStream(p)) {
            Npy.write(out, shape, descr, v);
        }
    }

    @Test
    void loadsEveryDtypeAndSlicesHeads() throws IOException {
        for (String[] t : new String[][] {{"<f4", ""}, {"<f2", "dtype=float16\n"}, {"<V2", "dtype=bfloat16\n"}, {"<u2", "dtype=bfloat16\n"}}) {
            String uri = write(dir, t[0], 10, 4, 2, 8, t[1]);
            NpySource s = NpySource.load(uri, new Configuration());
            assertEquals(4, s.heads());
            assertEquals(2, s.kvHeads());
            assertEquals(8, s.headDim());
            assertEquals(10, s.maxLength());
            float[] q3 = s.q(3, 2); // head 3, tokens 0..1: nhd flat index (t*4 + 3)*8 + c
            for (int tok = 0; tok < 2; tok++) {
                for (int c = 0; c < 8; c++) assertEquals((((tok * 4 + 3) * 8 + c) % 97) / 16f, q3[tok * 8 + c], t[0]);
            }
        }
    }

    @Test
    void truncatedWrongDtypeMismatchedHeadsAndMissingFilesAreOneLineErrors() throws IOException {
        String uri = write(dir, "<f4", 10, 4, 2, 8, "");
        byte[] k = Files.readAllBytes(dir.resolve("k.npy"));
        Files.write(dir.resolve("k.npy"), Arrays.copyOf(k, k.length - 7));
        assertMessage(uri, "k.npy: truncated");

        uri = write(dir, "<f4", 10, 4, 2, 8, "dtype=bfloat16\n");
        assertMessage(uri, "manifest says dtype=bfloat16");

        try (OutputStream out = Files.newOutputStream(dir.resolve("v.npy"))) {
            Npy.writeRaw(out, new int[] {10, 2, 8}, "<i4", new byte[10 * 2 * 8 * 4]);
        }
        Files.writeString(dir.resolve("qkv.properties"), "q=q.npy\nk=k.npy\nv=v.npy\nlayout=nhd\nheads=4\nkv_heads=2\n");
        assertMessage(uri, "v.npy: dtype 'i4' is not supported");

        uri = write(dir, "<f4", 10, 4, 2, 8, "");
        Files.writeString(dir.resolve("qkv.properties"), "q=q.npy\nk=k.npy\nv=v.npy\nlayout=nhd\nheads=4\nkv_heads=4\n");
        assertMessage(uri, "kv_heads=4");

        Files.writeString(dir.resolve("qkv.properties"), "q=q.npy\nk=nope.npy\nv=v.npy\nlayout=nhd\nheads=4\nkv_heads=2\n");
        assertMessage(uri, "nope.npy: no such file");
    }

    static void assertMessage(String uri, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> NpySource.load(uri, new Configuration()));
        assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), e.getMessage());
    }
}
