package dev.longsight.kernels.model;

/**
 * A checkpoint that LongSight cannot read as asked: the message is one line naming the file and the
 * field or tensor, and what was expected. An {@link IllegalArgumentException}, so the CLI reports it as
 * bad input (exit 2).
 */
public final class ModelFormatException extends IllegalArgumentException {
    public ModelFormatException(String message) { super(message); }

    public ModelFormatException(String message, Throwable cause) { super(message, cause); }
}
