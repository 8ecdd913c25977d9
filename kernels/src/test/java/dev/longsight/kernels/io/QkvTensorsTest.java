package dev.longsight.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QkvTensorsTest {
    static QkvManifest manifest(String text) throws IOException {
        return QkvManifest.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.properties");
    }

    static NpyArray arr(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return new NpyArray(shape, NpyDtype.FLOAT32, d);
    }

    @Test
    void nhdIsTransposedToHeadsFirst() throws IOException {
        QkvManifest m = manifest("q=q.npy\nk=k.npy\nv=v.npy\nlayout=nhd\nheads=2\nkv_heads=1\n");
        QkvTensors t = QkvTensors.of(m, arr(3, 2, 2), arr(3, 1, 2), arr(3, 1, 2));
        assertEquals(3, t.seqLen());
        assertEquals(2, t.headDim());
        // q[n][h][d] = (n*2 + h)*2 + d; head 1 in (h, n, d) order: n = 0..2 -> 2,3, 6,7, 10,11
        assertArrayEquals(new float[] {0, 1, 4, 5, 8, 9, 2, 3, 6, 7, 10, 11}, t.q());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.k());
    }

    @Test
    void mismatchedHeadsLengthsAndAxesAreNamed() throws IOException {
        QkvManifest m = manifest("q=q.npy\nk=k.npy\nv=v.npy\nlayout=hnd\nheads=4\nkv_heads=2\n");
        String heads = assertThrows(NpyFormatException.class, () -> QkvTensors.of(m, arr(4, 8, 4), arr(4, 8, 4), arr(2, 8, 4))).getMessage();
        assertTrue(heads.contains("k:") && heads.contains("kv_heads=2"), heads);
        String len = assertThrows(NpyFormatException.class, () -> QkvTensors.of(m, arr(4, 8, 4), arr(2, 7, 4), arr(2, 8, 4))).getMessage();
        assertTrue(len.contains("same length"), len);
        String dim = assertThrows(NpyFormatException.class, () -> QkvTensors.of(m, arr(4, 8, 4), arr(2, 8, 4), arr(2, 8, 8))).getMessage();
        assertTrue(dim.contains("head dim"), dim);
        String axes = assertThrows(NpyFormatException.class, () -> QkvTensors.of(m, arr(32, 4), arr(2, 8, 4), arr(2, 8, 4))).getMessage();
        assertTrue(axes.contains("3 axes"), axes);
    }

    @Test
    void badManifestsAreNamed() {
        assertTrue(assertThrows(NpyFormatException.class, () -> manifest("q=a\nk=b\nv=c\nlayout=nhd\nheads=4\nkv_heads=3\n"))
                .getMessage().contains("divide"));
        assertTrue(assertThrows(NpyFormatException.class, () -> manifest("q=a\nk=b\nv=c\nlayout=xyz\nheads=4\nkv_heads=4\n"))
                .getMessage().contains("hnd"));
        assertTrue(assertThrows(NpyFormatException.class, () -> manifest("q=a\nk=b\nlayout=hnd\nheads=4\nkv_heads=4\n"))
                .getMessage().contains("'v'"));
        assertTrue(assertThrows(NpyFormatException.class, () -> manifest("q=a\nk=b\nv=c\nlayout=hnd\nheads=4\nkv_heads=4\ndtype=int8\n"))
                .getMessage().contains("int8"));
        assertTrue(assertThrows(NpyFormatException.class, () -> manifest("q=a\nk=b\nv=c\nlayout=hnd\nheads=4\nkvheads=4\n"))
                .getMessage().contains("kvheads"));
    }
}
