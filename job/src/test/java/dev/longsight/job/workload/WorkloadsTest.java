package dev.longsight.job.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.unit.WorkUnit;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    static final List<Document> DOCS = List.of(
            new Document("a", "Rivers carry water from the hills to the sea, and their gauges record every rise and fall."),
            new Document("b", "A baker shapes each loaf by hand before dawn."));

    static SweepSpec sweep(List<String> tasks, List<Integer> lengths, List<Double> depths, long seed) {
        return new SweepSpec(tasks, lengths, depths, 2, List.of("full", "paper-sliding"), seed);
    }

    static final List<String> ALL_TASKS = List.of("passkey", "niah-single", "niah-multikey", "niah-multivalue", "niah-multiquery");

    @Test
    void everyUnitHasTheExactLengthAndEndsWithItsQuestion() {
        for (WorkUnit u : Workloads.expand(sweep(ALL_TASKS, List.of(300, 1000, 1024), List.of(0.0, 0.37, 1.0), 7), DOCS)) {
            assertEquals(u.length(), u.tokens().length, u.unitId());
            assertEquals(u.length() - 1, u.questionPosition(), u.unitId());
            int[] ro = u.readoutPositions();
            assertEquals(u.answer().split(",").length, ro.length, u.unitId());
            assertEquals(u.length() - 1, ro[ro.length - 1]);
            for (int p : ro) assertEquals(Tokenizer.idOf("is"), u.tokens()[p], u.unitId() + ": readouts are the question's 'is' tokens");
            int lastNeedleEnd = 0;
            for (int j = 0; j < u.needlePositions().length; j++) lastNeedleEnd = Math.max(lastNeedleEnd, u.needlePositions()[j] + u.needleLengths()[j]);
            assertTrue(lastNeedleEnd <= ro[0] - 5, u.unitId() + ": needles lie before the question");
        }
    }

    @Test
    void theFirstNeedleSitsAtTheRequestedDepthAndHoldsTheAnswer() {
        for (WorkUnit u : Workloads.expand(sweep(ALL_TASKS, List.of(2000), List.of(0.0, 0.25, 0.5, 1.0), 3), DOCS)) {
            int question = u.length() - questionLength(u);
            int expected = (int) Math.round(u.depth() * (question - u.needleLengths()[0]));
            assertEquals(expected, u.needlePositions()[0], u.unitId());
            String needle = digits(Arrays.copyOfRange(u.tokens(), u.needlePositions()[0], u.needlePositions()[0] + u.needleLengths()[0]));
            assertTrue(needle.contains(u.answer().split(",")[0]), u.unitId() + ": needle digits " + needle);
        }
    }

    @Test
    void needlesDoNotOverlap() {
        for (WorkUnit u : Workloads.expand(sweep(List.of("niah-multikey", "niah-multivalue", "niah-multiquery"), List.of(200, 4096),
                List.of(0.0, 0.5, 1.0), 11), DOCS)) {
            boolean[] used = new boolean[u.length()];
            for (int j = 0; j < u.needlePositions().length; j++) {
                for (int i = 0; i < u.needleLengths()[j]; i++) {
                    assertFalse(used[u.needlePositions()[j] + i], u.unitId() + " needle " + j);
                    used[u.needlePositions()[j] + i] = true;
                }
            }
        }
    }

    @Test
    void shortDocumentsAreConcatenatedAndCycled() {
        List<Document> one = List.of(new Document("tiny", "alpha beta gamma"));
        WorkUnit u = Workloads.expand(new SweepSpec(List.of("niah-single"), List.of(600), List.of(1.0), 1, List.of("full"), 5), one).get(0);
        int[] cycle = Tokenizer.encode("alpha beta gamma");
        // Depth 1: the haystack runs from 0 to the needle, in stream order.
        for (int i = 0; i < u.needlePositions()[0]; i++) assertEquals(cycle[i % 3], u.tokens()[i], "token " + i);
        assertEquals("tiny", u.docId());
    }

    @Test
    void passkeyUsesTheFillerAndNeedsNoCorpus() {
        WorkUnit u = Workloads.expand(new SweepSpec(List.of("passkey"), List.of(500), List.of(1.0), 1, List.of("full"), 5), List.of()).get(0);
        int[] filler = Tokenizer.encode(Haystack.FILLER);
        for (int i = 0; i < 50; i++) assertEquals(filler[i % filler.length], u.tokens()[i]);
        assertEquals(5, u.answer().length());
    }

    @Test
    void passkeyCutsItsHaystackFromTheDocumentsWhenAsked() {
        SweepSpec s = new SweepSpec(List.of("passkey"), List.of(500), List.of(1.0), 1, List.of("full"), 5);
        List<Document> one = List.of(new Document("books/tiny.txt", "alpha beta gamma"));
        WorkUnit u = Workloads.expand(s, one, false).get(0);
        int[] cycle = Tokenizer.encode("alpha beta gamma");
        for (int i = 0; i < u.needlePositions()[0]; i++) assertEquals(cycle[i % 3], u.tokens()[i], "token " + i);
        assertEquals("books/tiny.txt", u.docId());
        WorkUnit filler = Workloads.expand(s, one, true).get(0);
        assertEquals("filler", filler.docId());
        // The same needle and question either way: only the haystack differs.
        assertEquals(u.answer(), filler.answer());
        assertEquals(u.unitId(), filler.unitId());
    }

    @Test
    void badCorporaAndLengthsFailClearly() {
        var noText = assertThrows(IllegalArgumentException.class, () -> Workloads.expand(
                sweep(List.of("niah-single"), List.of(1024), List.of(0.5), 1), List.of(new Document("e", " "))));
        assertTrue(noText.getMessage().contains("no document with text"), noText.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class, () -> Workloads.expand(
                sweep(List.of("niah-multiquery"), List.of(60), List.of(0.5), 1), DOCS));
        assertTrue(tooShort.getMessage().contains("length 60 is too short for task niah-multiquery"), tooShort.getMessage());
    }

    @Test
    void expansionIsDeterministicAndSeeded() {
        SweepSpec s = sweep(ALL_TASKS, List.of(512, 1024), List.of(0.1, 0.9), 42);
        List<WorkUnit> a = Workloads.expand(s, DOCS), b = Workloads.expand(s, DOCS);
        assertEquals(5 * 2 * 2 * 2 * 2, a.size());
        for (int i = 0; i < a.size(); i++) assertSameUnit(a.get(i), b.get(i));
        assertEquals(a.size(), a.stream().map(WorkUnit::unitId).distinct().count(), "unit ids are unique");
        List<WorkUnit> c = Workloads.expand(sweep(ALL_TASKS, List.of(512, 1024), List.of(0.1, 0.9), 43), DOCS);
        assertFalse(Arrays.equals(a.get(0).tokens(), c.get(0).tokens()), "another seed draws another passkey");
        // The patterns of one cell share its input, so they are compared on identical tokens.
        assertArrayEquals(a.get(0).tokens(), a.get(1).tokens());
        assertEquals(a.get(0).seed(), a.get(1).seed());
    }

    static void assertSameUnit(WorkUnit x, WorkUnit y) {
        assertEquals(x.unitId(), y.unitId());
        assertEquals(x.task(), y.task());
        assertEquals(x.patternSpec(), y.patternSpec());
        assertEquals(x.length(), y.length());
        assertEquals(x.depth(), y.depth());
        assertEquals(x.sample(), y.sample());
        assertEquals(x.seed(), y.seed());
        assertEquals(x.docId(), y.docId());
        assertArrayEquals(x.tokens(), y.tokens());
        assertArrayEquals(x.needlePositions(), y.needlePositions());
        assertArrayEquals(x.needleLengths(), y.needleLengths());
        assertArrayEquals(x.readoutPositions(), y.readoutPositions());
        assertEquals(x.questionPosition(), y.questionPosition());
        assertEquals(x.answer(), y.answer());
    }

    @Test
    void sampleCorpusFillsTheDefaultSweep() {
        List<Document> docs = TextCorpus.load(Path.of("../sample-data/corpus"));
        assertTrue(docs.size() >= 3);
        List<WorkUnit> units = Workloads.expand(Workloads.defaultSweep(), docs);
        assertEquals(5 * 3 * 3 * 1 * 3, units.size());
    }

    private static int questionLength(WorkUnit u) {
        // The question starts after the last needle-free stretch; recover it from the template's first readout.
        int[] t = u.tokens();
        int what = Tokenizer.idOf("what");
        for (int i = u.readoutPositions()[0]; i >= 0; i--) if (t[i] == what) return u.length() - i;
        throw new AssertionError("no question start in " + u.unitId());
    }

    private static String digits(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) if (Tokenizer.isDigit(id)) sb.append(id);
        return sb.toString();
    }
}
