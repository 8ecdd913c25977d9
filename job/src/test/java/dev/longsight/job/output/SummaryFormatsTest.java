package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.UnitResult;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SummaryFormatsTest {
    static UnitResult result(String id, String pattern, int length, boolean exact, boolean rf, String status, String error) {
        return result(id, pattern, length, exact, rf, status, error, 10, 20);
    }

    static UnitResult result(String id, String pattern, int length, boolean exact, boolean rf, String status, String error,
                             double kernelMs, double wallMs) {
        double nan = Double.NaN;
        boolean ok = status.equals("ok");
        return new UnitResult(id, "passkey", pattern, length, 0.5, 0, 1, "filler", 3, 2, 1, 64, 64, 1024, "fp32", rf, ok ? (rf ? 1 : 0.5) : nan,
                "123", exact ? "123" : "9", exact, ok ? (exact ? 1 : 0) : nan, ok ? kernelMs : nan, ok ? wallMs : nan, length,
                ok ? 1000 : 0, ok ? 1e9 : 0, "OpenCL CPU: pocl", "tiled (project OpenCL C)", "driver@host", status, error);
    }

    public static final List<UnitResult> RESULTS = List.of(
            result("a", "full", 1024, true, true, "ok", ""),
            result("b", "full", 1024, true, true, "ok", ""),
            result("c", "paper-power", 1024, false, true, "ok", ""),
            result("d", "paper-power", 1024, true, false, "ok", ""),
            result("e", "paper-power", 1024, false, false, "failed", "threw: <script>alert('x')</script> & more"),
            result("f", "full", 2048, true, true, "ok", ""));

    @Test
    void aggregatesPerPatternAndLengthInTheUsersPatternOrderCountingFailures() {
        Summary s = Summary.of(RESULTS, List.of("paper-power", "full"));
        assertEquals(List.of("paper-power/1024", "full/1024", "full/2048"), s.cells().stream().map(c -> c.pattern() + "/" + c.length()).toList());
        CellStats power = s.cells().get(0).stats();
        assertEquals(3, power.units());
        assertEquals(1, power.failed());
        assertEquals(0.5, power.accuracy());     // 1 exact of 2 completed
        assertEquals(0.5, power.rfAccuracy());
        assertEquals(2 * 1024 / 0.040, power.tokensPerSecond(), 1e-6); // 2048 tokens in 40 ms of wall time
        assertEquals(2e9 / 1e12 / 0.020, power.tflops(), 1e-12);        // 2 GFLOP in 20 ms of kernel time
        assertEquals(1, s.failures().size());
        assertEquals(6, s.total().units());
    }

    @Test
    void mergeIsAssociativeAndHasAnIdentity() {
        CellStats a = CellStats.of(RESULTS.get(0)), b = CellStats.of(RESULTS.get(2)), c = CellStats.of(RESULTS.get(4));
        assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
        assertEquals(a, CellStats.EMPTY.merge(a));
    }

    @Test
    void csvHasTheRequiredColumnsAndOneRowPerCell() {
        List<String> lines = SummaryFormats.csv(Summary.of(RESULTS, List.of("full", "paper-power"))).lines().toList();
        assertEquals("scorer,pattern,length,units,failed,accuracy,accuracy_ci_low,accuracy_ci_high,rf_accuracy,score,rf_coverage,density,"
                + "blocks_per_row,attention_flops,kernel_ms,wall_ms,speedup_kernel,speedup_wall,tokens_per_s,tflops,device_kind,device,kernel",
                lines.get(0));
        // 2 of 2 exact: Wilson [2 / (2 + z^2), 1]; 16 blocks of 64 tokens: full keeps (1 + ... + 16) / 16 = 8.5 blocks a row
        assertEquals("probe,full,1024,2,0,1.0000,0.3424,1.0000,1.0000,1.0000,1.0000,1.000000,8.50,1.0000e+09,10.000,20.000,1.000,1.000,"
                + "51200,0.1000,CPU (OpenCL),OpenCL CPU: pocl,tiled (project OpenCL C)", lines.get(1));
        assertEquals(4, lines.size());
    }

    @Test
    void costColumnsComeFromTheLayoutAndSpeedupsFromBothClocks() {
        List<UnitResult> rs = List.of(
                result("a", "full", 4096, true, true, "ok", "", 40, 100),
                result("b", "sliding:window=4,sink=0", 4096, true, true, "ok", "", 5, 50),
                result("c", "sliding:window=4,sink=0", 8192, true, true, "ok", "", 5, 50));
        Summary s = Summary.of(rs, List.of("full", "sliding:window=4,sink=0"));
        Summary.Cell sliding = s.cells().get(1);
        // 64 query blocks of 64 tokens: rows 0..2 keep 1..3 blocks, the other 61 keep 4
        assertEquals((1 + 2 + 3 + 61 * 4) / 64.0, sliding.cost().blocksPerRow(), 1e-12);
        long kept = 64L * 65 / 2 * 64 + (3L * 64 * 64) * 61 + 64L * 64 * 3; // diagonal blocks + 3 full blocks a row from row 3, + rows 1, 2
        assertEquals(kept, sliding.cost().keptPairs());
        assertEquals(kept / (4096.0 * 4097 / 2), sliding.cost().density(), 1e-12);
        assertEquals(8.0, sliding.speedupKernel(), 1e-12); // 40 ms / 5 ms
        assertEquals(2.0, sliding.speedupWall(), 1e-12);   // 100 ms / 50 ms: the probe's dense work does not shrink
        assertTrue(Double.isNaN(s.cells().get(2).speedupKernel()), "no full attention at 8K: no speedup");
        String json = SummaryFormats.json(s, "fp", 0, 0);
        assertTrue(json.contains("\"speedup_kernel\" : 8.0") && json.contains("\"speedup_wall\" : 2.0"), json);
        assertTrue(json.contains("\"speedup_kernel\" : null"), json);
        String console = SummaryFormats.console(s);
        assertTrue(console.contains("speedup (kernel)") && console.contains("speedup (wall)") && console.contains(SummaryFormats.LEGEND), console);
        assertTrue(console.contains("TFLOP/s: measured on a CPU, not a GPU figure"), console);
    }

    @Test
    void consoleTableIsAligned() {
        List<String> lines = SummaryFormats.console(Summary.of(RESULTS, List.of("full", "paper-power"))).lines().toList();
        assertEquals("device: OpenCL CPU: pocl", lines.get(lines.size() - 2)); // one device: named once, not per row
        assertEquals("kernel: tiled (project OpenCL C)", lines.get(lines.size() - 1)); // one kernel likewise
        int col = lines.get(0).indexOf("accuracy") + "accuracy".length();
        for (String l : lines.subList(0, lines.size() - 4)) assertTrue(l.length() >= col && l.charAt(col - 1) != ' ', l); // right-aligned numbers end in one column
    }

    @Test
    void cellsThatRanDifferentKernelsNameThemInAColumnAndMergeTheirNames() {
        UnitResult a = RESULTS.get(0), b = RESULTS.get(5);
        UnitResult mma = new UnitResult(b.unitId(), b.task(), b.pattern(), b.length(), b.depth(), b.sample(), b.seed(), b.document(), b.layers(),
                b.heads(), b.kvHeads(), b.headDim(), b.blockSize(), b.chunkSize(), "bf16", b.rfReachable(), b.rfCoverage(), b.answer(),
                b.predicted(), b.exactMatch(), b.score(), b.kernelMs(), b.wallMs(), b.tokens(),
                b.pairs(), b.flops(), b.device(), "mma-bf16 (inline PTX mma.sync)", b.executorId(), b.status(), b.error());
        Summary s = Summary.of(List.of(a, mma), List.of("full"));
        List<String> console = SummaryFormats.console(s).lines().toList();
        assertTrue(console.get(0).endsWith("kernel"), console.get(0));
        assertTrue(console.get(2).endsWith("mma-bf16 (inline PTX mma.sync)"), console.get(2));
        assertEquals("device: OpenCL CPU: pocl", console.get(console.size() - 1));
        assertEquals("mma-bf16 (inline PTX mma.sync); tiled (project OpenCL C)", CellStats.of(a).merge(CellStats.of(mma)).kernels());
        assertEquals(CellStats.of(a).merge(CellStats.of(mma)), CellStats.of(mma).merge(CellStats.of(a)));
        assertTrue(SummaryFormats.json(s, "fp", 0, 0).contains("\"kernel\" : \"mma-bf16 (inline PTX mma.sync); tiled (project OpenCL C)\""));
    }

    @Test
    void jsonWritesUndefinedRatesAsNull() {
        String json = SummaryFormats.json(Summary.of(List.of(RESULTS.get(4)), List.of()), "fp", 3, 2);
        assertTrue(json.contains("\"accuracy\" : null"), json);
        assertTrue(json.contains("\"skipped_input_records\" : 3,\n  \"skipped_input_files\" : 2"), json);
        assertTrue(json.contains("\"failed\" : 1"), json);
    }

    @Test
    void failureReasonsKeepNoCredentials() {
        UnitResult leaky = result("f", "full", 1024, false, false, "failed",
                "threw: s3a://AKIAFAKE:FakeSecret9@bucket/x: 403, fs.s3a.session.token=FakeToken9 expired");
        String json = SummaryFormats.json(Summary.of(List.of(leaky), List.of()), "fp", 0, 0);
        assertFalse(json.contains("FakeSecret9") || json.contains("FakeToken9") || json.contains("AKIAFAKE"), json);
        assertTrue(json.contains("s3a://*****@bucket/x: 403, fs.s3a.session.token=***** expired"), json);
    }
}
