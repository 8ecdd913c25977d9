package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint served by something other than the local filesystem, as the job's Hadoop streams will serve one. */
class InMemoryFilesTest {
    @TempDir Path dir;

    /** Files held as byte arrays, read through channels that are not file channels. */
    private record Bytes(Map<String, byte[]> files) implements ModelFiles {
        @Override public boolean exists(String name) { return files.containsKey(name); }

        @Override public InputStream open(String name) throws IOException { return new ByteArrayInputStream(get(name)); }

        @Override public SeekableByteChannel channel(String name) throws IOException {
            byte[] data = get(name);
            return new SeekableByteChannel() {
                long position;
                boolean open = true;

                @Override public int read(ByteBuffer dst) {
                    if (position >= data.length) return -1;
                    int n = (int) Math.min(Math.min(dst.remaining(), data.length - position), 4096); // short reads, as streams give
                    dst.put(data, (int) position, n);
                    position += n;
                    return n;
                }

                @Override public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }
                @Override public long position() { return position; }
                @Override public SeekableByteChannel position(long p) { position = p; return this; }
                @Override public long size() { return data.length; }
                @Override public SeekableByteChannel truncate(long size) { throw new UnsupportedOperationException(); }
                @Override public boolean isOpen() { return open; }
                @Override public void close() { open = false; }
            };
        }

        @Override public String describe(String name) { return "mem://ckpt/" + name; }

        @Override public String describe() { return "mem://ckpt"; }

        private byte[] get(String name) throws IOException {
            byte[] b = files.get(name);
            if (b == null) throw new NoSuchFileException(describe(name));
            return b;
        }
    }

    @Test
    void aShardedCheckpointReadsTheSameFromAnyFiles() throws Exception {
        RandomCheckpoint.write(dir, RandomCheckpoint.tinyLlama(), Dtype.BF16, 2, 5);
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        int[] tokens = {1, 17, 4, 99, 23, 5};
        double[][] local, memory;
        try (Checkpoint c = Checkpoint.open(ModelFiles.local(dir))) {
            local = new ReferenceLlama(LlamaWeights.load(c)).exactLogits(tokens, new int[] {5}, null);
        }
        try (Checkpoint c = Checkpoint.open(new Bytes(files))) {
            memory = new ReferenceLlama(LlamaWeights.load(c)).exactLogits(tokens, new int[] {5}, null);
        }
        assertArrayEquals(local[0], memory[0], 0);
        try (ModelTokenizer tok = ModelTokenizer.open(new Bytes(files))) {
            assertArrayEquals(new int[] {1, 7}, tok.encode("w7"));
        }
        files.remove("config.json");
        assertEquals("mem://ckpt/config.json: no such file; expected a Hugging Face checkpoint directory",
                org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> Checkpoint.open(new Bytes(files))).getMessage());
    }
}
