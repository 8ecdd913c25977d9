package dev.longsight.job.fidelity;

import dev.longsight.job.fs.Filesystems;
import dev.longsight.kernels.io.Npy;
import dev.longsight.kernels.io.NpyArray;
import dev.longsight.kernels.io.NpyFormatException;
import dev.longsight.kernels.io.QkvManifest;
import dev.longsight.kernels.io.QkvTensors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Captured Q/K/V: a manifest ({@link QkvManifest}) and three .npy files on any Hadoop filesystem
 * (file://, hdfs://, s3a://, ...; a bare path is the local filesystem). File names in the manifest
 * are resolved against the manifest's directory unless they are absolute URIs.
 */
public final class NpySource implements QkvSource {
    private final String uri;
    private final QkvTensors t;

    private NpySource(String uri, QkvTensors t) {
        this.uri = uri;
        this.t = t;
    }

    public static NpySource load(String manifestUri, Configuration conf) {
        Path manifestPath = new Path(manifestUri);
        try {
            QkvManifest m;
            try (InputStream in = open(manifestPath, conf)) {
                m = QkvManifest.parse(in, manifestUri);
            }
            NpyArray q = read(manifestPath, m.q(), m, conf);
            NpyArray k = read(manifestPath, m.k(), m, conf);
            NpyArray v = read(manifestPath, m.v(), m, conf);
            return new NpySource(manifestUri, QkvTensors.of(m, q, k, v));
        } catch (IOException e) {
            throw new IllegalArgumentException("source 'npy:" + manifestUri + "': cannot read: " + e.getMessage());
        }
    }

    private static NpyArray read(Path manifest, String file, QkvManifest m, Configuration conf) throws IOException {
        Path p = URI.create(file.replace(" ", "%20")).isAbsolute() || file.startsWith("/") ? new Path(file) : new Path(manifest.getParent(), file);
        try (InputStream in = open(p, conf)) {
            return Npy.read(in, m.dtype(), p.toString());
        }
    }

    private static InputStream open(Path p, Configuration conf) throws IOException {
        FileSystem fs = Filesystems.get(p, conf, "source 'npy:" + p + "'");
        if (!fs.exists(p)) throw new NpyFormatException(p + ": no such file");
        return fs.open(p);
    }

    public QkvTensors tensors() { return t; }

    @Override public String describe() { return "npy(" + uri + ")"; }
    @Override public int heads() { return t.heads(); }
    @Override public int kvHeads() { return t.kvHeads(); }
    @Override public int headDim() { return t.headDim(); }
    @Override public int maxLength() { return t.seqLen(); }
    @Override public float[] q(int head, int n) { return slice(t.q(), head, n); }
    @Override public float[] k(int kvHead, int n) { return slice(t.k(), kvHead, n); }
    @Override public float[] v(int kvHead, int n) { return slice(t.v(), kvHead, n); }

    private float[] slice(float[] a, int head, int n) { // a: (heads, seqLen, headDim)
        int from = head * t.seqLen() * t.headDim();
        return Arrays.copyOfRange(a, from, from + n * t.headDim());
    }
}
