package dev.longsight.job.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.workload.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrateTest {
    @Test
    void printsOneCsvRowPerTaskLengthAndPattern() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        SweepSpec sweep = new SweepSpec(List.of("passkey"), List.of(256, 320), List.of(0.0, 1.0), 1,
                List.of("full", "sliding:window=1,sink=0"), 42);
        ModelShape shape = new ModelShape(1, 2, 1, 64, 32, 64, "auto");
        int rc = Calibrate.run(sweep, shape, Path.of("../sample-data/corpus"), new PrintStream(buf, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, log.toString(StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals("task,length,pattern,units,accuracy,rf_accuracy,mean_score,kernel_ms_per_unit,device", lines[0]);
        assertEquals(5, lines.length, String.join("\n", lines));
        assertTrue(lines[1].startsWith("passkey,256,full,2,1.0000,1.0000,1.0000,"), lines[1]);
        // A one-block window in one layer reaches only the needle at depth 1 (in the question's block).
        assertTrue(lines[2].startsWith("passkey,256,\"sliding:window=1,sink=0\",2,0.5000,0.5000,"), lines[2]);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("8 units (0 failed)"), log.toString(StandardCharsets.UTF_8));
    }
}
