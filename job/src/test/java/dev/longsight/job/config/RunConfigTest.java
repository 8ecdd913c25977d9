package dev.longsight.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.attention.Precision;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunConfigTest {

    private static String error(UnaryOperator<ConfigBuilder> change) {
        return assertThrows(IllegalArgumentException.class, () -> ConfigBuilder.with(change)).getMessage();
    }

    @Test
    void rejectsEachBadValueNamingTheOptionAndWhatWasExpected() {
        assertEquals("option '--kv-heads': expected a divisor of --heads (4), got 3", error(b -> { b.kvHeads = 3; return b; }));
        assertEquals("option '--chunk': expected a multiple of --block (64), got 100", error(b -> { b.chunk = 100; return b; }));
        assertTrue(error(b -> { b.headDim = 256; return b; }).startsWith("option '--head-dim': expected 1..128"));
        assertEquals("option '--depths': expected needle depths in [0, 1], got 1.5", error(b -> { b.depths = List.of(0.5, 1.5); return b; }));
        assertEquals("option '--depths': expected needle depths in [0, 1], got NaN", error(b -> { b.depths = List.of(Double.NaN); return b; }));
        assertEquals("option '--lengths': expected positive token counts, got 0", error(b -> { b.lengths = List.of(0); return b; }));
        assertTrue(error(b -> { b.patterns = List.of("full", "powr"); return b; }).startsWith("option '--patterns': unknown pattern 'powr'"));
        assertTrue(error(b -> { b.patterns = List.of("power:window=x"); return b; }).startsWith("option '--patterns': "));
        assertTrue(error(b -> { b.device = "tpu"; return b; }).startsWith("option '--device': device 'tpu' is not one of"));
        assertEquals("option '--samples': expected a positive integer, got 0", error(b -> { b.samples = 0; return b; }));
        assertEquals("option '--patterns': expected a non-empty list of pattern specs or presets, got nothing",
                error(b -> { b.patterns = List.of(); return b; }));
        assertTrue(error(b -> { b.tasks = List.of("passkey", "needle"); return b; }).startsWith("option '--tasks': expected one of passkey, "));
        assertEquals("option '--layers': expected a positive integer, got 0", error(b -> { b.layers = 0; return b; }));
        assertEquals("option '--block': expected a positive integer, got 0", error(b -> { b.block = 0; return b; }));
        assertEquals("option '--max-failures': expected a positive integer, got 0", error(b -> { b.maxFailures = 0; return b; }));
        assertEquals("option '--text-field': expected a non-empty value, got ' '", error(b -> { b.jsonField = " "; return b; }));
        assertEquals("option '--block': expected a multiple of 64 with --precision bf16 (the tensor-core kernel's query tile), got 32",
                error(b -> { b.precision = Precision.BF16; b.block = 32; b.chunk = 256; return b; }));
        assertEquals("option '--block': expected a multiple of 64 with --precision tf32 (the tensor-core kernel's query tile), got 96",
                error(b -> { b.precision = Precision.TF32; b.block = 96; b.chunk = 288; return b; }));
        ConfigBuilder.with(b -> { b.block = 32; return b; }); // fp32 takes any block
        ConfigBuilder.with(b -> { b.precision = Precision.BF16; b.block = 128; return b; });
    }

    @Test
    void refusesAHeadDimTooSmallForTheProbeBeforeAnyExecutorBuildsIt() {
        assertEquals("option '--head-dim': expected at least 15 for the retrieval probe (a flag and one payload slot of 14), got 8",
                error(b -> { b.headDim = 8; return b; }));
        ConfigBuilder.with(b -> { b.headDim = 15; return b; });
    }

    @Test
    void buildsTheSweepAndShapeItValidated() {
        RunConfig c = ConfigBuilder.with(b -> b);
        assertEquals(List.of(256, 512), c.sweep().lengths());
        assertEquals(List.of("full", "paper-power"), c.sweep().patterns());
        assertEquals(7, c.sweep().seed());
        assertEquals(64, c.shape().blockSize());
        assertEquals(256, c.shape().chunkSize());
        assertEquals("jtp", c.shape().device());
    }

    @Test
    void parsesPrecisionNamingTheOption() {
        assertEquals(Precision.BF16, Values.precision("bf16"));
        assertEquals(Precision.TF32, Values.precision(" TF32 "));
        assertEquals("option '--precision': precision 'fp16' is not one of fp32, tf32, bf16",
                assertThrows(IllegalArgumentException.class, () -> Values.precision("fp16")).getMessage());
    }

    @Test
    void rejectsLengthsThatDoNotFitOneJavaArray() {
        String e = error(b -> { b.lengths = List.of(Integer.MAX_VALUE / 2); b.heads = 8; b.kvHeads = 8; b.headDim = 128; return b; });
        assertTrue(e.startsWith("option '--lengths': length 1073741823 is not representable"), e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "8K;8192", "4096;4096", "1m;1048576", " 2k ;2048"})
    void parsesLengthsWithSuffixes(String in, int expected) {
        assertEquals(List.of(expected), Values.lengths("--lengths", List.of(in)));
    }

    @Test
    void rejectsMalformedLengthsDepthsAndEnums() {
        assertEquals("option '--lengths': expected token counts such as 4096 or 8K, got 'abc'",
                assertThrows(IllegalArgumentException.class, () -> Values.lengths("--lengths", List.of("abc"))).getMessage());
        assertEquals("option '--lengths': expected positive token counts below 2^31, got '4M0'".replace("4M0", "3000M"),
                assertThrows(IllegalArgumentException.class, () -> Values.lengths("--lengths", List.of("3000M"))).getMessage());
        assertEquals("option '--depths': expected depths, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> Values.doubles("--depths", "depths", List.of("x"))).getMessage());
        assertEquals("option '--bad-lines': expected skip or fail, got 'ignore'",
                assertThrows(IllegalArgumentException.class, () -> BadInput.parse("--bad-lines", "ignore")).getMessage());
        assertEquals("option '--format': expected auto, text, jsonl or parquet, got 'csv'",
                assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("csv")).getMessage());
    }

    @Test
    void fingerprintCoversWhatDecidesTheUnitsOnly() {
        String base = ConfigBuilder.with(b -> b).fingerprint();
        assertEquals(base, ConfigBuilder.with(b -> b).fingerprint());
        assertEquals(base, ConfigBuilder.with(b -> { b.output = "elsewhere"; b.master = "yarn"; b.device = "cpu"; b.overwrite = true; return b; }).fingerprint());
        assertNotEquals(base, ConfigBuilder.with(b -> { b.lengths = List.of(256); return b; }).fingerprint());
        assertNotEquals(base, ConfigBuilder.with(b -> { b.seed = 8; return b; }).fingerprint());
        assertNotEquals(base, ConfigBuilder.with(b -> { b.patterns = List.of("full"); return b; }).fingerprint());
        assertNotEquals(base, ConfigBuilder.with(b -> { b.input = "other"; return b; }).fingerprint());
        String bf16 = ConfigBuilder.with(b -> { b.precision = Precision.BF16; return b; }).fingerprint();
        assertNotEquals(base, bf16); // bf16 arithmetic is a different run: it must not resume fp32 results
        assertNotEquals(bf16, ConfigBuilder.with(b -> { b.precision = Precision.TF32; return b; }).fingerprint());
        // Skipping bad files reads what failing on them reads whenever the run goes on.
        assertEquals(base, ConfigBuilder.with(b -> { b.badFiles = BadInput.FAIL; return b; }).fingerprint());
    }

    @Test
    void passkeyOnTheInputsDocumentsIsAnotherRunButOnlyWhenPasskeyIsSwept() {
        RunConfig filler = ConfigBuilder.with(b -> { b.input = RunConfig.DEFAULT_INPUT; b.passkeyFiller = true; return b; });
        RunConfig docs = ConfigBuilder.with(b -> { b.input = RunConfig.DEFAULT_INPUT; return b; });
        assertNotEquals(filler.fingerprint(), docs.fingerprint());
        assertTrue(filler.settings().get("tasks").endsWith("(passkey haystack: filler sentences)"), filler.settings().toString());
        assertTrue(docs.settings().get("tasks").endsWith("(passkey haystack: the input's documents)"), docs.settings().toString());
        assertEquals(ConfigBuilder.with(b -> { b.input = RunConfig.DEFAULT_INPUT; b.passkeyFiller = true; b.tasks = List.of("niah-single"); return b; }).fingerprint(),
                ConfigBuilder.with(b -> { b.input = RunConfig.DEFAULT_INPUT; b.tasks = List.of("niah-single"); return b; }).fingerprint());
        // With no --input the fingerprint is what it was before passkey could use the input (SHA-256 of the same
        // "name=value" lines): outputs of earlier default runs still resume.
        assertEquals("d3a89323abddb6cce1a5ec95110000e3", filler.fingerprint());
    }

    @Test
    void describesItselfOneAlignedLinePerSetting() {
        List<String> lines = ConfigBuilder.with(b -> b).describe();
        assertTrue(lines.stream().anyMatch(l -> l.equals("  patterns     full,paper-power")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  fingerprint  ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.equals("  kernels      block 64, chunk 256, precision fp32, device jtp")), lines.toString());
        assertEquals(Precision.BF16, ConfigBuilder.with(b -> { b.precision = Precision.BF16; return b; }).shape().precision());
    }

    @Test
    void patternListsKeepCommasInsideSpecs() {
        assertEquals(List.of("full", "power:window=5,sink=1", "paper-sliding", "sliding:window=3"),
                Values.patterns(List.of("full,power:window=5,sink=1,paper-sliding", "sliding:window=3")));
        assertEquals(List.of("a-shape:sink=1,recent=9", "full"), Values.patterns(List.of("a-shape:sink=1,recent=9;full")));
        assertEquals(List.of("longnet:segments=8/16,dilations=1/2", "power"), Values.patterns(List.of("longnet:segments=8/16,dilations=1/2,power")));
    }
}
