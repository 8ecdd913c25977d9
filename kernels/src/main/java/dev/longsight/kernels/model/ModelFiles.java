package dev.longsight.kernels.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The files of one checkpoint directory, by name ({@code config.json}, {@code model.safetensors}, ...).
 * Kept to streams and seekable channels so that the job can serve a directory on any Hadoop
 * filesystem through the same readers; {@link #local} serves a local directory through NIO.
 */
public interface ModelFiles {
    /** Whether the directory holds a file of this name. */
    boolean exists(String name) throws IOException;

    /** The whole file, read from its start. */
    InputStream open(String name) throws IOException;

    /** The file for random access: safetensors are read tensor by tensor at their offsets. */
    SeekableByteChannel channel(String name) throws IOException;

    /** The file's full name as the user should see it in messages. */
    String describe(String name);

    /** The directory as the user should see it in messages. */
    String describe();

    /** A local directory. */
    static ModelFiles local(Path dir) {
        return new ModelFiles() {
            @Override public boolean exists(String name) { return Files.isRegularFile(dir.resolve(name)); }

            @Override public InputStream open(String name) throws IOException { return Files.newInputStream(existing(name)); }

            @Override public SeekableByteChannel channel(String name) throws IOException {
                return Files.newByteChannel(existing(name), StandardOpenOption.READ);
            }

            @Override public String describe(String name) { return dir.resolve(name).toString(); }

            @Override public String describe() { return dir.toString(); }

            private Path existing(String name) throws IOException {
                Path p = dir.resolve(name);
                if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString());
                return p;
            }
        };
    }
}
