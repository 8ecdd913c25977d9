package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.fidelity.BucketResult;
import dev.longsight.job.fidelity.FidelityResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** Every table LongSight writes spells its columns in snake_case. */
class ColumnsTest {
    @Test
    void camelCaseBecomesSnakeCase() {
        assertEquals("unit_id", Columns.snake("unitId"));
        assertEquals("rel_l2_p99", Columns.snake("relL2P99"));
        assertEquals("num_key_blocks", Columns.snake("numKeyBlocks"));
        assertEquals("dropped_p50", Columns.snake("droppedP50"));
        assertEquals("tflops", Columns.snake("tflops"));
    }

    @Test
    void resultsParquetAndFidelityTablesAreSnakeCase() {
        List<String> names = new ArrayList<>();
        for (StructField f : ResultTable.schema().fields()) names.add(f.name());
        assertEquals("unit_id", names.get(0));
        assertTrue(names.containsAll(List.of("exact_match", "rf_reachable", "kernel_ms", "executor_id")), names.toString());
        for (Class<? extends Record> type : List.of(FidelityResult.class, BucketResult.class)) {
            for (RecordComponent c : type.getRecordComponents()) names.add(Columns.of(c));
        }
        for (String n : names) assertTrue(n.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), n);
    }
}
