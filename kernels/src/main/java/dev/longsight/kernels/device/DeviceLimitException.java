package dev.longsight.kernels.device;

/**
 * A launch would bind an array larger than the device can take through Aparapi ({@link ArrayLimit});
 * refused before Aparapi tries, so the device stays usable for the next launch.
 */
public final class DeviceLimitException extends RuntimeException {
    public DeviceLimitException(String message) { super(message); }
}
