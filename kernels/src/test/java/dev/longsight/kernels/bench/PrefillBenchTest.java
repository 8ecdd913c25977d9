package dev.longsight.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The benchmark at a tiny size on every test device (what CI smoke-tests), and its arithmetic. */
class PrefillBenchTest {
    static BenchConfig tiny(String device, String variant, int headBatch) {
        return BenchMain.parse(new String[] {"--device", TestDevices.require(device).toString(), "--variant", variant,
            "--patterns", "full,paper-power", "--lengths", "130,256", "--heads", "2", "--kv-heads", headBatch == 0 ? "1" : "2", "--head-dim", "64",
            "--block", "64", "--warmup", "1", "--repeats", "2", "--e2e-repeats", "1", "--check", "--check-rows", "40",
            "--head-batch", String.valueOf(headBatch)});
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtp", "opencl"})
    void runsAndChecksOnEveryDevice(String device) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        int rc = BenchMain.execute(tiny(device, "auto", 0), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(0, rc, log.toString(StandardCharsets.UTF_8));
        assertEquals(BenchRow.HEADER, lines[0]);
        assertEquals(5, lines.length, String.join("\n", lines));
        String expectedDevice = device.equals("jtp") ? "JTP" : "OpenCL";
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("# device: " + expectedDevice), log.toString(StandardCharsets.UTF_8));
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            assertEquals(16, f.length, lines[i]);
            // OpenCL (PoCL in CI) has profiling events: ms is device time, inside the wall time around the launch;
            // Java threads have none: ms is that wall time.
            double launchMs = Double.parseDouble(f[14]);
            if (device.equals("jtp")) {
                assertEquals(BenchRow.LAUNCH_WALL, f[15], lines[i]);
                assertEquals(launchMs, Double.parseDouble(f[7]), 1e-9, lines[i]);
            } else {
                assertEquals(BenchRow.DEVICE_EVENTS, f[15], lines[i]);
                assertTrue(Double.parseDouble(f[7]) > 0 && Double.parseDouble(f[7]) <= launchMs, lines[i]);
            }
            assertEquals(device.equals("jtp") ? "longsight-aparapi-naive" : "longsight-aparapi-tiled", f[0]);
            int n = Integer.parseInt(f[3]);
            long pairs = BlockLayout.of(Patterns.parse(f[2]), n, 64).pairs();
            assertEquals(pairs, Long.parseLong(f[8]), "pairs are BlockLayout.pairs()");
            double ms = Double.parseDouble(f[7]);
            assertTrue(ms > 0 && Double.parseDouble(f[10]) > 0, lines[i]);
            assertEquals(4.0 * 64 * pairs * 2 / (ms * 1e-3) / 1e12, Double.parseDouble(f[9]), 0.01, "TFLOP/s as flex_peer.py");
            assertTrue(Double.parseDouble(f[13]) <= SampleCheck.TOLERANCE, lines[i]);
            if (f[2].equals("full")) assertEquals("1.00", f[11]);
        }
    }

    @Test
    void headBatchesSumToTheSamePairsAndStayExact() {
        List<BenchRow> rows = new ArrayList<>();
        PrefillBench.run(tiny("jtp", "naive", 1), rows::add, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.heads() == 2 && r.checkErr() <= SampleCheck.TOLERANCE && r.impl().endsWith("naive")));
    }

    @Test
    void patternSpecsKeepTheirCommas() {
        BenchConfig cfg = BenchMain.parse(new String[] {"--device", "jtp", "--patterns", "sliding:window=1,sink=0,full;power:window=5,sink=1"});
        assertEquals(List.of("sliding:window=1,sink=0", "full", "power:window=5,sink=1"), cfg.patterns());
    }

    @Test
    void failedChecksAreReported() {
        BenchRow ok = new BenchRow("x", Precision.FP32, "full", 10, 1, 64, 8, 1, 55, 1, 1, 1e-6, 1, BenchRow.LAUNCH_WALL);
        BenchRow bad = new BenchRow("x", Precision.FP32, "full", 10, 1, 64, 8, 1, 55, 1, 1, 2e-3, 1, BenchRow.LAUNCH_WALL);
        BenchRow unchecked = new BenchRow("x", Precision.FP32, "full", 10, 1, 64, 8, 1, 55, 1, 1, Double.NaN, 1, BenchRow.LAUNCH_WALL);
        BenchRow nanOutput = new BenchRow("x", Precision.FP32, "full", 10, 1, 64, 8, 1, 55, 1, 1, Double.POSITIVE_INFINITY, 1, BenchRow.LAUNCH_WALL);
        assertEquals(List.of(bad, nanOutput), PrefillBench.failedChecks(List.of(ok, bad, unchecked, nanOutput)));
        assertEquals("", unchecked.csv().split(",", -1)[13], "unchecked rows leave the column empty");
    }

    @Test
    void samplesAllShortRowsAndTheEndsOfLongOnes() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, SampleCheck.sample(5, 10, 1));
        int[] s = SampleCheck.sample(100_000, 50, 1);
        assertEquals(50, s.length);
        assertEquals(0, s[0]);
        assertEquals(99_999, s[49]);
    }

    @Test
    void badInputNamesTheOption() {
        assertMessage("--lengths", "--lengths", "16k");
        assertMessage("--lengths", "--lengths", "0");
        assertMessage("--head-batch", "--head-batch", "3");
        assertMessage("whole KV groups", "--heads", "2", "--kv-heads", "1", "--head-batch", "1");
        assertMessage("--repeats", "--repeats", "0");
        assertMessage("unknown option", "--lenghts", "5");
        assertMessage("device 'tpu'", "--device", "tpu");
        assertMessage("bogus", "--patterns", "full,bogus");
        assertMessage("variant", "--variant", "fast");
    }

    private static void assertMessage(String part, String... args) {
        var e = assertThrows(IllegalArgumentException.class, () -> BenchMain.parse(args));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
