package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longsight.job.unit.ModelShape;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class TaskBindingTest {
    static final ModelShape CONFIGURED = new ModelShape(3, 2, 1, 64, 64, 1024, "auto");

    @Test
    void aTaskUsesTheGpuSparkAssignedIt() {
        assertEquals("gpu:2", TaskBinding.bind(CONFIGURED, Map.of("gpu", new ResourceInformation("gpu", new String[] {"2"}))).device());
    }

    @Test
    void withoutSparkManagedGpusTheConfiguredDeviceIsUsed() {
        assertEquals(CONFIGURED, TaskBinding.bind(CONFIGURED, Map.of()));
        assertEquals(CONFIGURED, TaskBinding.bind(CONFIGURED, Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
    }

    @Test
    void localMastersGetTheirRetryCount() {
        assertEquals("local[*,4]", SparkSessions.withRetries("local[*]", 4));
        assertEquals("local[2,3]", SparkSessions.withRetries("local[2]", 3));
        assertEquals("local[1,4]", SparkSessions.withRetries("local", 4));
        assertEquals("local[2,1]", SparkSessions.withRetries("local[2,1]", 4));
        assertEquals("yarn", SparkSessions.withRetries("yarn", 4));
    }
}
