package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.UnitResult;
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

    @Test
    void aBatchWrittenBeforeResultsNamedTheirDocumentStillResumes() throws Exception {
        open("fp1").commitBatch(SummaryFormatsTest.RESULTS.subList(0, 1));
        Path batch = dir.resolve("out/_longsight/batches/batch-00000.jsonl");
        String older = Files.readString(batch).replace("\"document\":\"filler\",", "");
        assertFalse(older.contains("document"), older);
        Files.writeString(batch, older);
        Files.delete(batch.resolveSibling(".batch-00000.jsonl.crc")); // Hadoop's local checksum of the file as it was
        List<UnitResult> back = open("fp1").committed(out);
        assertEquals(1, back.size());
        assertEquals(SummaryFormatsTest.RESULTS.get(0).unitId(), back.get(0).unitId());
        assertNull(back.get(0).document());
    }

    @Test
    void aBatchWrittenBeforeTheWallTimeSplitResumesWithThoseTimesNotMeasured() throws Exception {
        UnitResult measured = SummaryFormatsTest.RESULTS.get(0).withTiming(12, 3, 2, 4, 1, 1234);
        open("fp1").commitBatch(List.of(measured));
        assertEquals(List.of(measured), open("fp1").committed(out));
        Path batch = dir.resolve("out/_longsight/batches/batch-00000.jsonl");
        String older = Files.readString(batch).replaceAll(",\"(unitWallMs|hostBuildMs|transferMs|readoutMs|otherMs|startEpochMs)\":[^,}]+", "");
        assertFalse(older.contains("unitWallMs") || older.contains("startEpochMs"), older);
        Files.writeString(batch, older);
        Files.delete(batch.resolveSibling(".batch-00000.jsonl.crc"));
        UnitResult back = open("fp1").committed(out).get(0);
        assertEquals(measured.kernelMs(), back.kernelMs());
        for (double t : new double[] {back.unitWallMs(), back.hostBuildMs(), back.transferMs(), back.readoutMs(), back.otherMs()}) {
            assertTrue(Double.isNaN(t), back.toString());
        }
        assertEquals(0, back.startEpochMs());
    }

    @Test
    void anUnwritableOutputIsOneLineAndLeavesNothingBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        for (String uri : List.of("/proc/longsight-out", file.resolve("sub").toString(), file.toString())) {
            String e = assertThrows(IllegalArgumentException.class,
                    () -> OutputStore.open(new Configuration(), uri, "fp", List.of(), false, out)).getMessage();
            assertTrue(e.startsWith("output '" + uri + "': "), e);
            assertTrue(e.endsWith("expected a writable directory") || e.endsWith("is a file, expected a directory"), e);
            assertEquals(1, e.lines().count(), e);
            assertFalse(e.contains("resume"), e);
        }
        assertFalse(Files.exists(Path.of("/proc/longsight-out")));
        assertEquals("x", Files.readString(file));
    }
}
