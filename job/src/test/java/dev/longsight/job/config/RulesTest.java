package dev.longsight.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.attention.Precision;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One set of rules, worded for where the value came from: an option, a tool's argument, a file's key. */
class RulesTest {
    private static String error(Executable e) { return assertThrows(IllegalArgumentException.class, e).getMessage(); }

    private static SweepSpec sweep(Origin o, List<String> tasks, List<Integer> lengths, List<Double> depths, int samples, List<String> patterns) {
        return Rules.sweep(o, tasks, lengths, depths, samples, patterns, 1);
    }

    @Test
    void sweepRulesNameTheValueAsTheUserTypedIt() {
        List<Double> mid = List.of(0.5);
        assertEquals("option '--lengths': expected positive token counts, got 0",
                error(() -> sweep(Origin.OPTIONS, List.of("passkey"), List.of(0), mid, 1, List.of("full"))));
        assertEquals("argument 'lengths': expected positive token counts, got 0",
                error(() -> sweep(Origin.ARGUMENTS, List.of("passkey"), List.of(0), mid, 1, List.of("full"))));
        assertEquals("sweep.properties: key 'depths': expected needle depths in [0, 1], got 1.5",
                error(() -> sweep(Origin.file("sweep.properties"), List.of("passkey"), List.of(64), List.of(1.5), 1, List.of("full"))));
        assertEquals("argument 'tasks': expected a non-empty list of task names, got nothing",
                error(() -> sweep(Origin.ARGUMENTS, List.of(), List.of(64), mid, 1, List.of("full"))));
        assertEquals("argument 'samples': expected a positive integer, got 0",
                error(() -> sweep(Origin.ARGUMENTS, List.of("passkey"), List.of(64), mid, 0, List.of("full"))));
        assertEquals("option '--tasks': expected one of passkey, niah-single, niah-multikey, niah-multivalue, niah-multiquery, got 'haystack'",
                error(() -> sweep(Origin.OPTIONS, List.of("haystack"), List.of(64), mid, 1, List.of("full"))));
        String pattern = error(() -> sweep(Origin.file("s.properties"), List.of("passkey"), List.of(64), mid, 1, List.of("circle")));
        assertEquals("s.properties: key 'patterns': unknown pattern 'circle'", pattern.substring(0, pattern.indexOf("'circle'") + 8));
    }

    @Test
    void shapeRulesReferToOtherValuesAsTheUserTypesThem() {
        assertEquals("option '--chunk': expected a multiple of --block (64), got 100",
                error(() -> Rules.shape(Origin.OPTIONS, 3, 2, 1, 64, 64, 100, "jtp", Precision.FP32)));
        assertEquals("argument 'chunk': expected a multiple of block (64), got 100",
                error(() -> Rules.shape(Origin.ARGUMENTS, 3, 2, 1, 64, 64, 100, "jtp", Precision.FP32)));
        assertEquals("argument 'kv-heads': expected a divisor of heads (3), got 2",
                error(() -> Rules.shape(Origin.ARGUMENTS, 3, 3, 2, 64, 64, 128, "jtp", Precision.FP32)));
        assertEquals("argument 'block': expected a multiple of 64 with precision bf16 (the tensor-core kernel's query tile), got 32",
                error(() -> Rules.shape(Origin.ARGUMENTS, 3, 2, 1, 64, 32, 128, "jtp", Precision.BF16)));
        assertEquals("argument 'head-dim': expected at least 15 for the retrieval probe (a flag and one payload slot of 14), got 8",
                error(() -> Rules.shape(Origin.ARGUMENTS, 3, 2, 1, 8, 64, 128, "jtp", Precision.FP32)));
        assertEquals("argument 'layers': expected a positive integer, got 0",
                error(() -> Rules.shape(Origin.ARGUMENTS, 0, 2, 1, 64, 64, 128, "jtp", Precision.FP32)));
        assertEquals("argument 'device': device 'tpu'", error(() -> Rules.shape(Origin.ARGUMENTS, 3, 2, 1, 64, 64, 128, "tpu", Precision.FP32))
                .substring(0, "argument 'device': device 'tpu'".length()));
        assertEquals(new dev.longsight.job.unit.ModelShape(3, 2, 1, 64, 64, 128, "jtp"),
                Rules.shape(Origin.ARGUMENTS, 3, 2, 1, 64, 64, 128, "jtp", Precision.FP32));
    }

    /** The sample sweep file, read as a user's file would be: through the same rules, its keys named. */
    @Test
    void defaultSweepEqualsTheSampleFile() throws IOException {
        Path file = Path.of("..").resolve(Workloads.DEFAULT_SWEEP_FILE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        assertEquals(Workloads.defaultSweep(), Rules.sweep(Origin.file(file.toString()), items(p, "tasks", ","),
                items(p, "lengths", ",").stream().map(Integer::valueOf).toList(), items(p, "depths", ",").stream().map(Double::valueOf).toList(),
                Integer.parseInt(p.getProperty("samples")), items(p, "patterns", ";"), Long.parseLong(p.getProperty("seed"))));
    }

    private static List<String> items(Properties p, String key, String separator) {
        return Arrays.stream(p.getProperty(key).split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
