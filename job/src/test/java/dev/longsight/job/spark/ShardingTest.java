package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.longsight.job.unit.WorkUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardingTest {
    static WorkUnit unit(int i, int length) {
        return new WorkUnit("u" + i, "passkey", "full", length, 0.5, 0, 1, "d", new int[0], new int[0], 0, "1", new int[0], new int[0]);
    }

    @Test
    void contiguousSlicesGetEqualShareOfEachLength() {
        List<WorkUnit> units = new ArrayList<>();
        for (int i = 0; i < 12; i++) units.add(unit(i, i < 6 ? 1024 : 8192));
        List<WorkUnit> ordered = Sharding.balanced(units, 3);
        assertEquals(12, ordered.size());
        for (int s = 0; s < 3; s++) {
            long cost = ordered.subList(4 * s, 4 * s + 4).stream().mapToLong(WorkUnit::length).sum();
            assertEquals((6 * 1024 + 6 * 8192) / 3, cost, "slice " + s);
        }
    }

    @Test
    void batchesAreATenthOfTheRunAndAtLeastTwoUnitsPerSlot() {
        List<WorkUnit> units = IntStream.range(0, 1000).mapToObj(i -> unit(i, 1024)).toList();
        assertEquals(10, Sharding.batches(units, 4).size());
        assertEquals(List.of(8, 4), Sharding.batches(units.subList(0, 12), 4).stream().map(List::size).toList());
        assertEquals(List.of(), Sharding.batches(List.of(), 4));
    }
}
