package dev.longsight.kernels.io;

/** An input tensor file or manifest that cannot be used; the message names the file and what was expected. */
public final class NpyFormatException extends IllegalArgumentException {
    public NpyFormatException(String message) { super(message); }
}
