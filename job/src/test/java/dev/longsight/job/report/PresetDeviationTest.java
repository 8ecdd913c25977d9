package dev.longsight.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receptive-field section names the presets whose rules differ from the paper's, and the rules say what the note says. */
class PresetDeviationTest {
    @Test
    void dilatedHasNoSinkAndLongnetExceedsTheBudget() {
        String note = ReceptiveFieldSection.deviations(List.of("full", "paper-power", "paper-dilated", "paper-longnet"));
        assertTrue(note.contains("paper-dilated: no sink block") && note.contains("paper-longnet: up to 24 key blocks"), note);
        assertEquals("", ReceptiveFieldSection.deviations(List.of("paper-sliding", "paper-power", "paper-stride-slash")));
        // the notes are facts of the layouts at the paper's 32K in 256-token blocks
        BlockLayout dilated = BlockLayout.of(Patterns.parse("paper-dilated"), 32768, 256);
        BlockLayout longnet = BlockLayout.of(Patterns.parse("paper-longnet"), 32768, 256);
        BlockLayout power = BlockLayout.of(Patterns.parse("paper-power"), 32768, 256);
        assertTrue(java.util.Arrays.stream(dilated.row(127)).noneMatch(k -> k == 0), "dilated keeps no sink");
        assertTrue(java.util.Arrays.stream(power.row(127)).anyMatch(k -> k == 0), "power keeps block 0");
        int longest = 0, powerLongest = 0;
        for (int q = 0; q < 128; q++) {
            longest = Math.max(longest, longnet.row(q).length);
            powerLongest = Math.max(powerLongest, power.row(q).length);
        }
        assertEquals(24, longest);
        assertTrue(powerLongest <= 10, "power stays within the budget: " + powerLongest);
    }
}
