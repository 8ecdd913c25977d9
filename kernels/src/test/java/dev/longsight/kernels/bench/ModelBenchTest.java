package dev.longsight.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.TestDevices;
import dev.longsight.kernels.model.ModelConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-model bench on a small shape: one row per length and pattern, the columns consistent with each other. */
class ModelBenchTest {
    @Test
    void printsOneConsistentRowPerLengthAndPattern() {
        ModelConfig small = new ModelConfig("llama", 128, 256, 2, 4, 2, 32, 1000, 4096, 1e-5, 10000.0, null, false, false, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
        ModelBench.printCsv("small", small, List.of(256), List.of("full", "sliding:window=1,sink=1"), TestDevices.require("opencl"), 64, 128, 1,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(ModelBench.HEADER, lines.get(0));
        assertEquals(3, lines.size(), String.join("\n", lines));
        List<String> cols = List.of(ModelBench.HEADER.split(","));
        for (String line : lines.subList(1, 3)) {
            String[] f = fields(line);
            assertEquals("256", f[cols.indexOf("n")]);
            double device = Double.parseDouble(f[cols.indexOf("device_ms")]);
            double parts = Double.parseDouble(f[cols.indexOf("gemm_ms")]) + Double.parseDouble(f[cols.indexOf("attn_ms")])
                    + Double.parseDouble(f[cols.indexOf("other_ms")]);
            assertEquals(device, parts, 0.2, "device time is the sum of the stages: " + line);
            assertTrue(Double.parseDouble(f[cols.indexOf("tokens_per_s")]) > 0, line);
            assertTrue(f[cols.indexOf("device")].contains("device forward on OpenCL"), line);
        }
        assertEquals("\"sliding:window=1,sink=1\"", lines.get(2).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[cols.indexOf("pattern")]);
        assertTrue(fields(lines.get(2))[cols.indexOf("speedup_vs_full")].matches("\\d+\\.\\d\\d"), "the pattern's row compares with full: " + lines.get(2));
    }

    /** Splits at commas outside quotes. */
    private static String[] fields(String line) { return line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"); }

    @Test
    void refusesAnUnknownShapeNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBench.shape("llama9"));
        assertTrue(e.getMessage().contains("llama3-8b"), e.getMessage());
    }
}
