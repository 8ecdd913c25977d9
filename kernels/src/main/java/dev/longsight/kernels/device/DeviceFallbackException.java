package dev.longsight.kernels.device;

/** A kernel asked to run on an OpenCL device ran elsewhere (Aparapi fell back): never silent. */
public final class DeviceFallbackException extends RuntimeException {
    public DeviceFallbackException(String message) { super(message); }

    public DeviceFallbackException(String message, Throwable cause) { super(message, cause); }
}
