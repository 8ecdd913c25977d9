package dev.longsight.kernels.pattern;

/** A pattern spec that cannot be parsed; the message names the spec and what was expected. */
public final class PatternSpecException extends IllegalArgumentException {
    public PatternSpecException(String message) {
        super(message);
    }
}
