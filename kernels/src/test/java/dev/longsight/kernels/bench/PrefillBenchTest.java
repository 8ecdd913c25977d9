package dev.longsight.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.attention.KernelVariant;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.device.DeviceSpec;
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
    static BenchConfig tiny(String device, KernelVariant variant, int headBatch) {
        return new BenchConfig(TestDevices.require(device), variant, Precision.FP32, List.of("full", "paper-power"), List.of(130, 256),
                2, headBatch == 0 ? 1 : 2, 64, 64, 1, 2, 1, true, 40, headBatch, 42);
    }

    /** The command line's defaults, with one field replaced by a test. */
    private static BenchConfig with(List<String> patterns, int heads, int kvHeads, int repeats, int headBatch) {
        return new BenchConfig(DeviceSpec.parse("jtp"), null, Precision.FP32, patterns, List.of(256), heads, kvHeads, 64, 64, 0,
                repeats, 0, false, 256, headBatch, 42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtp", "opencl"})
    void runsAndChecksOnEveryDevice(String device) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        int rc = PrefillBench.printCsv(tiny(device, null, 0), new PrintStream(out, true, StandardCharsets.UTF_8),
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
        PrefillBench.run(tiny("jtp", KernelVariant.parse("naive"), 1), rows::add, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.heads() == 2 && r.checkErr() <= SampleCheck.TOLERANCE && r.impl().endsWith("naive")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jtp", "opencl"})
    void defaultsAreSizedToTheDevice(String device) {
        var d = dev.longsight.kernels.device.Devices.resolve(TestDevices.require(device));
        BenchDefaults shape = BenchDefaults.forDevice(d);
        boolean gpu = d instanceof com.aparapi.device.OpenCLDevice cl && cl.getType() == com.aparapi.device.Device.TYPE.GPU;
        assertEquals(gpu ? BenchDefaults.GPU : device.equals("jtp") ? BenchDefaults.JTP : BenchDefaults.CPU, shape);
        assertEquals("--lengths 16K,32K,128K --heads 8 --kv-heads 8 --head-dim 128", BenchDefaults.GPU.options());
        assertTrue(BenchDefaults.CPU.lengths().stream().allMatch(n -> n <= 4096) && !BenchDefaults.CPU.forGpu());
    }

    @Test
    void progressWorkAddsUpToTheTotal() {
        BenchConfig cfg = tiny("jtp", null, 0);
        List<Long> works = new ArrayList<>();
        PrefillBench.run(cfg, r -> { }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), works::add);
        assertEquals(4, works.size(), "one report per (length, pattern) case");
        assertEquals(PrefillBench.totalWork(cfg), works.stream().mapToLong(Long::longValue).sum());
        long full130 = BlockLayout.of(Patterns.parse("full"), 130, 64).pairs();
        assertEquals(full130 * 2 * 64 * (1 + 2 + 1), works.get(0), "pairs x heads x head dim x launches");
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
    void badValuesNameTheOption() {
        List<String> full = List.of("full");
        assertMessage("option '--head-batch'", () -> with(full, 8, 8, 5, 3));
        assertMessage("whole KV groups", () -> with(full, 2, 1, 5, 1));
        assertMessage("option '--repeats'", () -> with(full, 8, 8, 0, 0));
        assertMessage("bogus", () -> with(List.of("full", "bogus"), 8, 8, 5, 0));
        assertMessage("option '--patterns'", () -> with(List.of(), 8, 8, 5, 0));
        assertMessage("option '--variant'", () -> new BenchConfig(DeviceSpec.parse("jtp"), KernelVariant.parse("mma-bf16"), Precision.FP32, full,
                List.of(256), 8, 8, 64, 64, 0, 1, 0, false, 256, 0, 42));
        assertMessage("option '--lengths'", () -> new BenchConfig(DeviceSpec.parse("jtp"), null, Precision.FP32, full,
                List.of(0), 8, 8, 64, 64, 0, 1, 0, false, 256, 0, 42));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable build) {
        var e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
