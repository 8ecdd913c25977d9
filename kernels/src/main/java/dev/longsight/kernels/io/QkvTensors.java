package dev.longsight.kernels.io;

/**
 * Q, K, V of one sequence in the kernels' order: q (heads, seqLen, headDim), k and v
 * (kvHeads, seqLen, headDim), row-major. Built from three .npy arrays and their manifest, checking
 * that the shapes agree with each other and with the manifest's heads.
 */
public record QkvTensors(int heads, int kvHeads, int seqLen, int headDim, float[] q, float[] k, float[] v) {

    public static QkvTensors of(QkvManifest m, NpyArray q, NpyArray k, NpyArray v) {
        int[] qs = axes(m, "q", q, m.heads());
        int[] ks = axes(m, "k", k, m.kvHeads());
        int[] vs = axes(m, "v", v, m.kvHeads());
        if (ks[1] != qs[1] || vs[1] != qs[1]) {
            throw new NpyFormatException("q, k and v must have the same length n: got " + qs[1] + ", " + ks[1] + ", " + vs[1]);
        }
        if (ks[2] != qs[2] || vs[2] != qs[2]) {
            throw new NpyFormatException("q, k and v must have the same head dim d: got " + qs[2] + ", " + ks[2] + ", " + vs[2]);
        }
        return new QkvTensors(m.heads(), m.kvHeads(), qs[1], qs[2], toHnd(m, q.data(), qs), toHnd(m, k.data(), ks), toHnd(m, v.data(), vs));
    }

    /** (heads, n, d) of one array, checked against the manifest. */
    private static int[] axes(QkvManifest m, String name, NpyArray a, int expectHeads) {
        int[] s = a.shape();
        String layout = m.layout() == QkvManifest.Layout.HND ? "[heads, n, d]" : "[n, heads, d]";
        if (s.length != 3) {
            throw new NpyFormatException(name + ": expected 3 axes " + layout + ", got shape " + Npy.shapeString(s));
        }
        int h = m.layout() == QkvManifest.Layout.HND ? s[0] : s[1];
        int n = m.layout() == QkvManifest.Layout.HND ? s[1] : s[0];
        if (h != expectHeads) {
            throw new NpyFormatException(name + ": shape " + Npy.shapeString(s) + " read as " + layout + " has " + h
                    + " heads, the manifest says " + (name.equals("q") ? "heads=" : "kv_heads=") + expectHeads);
        }
        return new int[] {h, n, s[2]};
    }

    private static float[] toHnd(QkvManifest m, float[] data, int[] hnd) {
        if (m.layout() == QkvManifest.Layout.HND) return data;
        int h = hnd[0], n = hnd[1], d = hnd[2];
        float[] out = new float[data.length]; // (heads, n, d)
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < h; i++) System.arraycopy(data, (t * h + i) * d, out, (i * n + t) * d, d);
        }
        return out;
    }
}
