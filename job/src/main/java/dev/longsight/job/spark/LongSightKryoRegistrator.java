package dev.longsight.job.spark;

import com.esotericsoftware.kryo.Kryo;
import dev.longsight.job.config.FaultPlan;
import dev.longsight.job.model.ModelShape;
import dev.longsight.job.model.UnitResult;
import dev.longsight.job.model.WorkUnit;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class of ours that crosses the wire, so that the job runs with
 * {@code spark.kryo.registrationRequired=true} (an unregistered class is an error, not a slow path).
 * Spark's own classes are listed by name: some are private to Spark.
 */
public final class LongSightKryoRegistrator implements KryoRegistrator {
    /** Spark classes that our jobs ship and Spark does not register itself (found by running with registration required). */
    static final String[] SPARK_CLASSES = {
            "org.apache.spark.sql.execution.datasources.WriteTaskResult",
            "org.apache.spark.sql.execution.datasources.ExecutedWriteSummary",
            "org.apache.spark.sql.execution.datasources.BasicWriteTaskStats",
            "org.apache.spark.internal.io.FileCommitProtocol$TaskCommitMessage",
            "org.apache.spark.sql.catalyst.InternalRow[]",
            "org.apache.spark.sql.catalyst.expressions.UnsafeRow",
            "org.apache.spark.sql.catalyst.expressions.GenericInternalRow",
    };

    /** Our records that cross the wire: units out, results back, the shape and fault plan in closures. */
    static final List<Class<? extends Record>> RECORDS = List.of(WorkUnit.class, UnitResult.class, ModelShape.class, FaultPlan.class);

    private static <T extends Record> void registerRecord(Kryo kryo, Class<T> type) {
        kryo.register(type, new RecordSerializer<>(type));
    }

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<? extends Record> r : RECORDS) registerRecord(kryo, r);
        // Boxed component values of records, and the arrays our records and results are shipped in.
        for (Class<?> c : new Class<?>[] {WorkUnit[].class, UnitResult[].class, int[].class, double[].class, float[].class,
                String[].class, Object[].class, java.util.ArrayList.class}) {
            kryo.register(c);
        }
        for (String name : SPARK_CLASSES) {
            try {
                kryo.register(name.endsWith("[]") ? Class.forName("[L" + name.substring(0, name.length() - 2) + ";")
                        : Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Kryo registration: class " + name + " not found in this Spark version", e);
            }
        }
    }
}
