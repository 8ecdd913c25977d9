package dev.longsight.job.model;

import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.model.ModelForwards;
import dev.longsight.kernels.model.ModelTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Executor-side cache of opened models, keyed by URI and device: the weights are read once per JVM
 * and every task of the executor reuses them (the forward is shared between task threads: see
 * {@link ModelForwards#open}). No Spark types.
 */
public final class ModelPool {
    /** A loaded model: its forward and its tokenizer (to show what the model predicted). */
    public record Loaded(ModelForwards.Forward forward, ModelTokenizer tokenizer) {}

    private record Key(String uri, String device, int chunkRows, int blockSize) {}

    private static final Map<Key, Loaded> OPEN = new ConcurrentHashMap<>();
    private static volatile int loaded;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ModelPool::closeAll, "longsight-model-pool-close"));
    }

    private ModelPool() {}

    /**
     * The model at {@code uri} on {@code device} (a device forward with chunks of {@code chunkRows} and
     * layouts of {@code blockSize}), loaded on first use in this JVM; {@code conf} is asked for only then.
     */
    public static Loaded get(String uri, String device, int chunkRows, int blockSize, Supplier<Configuration> conf) {
        return OPEN.computeIfAbsent(new Key(uri, device, chunkRows, blockSize), k -> {
            try {
                HadoopModelFiles files = HadoopModelFiles.of(uri, conf.get());
                ModelForwards.Forward f = ModelForwards.open(files, DeviceSpec.parse(device), chunkRows, blockSize);
                synchronized (ModelPool.class) {
                    loaded++;
                }
                return new Loaded(f, ModelTokenizer.open(files));
            } catch (IOException e) {
                throw new UncheckedIOException("model '" + uri + "': " + e.getMessage(), e);
            }
        });
    }

    /** Models loaded in this JVM so far (tests check reuse with it). */
    public static int loaded() { return loaded; }

    static void closeAll() {
        for (Loaded l : OPEN.values()) {
            try {
                l.forward().lm().close();
                l.tokenizer().close();
            } catch (RuntimeException ignored) {
                // closing at exit must not hide anything else
            }
        }
        OPEN.clear();
    }
}
