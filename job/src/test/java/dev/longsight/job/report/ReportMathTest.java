package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's small functions: Pareto front, effective length, command-line quoting, build properties. */
class ReportMathTest {
    private static final double NAN = Double.NaN;

    @Test
    void paretoFrontKeepsWhatNothingBeatsOnBothCostAndAccuracy() {
        double[] cost = {1.0, 0.1, 0.05, 0.1, 0.2, NAN};
        double[] acc = {1.0, 0.6, 0.3, 0.5, 0.6, 0.9};
        // 0.1/0.5 loses to 0.1/0.6; 0.2/0.6 to 0.1/0.6; NaN is never on the front
        assertArrayEquals(new boolean[] {true, true, true, false, false, false}, Pareto.front(cost, acc));
        assertArrayEquals(new boolean[] {true, true}, Pareto.front(new double[] {0.5, 0.5}, new double[] {0.7, 0.7}), "ties both stay");
    }

    @Test
    void effectiveLengthIsTheLongestLengthUpToWhichAccuracyHolds() {
        List<Integer> lengths = List.of(4096, 8192, 16384, 32768);
        assertEquals(8192, EffectiveLength.of(lengths, new double[] {0.9, 0.86, 0.7, 0.9}, 0.85), "a later recovery does not count");
        assertEquals(32768, EffectiveLength.of(lengths, new double[] {0.9, 0.9, 0.9, 0.85}, 0.85), "at the threshold passes");
        assertEquals(EffectiveLength.BELOW_SHORTEST, EffectiveLength.of(lengths, new double[] {0.5, 0.9, 0.9, 0.9}, 0.85));
        assertEquals(8192, EffectiveLength.of(lengths, new double[] {0.9, 0.9, NAN, 0.9}, 0.85), "an unmeasured length ends it");
        assertEquals(EffectiveLength.UNKNOWN, EffectiveLength.of(lengths, new double[] {0.9, 0.9, 0.9, 0.9}, NAN));
        assertEquals("8K", EffectiveLength.text(8192, lengths));
        assertEquals("\u2265 32K", EffectiveLength.text(32768, lengths));
        assertEquals("< 4K", EffectiveLength.text(EffectiveLength.BELOW_SHORTEST, lengths));
        assertEquals(Fmt.NONE, EffectiveLength.text(EffectiveLength.UNKNOWN, lengths));
    }

    @Test
    void commandLineIsPrintedOnceAndQuotedForTheShell() {
        assertEquals("./longsight run --patterns 'full;power:window=5' --lengths 4K,8K --output 'it'\\''s dir'",
                CommandLineText.of("./longsight", List.of("run", "--patterns", "full;power:window=5", "--lengths", "4K,8K",
                        "--output", "it's dir")));
    }

    @Test
    void buildPropertiesNameVersionAndCommitOrSayUnknown() {
        java.util.Properties p = RunInfo.build(new java.io.ByteArrayInputStream("version=1.2\ncommit=abc\n".getBytes()));
        assertEquals("1.2", p.getProperty("version"));
        assertEquals(0, RunInfo.build(null).size());
        RunInfo i = new RunInfo(java.time.Instant.EPOCH, null, "", "h", null);
        assertEquals(RunInfo.UNKNOWN, i.version());
        assertEquals(RunInfo.UNKNOWN, i.commit());
        assertEquals(RunInfo.UNKNOWN, i.sparkMaster());
        assertEquals("1970-01-01 00:00:00 UTC", HtmlReport.utc(i.created()));
    }

    @Test
    void theBuildWroteItsVersionAndCommit() {
        // target/classes holds build.properties from Maven's generate-resources phase
        RunInfo i = RunInfo.current("local[2]");
        assertEquals("local[2]", i.sparkMaster());
        org.junit.jupiter.api.Assertions.assertNotEquals(RunInfo.UNKNOWN, i.version());
        org.junit.jupiter.api.Assertions.assertTrue(i.commit().equals(RunInfo.UNKNOWN) || i.commit().matches("[0-9a-f]{40}.*"), i.commit());
    }
}
