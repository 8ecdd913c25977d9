package dev.longsight.job.workload;

import java.util.List;

/**
 * One drawn instance of a task before it is placed in a haystack: the needles' tokens (answer
 * needles first), the question's tokens with the offsets of its readout tokens (one per answer
 * part, in answer order), and the answer parts.
 */
record TaskInstance(List<int[]> needles, int[] question, int[] readoutOffsets, List<String> answers) {
    int needleTokens() { return needles.stream().mapToInt(n -> n.length).sum(); }
}
