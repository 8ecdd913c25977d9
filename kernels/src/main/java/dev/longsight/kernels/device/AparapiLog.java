package dev.longsight.kernels.device;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects the warnings Aparapi logs on this thread while it is open. Aparapi reports why a device
 * failed only in its log ("Device failed for ...: OpenCL execution seems to have failed
 * (runKernelJNI returned -4)") and then throws an unrelated error from its fallback, so a launch
 * keeps the log to name the real cause.
 */
final class AparapiLog implements AutoCloseable {
    private final Logger logger = Logger.getLogger(com.aparapi.Config.getLoggerName());
    private final long thread = Thread.currentThread().getId();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            if (r.getLongThreadID() == thread && r.getLevel().intValue() >= Level.WARNING.intValue()) messages.add(format.formatMessage(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private AparapiLog() { logger.addHandler(handler); }

    static AparapiLog open() { return new AparapiLog(); }

    /** The warnings so far, oldest first. */
    List<String> messages() { return List.copyOf(messages); }

    @Override
    public void close() { logger.removeHandler(handler); }
}
