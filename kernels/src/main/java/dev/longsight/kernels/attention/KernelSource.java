package dev.longsight.kernels.attention;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the project's OpenCL C (resource files beside this class, e.g. {@code mma_prefill.cl}) once per file. */
public final class KernelSource {
    private KernelSource() {}

    private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

    /** A file beside this class, or any resource by its absolute name ({@code /dev/...}). */
    public static String load(String file) {
        return LOADED.computeIfAbsent(file, f -> {
            try (InputStream in = KernelSource.class.getResourceAsStream(f)) {
                if (in == null) throw new IllegalStateException("OpenCL source " + f + " is missing from the kernels jar");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read OpenCL source " + f, e);
            }
        });
    }
}
