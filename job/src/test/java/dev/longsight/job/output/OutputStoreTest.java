package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol on the local filesystem: batches round-trip; damaged or half-written files never count. */
class OutputStoreTest {
    @TempDir Path dir;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    OutputStore open(String fingerprint) {
        return OutputStore.open(new Configuration(), dir.resolve("out").toString(), fingerprint, List.of("cfg"), false, out);
    }

    @Test
    void committedBatchesRoundTripEveryField() {
        OutputStore s = open("fp1");
        s.commitBatch(SummaryFormatsTest.RESULTS.subList(0, 2));
        s.commitBatch(SummaryFormatsTest.RESULTS.subList(2, 6));
        assertEquals(SummaryFormatsTest.RESULTS, open("fp1").committed(out)); // NaN fields included: records compare doubles bitwise
    }

    /** A result type other than a run's unit, with a nested list and a NaN, as a fidelity sweep commits per length. */
    public record Row(int length, List<Double> values, String device) {}

    @Test
    void batchesOfAnyRecordTypeRoundTrip() {
        OutputStore s = open("fp1");
        List<Row> rows = List.of(new Row(64, List.of(0.5, Double.NaN), "JTP"), new Row(128, List.of(), "OpenCL \"x\""));
        s.commitBatch(rows.subList(0, 1));
        s.commitBatch(rows.subList(1, 2));
        assertEquals(rows, open("fp1").committed(out, Row.class));
    }

    @Test
    void truncatedBatchesAndTemporariesAreIgnoredAndRemoved() throws Exception {
        OutputStore s = open("fp1");
        s.commitBatch(SummaryFormatsTest.RESULTS.subList(0, 2));
        Path batches = dir.resolve("out/_longsight/batches");
        String full = Files.readString(batches.resolve("batch-00000.jsonl"));
        Files.writeString(batches.resolve("batch-00001.jsonl"), full.substring(0, full.lastIndexOf('\n', full.length() - 2) + 1));
        Files.writeString(batches.resolve(".tmp-123"), full);
        List<?> committed = open("fp1").committed(out);
        assertEquals(2, committed.size());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("ignoring damaged batch batch-00001.jsonl (header says 2 units, file has 1)"));
        assertFalse(Files.exists(batches.resolve("batch-00001.jsonl")));
        assertFalse(Files.exists(batches.resolve(".tmp-123")));
    }

    @Test
    void anotherConfigIsRefusedOnlyOnceResultsAreCommitted() {
        open("fp1");
        open("fp2"); // a run that failed before committing anything leaves nothing to protect
        open("fp2").commitBatch(SummaryFormatsTest.RESULTS.subList(0, 1));
        String e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> open("fp3")).getMessage();
        assertTrue(e.contains("holds results of a different configuration (fingerprint fp2, this run fp3); pass --overwrite"), e);
        OutputStore replaced = OutputStore.open(new Configuration(), dir.resolve("out").toString(), "fp3", List.of(), true, out);
        assertEquals(List.of(), replaced.committed(out));
    }
}
