package dev.longsight.kernels.io;

/**
 * The element types LongSight reads from .npy files, and how each is spelled in a header's
 * {@code descr}. bfloat16 has no NumPy descr of its own: ml_dtypes arrays are saved as 2-byte
 * void ({@code <V2} or {@code |V2}), and tools that avoid ml_dtypes save the raw bits as
 * {@code <u2}; both are read as bfloat16 only when the manifest says {@code dtype=bfloat16}.
 */
public enum NpyDtype {
    FLOAT32(4), FLOAT16(2), BFLOAT16(2);

    private final int bytes;

    NpyDtype(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    /** The manifest's name: float32, float16 or bfloat16. */
    public String manifestName() { return name().toLowerCase(); }

    public static NpyDtype fromManifest(String name, String source) {
        for (NpyDtype t : values()) if (t.manifestName().equals(name.trim().toLowerCase())) return t;
        throw new NpyFormatException(source + ": dtype '" + name + "' is not one of float32, float16, bfloat16");
    }

    /**
     * The dtype a header's descr (byte-order char stripped) stands for, given what the manifest
     * declared (null = undeclared). A 2-byte void or uint16 is bfloat16 only if declared so.
     */
    static NpyDtype fromDescr(String typeCode, NpyDtype declared, String source) {
        NpyDtype t = switch (typeCode) {
            case "f4" -> FLOAT32;
            case "f2" -> FLOAT16;
            case "V2", "u2" -> declared == BFLOAT16 ? BFLOAT16 : null;
            default -> null;
        };
        if (t == null) {
            String hint = typeCode.equals("V2") || typeCode.equals("u2")
                    ? " (2-byte void/uint16 is read as bfloat16 only with dtype=bfloat16 in the manifest)" : "";
            throw new NpyFormatException(source + ": dtype '" + typeCode + "' is not supported; expected float32 (<f4), "
                    + "float16 (<f2) or bfloat16 (<V2, |V2 or <u2 with dtype=bfloat16)" + hint);
        }
        if (declared != null && declared != t) {
            throw new NpyFormatException(source + ": the manifest says dtype=" + declared.manifestName()
                    + " but the file holds " + t.manifestName() + " ('" + typeCode + "')");
        }
        return t;
    }
}
