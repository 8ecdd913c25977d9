package dev.longsight.job.model;

import dev.longsight.job.fs.Filesystems;
import dev.longsight.kernels.model.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint directory on any Hadoop filesystem ({@code file://}, {@code hdfs://}, {@code s3a://}, or a
 * plain local path): the kernels' readers see its files as streams and seekable channels, the
 * safetensors read tensor by tensor with positioned reads.
 */
public final class HadoopModelFiles implements ModelFiles {
    private final Path dir;
    private final FileSystem fs;

    private HadoopModelFiles(Path dir, FileSystem fs) {
        this.dir = dir;
        this.fs = fs;
    }

    /** The directory {@code uri}; a scheme without a filesystem on the classpath is a one-line error. */
    public static HadoopModelFiles of(String uri, Configuration conf) throws IOException {
        Path dir = new Path(uri);
        return new HadoopModelFiles(dir, Filesystems.get(dir, conf, "model '" + uri + "'"));
    }

    @Override
    public boolean exists(String name) throws IOException {
        Path p = new Path(dir, name);
        return fs.exists(p) && fs.getFileStatus(p).isFile();
    }

    @Override
    public InputStream open(String name) throws IOException { return fs.open(existing(name)); }

    @Override
    public SeekableByteChannel channel(String name) throws IOException {
        Path p = existing(name);
        return new Channel(fs.open(p), fs.getFileStatus(p).getLen());
    }

    @Override
    public String describe(String name) { return new Path(dir, name).toString(); }

    @Override
    public String describe() { return dir.toString(); }

    /** The directory's last name ("TinyLlama-1.1B" for hdfs://nn/models/TinyLlama-1.1B/). */
    public String dirName() { return dir.getName(); }

    private Path existing(String name) throws IOException {
        Path p = new Path(dir, name);
        if (!exists(name)) throw new NoSuchFileException(p.toString());
        return p;
    }

    /** A read-only channel over a Hadoop stream; reads are positioned, so the stream's own offset never matters. */
    private static final class Channel implements SeekableByteChannel {
        private final FSDataInputStream in;
        private final long size;
        private long position;
        private boolean open = true;

        Channel(FSDataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!open) throw new ClosedChannelException();
            if (position >= size) return -1;
            int want = (int) Math.min(dst.remaining(), size - position);
            byte[] buf = new byte[want];
            int n = in.read(position, buf, 0, want);
            if (n <= 0) return -1;
            dst.put(buf, 0, n);
            position += n;
            return n;
        }

        @Override public int write(ByteBuffer src) { throw new NonWritableChannelException(); }

        @Override public long position() { return position; }

        @Override
        public SeekableByteChannel position(long p) {
            if (p < 0) throw new IllegalArgumentException("position " + p + " < 0");
            position = p;
            return this;
        }

        @Override public long size() { return size; }

        @Override public SeekableByteChannel truncate(long s) { throw new NonWritableChannelException(); }

        @Override public boolean isOpen() { return open; }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }
}
