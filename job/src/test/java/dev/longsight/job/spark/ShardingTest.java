package dev.longsight.job.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void longestUnitsComeFirstSoTheLongestTasksStartFirst() {
        List<WorkUnit> units = new ArrayList<>();
        for (int i = 0; i < 12; i++) units.add(unit(i, i % 3 == 0 ? 8192 : 1024));
        List<WorkUnit> ordered = Sharding.longestFirst(units);
        assertEquals(List.of(8192, 8192, 8192, 8192), ordered.subList(0, 4).stream().map(WorkUnit::length).toList());
        assertEquals(List.of("u0", "u3", "u6", "u9"), ordered.subList(0, 4).stream().map(WorkUnit::unitId).toList());
    }

    @Test
    void tasksHoldATenthOfTheRunPerSlotAndAtLeastTwoUnits() {
        assertEquals(40, Sharding.tasks(1000, 4)); // batches of 100: 25 units a task
        assertEquals(6, Sharding.tasks(12, 4));    // at least 2 a task
        assertEquals(20, Sharding.tasks(135, 2));  // the sample run: 7 units a task, as its 10 batches of 2 tasks were
        assertEquals(1, Sharding.tasks(1, 4));
        assertEquals(0, Sharding.tasks(0, 4));
    }

    @Test
    void slicesAreWhatParallelizeCutsAndCoverEveryUnitOnce() {
        List<WorkUnit> units = IntStream.range(0, 23).mapToObj(i -> unit(i, 1024)).toList();
        int tasks = 7;
        List<WorkUnit> all = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            List<WorkUnit> s = Sharding.slice(units, tasks, i);
            assertTrue(s.size() == 3 || s.size() == 4, "slice " + i + ": " + s.size());
            all.addAll(s);
        }
        assertEquals(units, all);
    }
}
