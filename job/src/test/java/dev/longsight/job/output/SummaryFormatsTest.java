package dev.longsight.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.UnitResult;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SummaryFormatsTest {
    static UnitResult result(String id, String pattern, int length, boolean exact, boolean rf, String status, String error) {
        double nan = Double.NaN;
        boolean ok = status.equals("ok");
        return new UnitResult(id, "passkey", pattern, length, 0.5, 0, 1, "filler", 3, 2, 1, 64, 64, 1024, "fp32", rf, ok ? (rf ? 1 : 0.5) : nan,
                "123", exact ? "123" : "9", exact, ok ? (exact ? 1 : 0) : nan, nan, nan, ok ? 10 : nan, ok ? 20 : nan, length,
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
        assertEquals("pattern,length,units,failed,accuracy,rf_accuracy,score,rf_coverage,tokens_per_s,tflops,device,kernel", lines.get(0));
        assertEquals("full,1024,2,0,1.0000,1.0000,1.0000,1.0000,51200,0.1000,OpenCL CPU: pocl,tiled (project OpenCL C)", lines.get(1));
        assertEquals(4, lines.size());
    }

    @Test
    void consoleTableIsAligned() {
        List<String> lines = SummaryFormats.console(Summary.of(RESULTS, List.of("full", "paper-power"))).lines().toList();
        assertEquals("device: OpenCL CPU: pocl", lines.get(lines.size() - 2)); // one device: named once, not per row
        assertEquals("kernel: tiled (project OpenCL C)", lines.get(lines.size() - 1)); // one kernel likewise
        int col = lines.get(0).indexOf("accuracy") + "accuracy".length();
        for (String l : lines.subList(0, lines.size() - 2)) assertTrue(l.length() >= col && l.charAt(col - 1) != ' ', l); // right-aligned numbers end in one column
    }

    @Test
    void cellsThatRanDifferentKernelsNameThemInAColumnAndMergeTheirNames() {
        UnitResult a = RESULTS.get(0), b = RESULTS.get(5);
        UnitResult mma = new UnitResult(b.unitId(), b.task(), b.pattern(), b.length(), b.depth(), b.sample(), b.seed(), b.document(), b.layers(),
                b.heads(), b.kvHeads(), b.headDim(), b.blockSize(), b.chunkSize(), "bf16", b.rfReachable(), b.rfCoverage(), b.answer(),
                b.predicted(), b.exactMatch(), b.score(), b.droppedMass(), b.outputError(), b.kernelMs(), b.wallMs(), b.tokens(),
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
}
