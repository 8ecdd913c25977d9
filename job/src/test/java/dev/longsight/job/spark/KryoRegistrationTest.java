package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.job.unit.UnitResult;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.output.SummaryFormatsTest;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Our records through Spark's Kryo with registration required: every field survives, arrays included. */
class KryoRegistrationTest {
    static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", LongSightKryoRegistrator.class.getName())
            .set("spark.kryo.registrationRequired", "true")).newInstance();

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        ByteBuffer bytes = KRYO.serialize(value, ClassTag$.MODULE$.AnyRef());
        return (T) KRYO.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
    }

    @Test
    void recordsRoundTrip() {
        UnitResult r = SummaryFormatsTest.RESULTS.get(4);
        assertEquals(r, roundTrip(r));
        ModelShape s = new ModelShape(3, 2, 1, 64, 64, 1024, "gpu:1");
        assertEquals(s, roundTrip(s));
        ModelShape bf16 = new ModelShape(3, 2, 1, 64, 64, 1024, "gpu:1", Precision.BF16);
        assertEquals(bf16, roundTrip(bf16));
        WorkUnit u = new WorkUnit("id", "passkey", "power:window=5,sink=1", 4, 0.5, 1, 42, "doc", new int[] {1, 2, 3, 4},
                new int[] {1}, 3, "7", new int[] {2}, new int[] {3});
        WorkUnit back = roundTrip(u);
        assertEquals(u.unitId(), back.unitId());
        assertArrayEquals(u.tokens(), back.tokens());
        assertArrayEquals(u.readoutPositions(), back.readoutPositions());
        UnitResult[] batch = roundTrip(new UnitResult[] {r, r});
        assertEquals(2, batch.length);
    }
}
