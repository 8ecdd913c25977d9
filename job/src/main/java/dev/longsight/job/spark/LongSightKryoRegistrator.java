package dev.longsight.job.spark;

import com.esotericsoftware.kryo.Kryo;
import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.kernels.attention.Precision;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class of ours that crosses the wire, so that the job runs with
 * {@code spark.kryo.registrationRequired=true} (an unregistered class is an error, not a slow path).
 * Spark registers its own classes; the end-to-end test runs the whole job (Parquet write included)
 * with registration required.
 */
public final class LongSightKryoRegistrator implements KryoRegistrator {
    /** Our records that cross the wire: units out, results back, the shape. */
    static final List<Class<? extends Record>> RECORDS = List.of(WorkUnit.class, UnitResult.class, ModelShape.class,
            dev.longsight.job.model.ModelSource.class);

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<? extends Record> r : RECORDS) registerRecord(kryo, r);
        kryo.register(Precision.class); // ModelShape's component; Kryo's default enum serializer
        // The arrays units and results travel in (a partition's slice, collect's result) and the records' array components.
        for (Class<?> c : new Class<?>[] {WorkUnit[].class, UnitResult[].class, int[].class}) kryo.register(c);
    }

    private static <T extends Record> void registerRecord(Kryo kryo, Class<T> type) {
        kryo.register(type, new RecordSerializer<>(type));
    }
}
