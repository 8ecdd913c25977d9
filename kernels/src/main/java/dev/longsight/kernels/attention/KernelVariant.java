package dev.longsight.kernels.attention;

import com.aparapi.device.Device;

/**
 * The shipped prefill kernel variants: one table, dispatched in one place ({@link PrefillLauncher});
 * {@link TilePolicy} picks one per layout and chooses the tensor-core variants' traits.
 */
public enum KernelVariant {
    /** One query row per work-item, Aparapi-translated Java. */
    NAIVE("naive", Precision.FP32, null),
    /** Register-tiled FlashAttention-2 style kernel, the project's OpenCL C on OpenCL devices. */
    TILED("tiled", Precision.FP32, null),
    /** Tensor-core mma.sync kernel in tf32, 64-row query tiles. */
    MMA_TF32("mma-tf32", Precision.TF32, TilePolicy.mmaTraits(Precision.TF32, 64)),
    /** The same with 128-row query tiles: blocks that are multiples of 128. */
    MMA_TF32_W8("mma-tf32-w8", Precision.TF32, TilePolicy.mmaTraits(Precision.TF32, 128)),
    /** Tensor-core mma.sync kernel in bf16, 64-row query tiles. */
    MMA_BF16("mma-bf16", Precision.BF16, TilePolicy.mmaTraits(Precision.BF16, 64)),
    /** The same with 128-row query tiles: blocks that are multiples of 128. */
    MMA_BF16_W8("mma-bf16-w8", Precision.BF16, TilePolicy.mmaTraits(Precision.BF16, 128));

    private final String id;
    private final Precision precision;
    private final MmaTraits mmaTraits; // null for the fp32 kernels

    KernelVariant(String id, Precision precision, MmaTraits mmaTraits) {
        this.id = id;
        this.precision = precision;
        this.mmaTraits = mmaTraits;
    }

    public String id() { return id; }

    public Precision precision() { return precision; }

    /** The tensor-core variants' traits; refused for the fp32 kernels. */
    public MmaTraits mmaTraits() {
        if (mmaTraits == null) throw new IllegalStateException(id + " is not a tensor-core variant");
        return mmaTraits;
    }

    PrefillKernel create(Device device) {
        return switch (this) {
            case NAIVE -> new NaivePrefillKernel();
            case TILED -> new TiledPrefillKernel();
            default -> MmaPrefillKernel.create(this, MmaPrefillKernel.helpersFor(device));
        };
    }

    public static KernelVariant parse(String s) {
        for (KernelVariant v : values()) if (v.id.equalsIgnoreCase(s == null ? "" : s.trim())) return v;
        throw new IllegalArgumentException("kernel variant '" + s + "' is not one of naive, tiled, mma-tf32, mma-tf32-w8, mma-bf16, mma-bf16-w8");
    }
}
