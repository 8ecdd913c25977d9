package dev.longsight.kernels.attention;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the project's OpenCL C (resource files beside a class, e.g. {@code mma_prefill.cl} beside this one) once per file. */
public final class KernelSource {
    private KernelSource() {}

    private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

    /** A resource beside this class (the attention kernel's files). */
    public static String load(String file) { return load(KernelSource.class, file); }

    /** A resource beside {@code anchor}'s class file. */
    public static String load(Class<?> anchor, String file) {
        String path = anchor.getPackageName().replace('.', '/') + "/" + file;
        return LOADED.computeIfAbsent(path, f -> {
            try (InputStream in = anchor.getResourceAsStream(file)) {
                if (in == null) throw new IllegalStateException("OpenCL source " + f + " is missing from the kernels jar");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read OpenCL source " + f, e);
            }
        });
    }
}
