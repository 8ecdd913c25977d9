package dev.longsight.job.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CalibrateTest {
    @Test
    void printsOneCsvRowPerTaskLengthAndPattern() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = Calibrate.run(new String[] {"tasks=passkey", "lengths=256,320", "depths=0,1", "patterns=full;sliding:window=1,sink=0",
                    "layers=1", "block=32", "chunk=64", "device=auto"});
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc);
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals("task,length,pattern,units,accuracy,rf_accuracy,mean_score,kernel_ms_per_unit,device", lines[0]);
        assertEquals(5, lines.length, String.join("\n", lines));
        assertTrue(lines[1].startsWith("passkey,256,full,2,1.0000,1.0000,1.0000,"), lines[1]);
        // A one-block window in one layer reaches only the needle at depth 1 (in the question's block).
        assertTrue(lines[2].startsWith("passkey,256,\"sliding:window=1,sink=0\",2,0.5000,0.5000,"), lines[2]);
    }

    @Test
    void badArgumentsNameTheKey() {
        String m = assertThrows(IllegalArgumentException.class, () -> Calibrate.run(new String[] {"lenghts=5"})).getMessage();
        assertTrue(m.startsWith("argument 'lenghts=5': expected key=value with key one of [tasks, lengths"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Calibrate.run(new String[] {"layers=three"})).getMessage();
        assertEquals("argument 'layers': expected an integer, got 'three'", m);
        m = assertThrows(IllegalArgumentException.class, () -> Calibrate.run(new String[] {"block=64", "chunk=100"})).getMessage();
        assertEquals("argument 'chunk': expected a multiple of block (64), got 100", m);
        m = assertThrows(IllegalArgumentException.class, () -> Calibrate.run(new String[] {"depths=0.5,2"})).getMessage();
        assertEquals("argument 'depths': expected needle depths in [0, 1], got 2.0", m);
    }
}
