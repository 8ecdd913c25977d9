package dev.longsight.kernels.attention;

import com.aparapi.device.Device;
import java.util.function.Function;

/** The prefill kernel variants: one table, dispatched in one place ({@link PrefillLauncher}). */
public enum KernelVariant {
    /** One query row per work-item, Aparapi-translated Java (the design notes' first kernel). */
    NAIVE("naive", Precision.FP32, d -> new SparsePrefillKernel()),
    /** Register-tiled FlashAttention-2 style kernel, project-supplied OpenCL C on OpenCL devices. */
    TILED("tiled", Precision.FP32, d -> new TiledPrefillKernel()),
    /** Tensor-core mma.sync kernel in tf32 (PTX on NVIDIA, portable helpers elsewhere), 64-row query tiles. */
    MMA_TF32("mma-tf32", Precision.TF32, d -> MmaPrefillKernel.create(Precision.TF32, MmaPrefillKernel.helpersFor(d), 4)),
    /** The same with 128-row query tiles (8 warps of 16 rows): blocks that are multiples of 128. */
    MMA_TF32_W8("mma-tf32-w8", Precision.TF32, d -> MmaPrefillKernel.create(Precision.TF32, MmaPrefillKernel.helpersFor(d), 8)),
    /** Tensor-core mma.sync kernel in bf16, 64-row query tiles. */
    MMA_BF16("mma-bf16", Precision.BF16, d -> MmaPrefillKernel.create(Precision.BF16, MmaPrefillKernel.helpersFor(d), 4)),
    /** The same with 128-row query tiles (4 warps of 32 rows; 8 of 16 without "r32"). */
    MMA_BF16_W8("mma-bf16-w8", Precision.BF16, d -> MmaPrefillKernel.create(Precision.BF16, MmaPrefillKernel.helpersFor(d), 8));

    private final String id;
    private final Precision precision;
    private final Function<Device, PrefillKernel> factory;

    KernelVariant(String id, Precision precision, Function<Device, PrefillKernel> factory) {
        this.id = id;
        this.precision = precision;
        this.factory = factory;
    }

    public String id() { return id; }

    public Precision precision() { return precision; }

    PrefillKernel create(Device device) { return factory.apply(device); }

    public static KernelVariant parse(String s) {
        for (KernelVariant v : values()) if (v.id.equalsIgnoreCase(s == null ? "" : s.trim())) return v;
        throw new IllegalArgumentException("kernel variant '" + s + "' is not one of naive, tiled, mma-tf32, mma-tf32-w8, mma-bf16, mma-bf16-w8");
    }
}
