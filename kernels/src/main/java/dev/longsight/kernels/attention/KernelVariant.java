package dev.longsight.kernels.attention;

import java.util.function.Supplier;

/** The prefill kernel variants: one table, dispatched in one place ({@link PrefillLauncher}). */
public enum KernelVariant {
    /** One query row per work-item, Aparapi-translated Java (the design notes' first kernel). */
    NAIVE("naive", SparsePrefillKernel::new),
    /** Register-tiled FlashAttention-2 style kernel, project-supplied OpenCL C on OpenCL devices. */
    TILED("tiled", TiledPrefillKernel::new);

    private final String id;
    private final Supplier<PrefillKernel> factory;

    KernelVariant(String id, Supplier<PrefillKernel> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() { return id; }

    PrefillKernel create() { return factory.get(); }

    public static KernelVariant parse(String s) {
        for (KernelVariant v : values()) if (v.id.equalsIgnoreCase(s == null ? "" : s.trim())) return v;
        throw new IllegalArgumentException("kernel variant '" + s + "' is not one of naive, tiled");
    }
}
