package dev.longsight.job.workload;

import java.util.SplittableRandom;

/**
 * Lays out one cell's token sequence: context (haystack with the needles inserted) then the
 * question. The first needle starts at {@code round(depth * (context - its length))}; the other
 * needles go to seeded random free places; haystack tokens fill the rest in stream order, so the
 * sequence has exactly {@code length} tokens.
 */
record UnitPlacement(int[] tokens, int[] needlePositions, int[] needleLengths, int[] readoutPositions, String docId) {

    static UnitPlacement place(Task task, int length, double depth, TaskInstance inst, Haystack hay, SplittableRandom rnd) {
        int contextLen = length - inst.question().length;
        int needed = inst.needleTokens() + inst.question().length;
        if (contextLen - inst.needleTokens() < 1) {
            throw new IllegalArgumentException("length " + length + " is too short for task " + task.id()
                    + ": its needles and question alone take " + needed + " tokens");
        }
        int n = inst.needles().size();
        int[] pos = new int[n]; // (needles) first token of each needle
        int[] len = new int[n]; // (needles) tokens of each needle
        boolean[] used = new boolean[contextLen]; // (contextLen) positions taken by needles
        for (int j = 0; j < n; j++) {
            len[j] = inst.needles().get(j).length;
            pos[j] = j == 0 ? (int) Math.round(depth * (contextLen - len[0])) : freePlace(used, len[j], rnd, task, length);
            for (int i = 0; i < len[j]; i++) used[pos[j] + i] = true;
        }
        int[] tokens = new int[length]; // (length) the unit's token ids
        int start = rnd.nextInt(hay.documents());
        int[] hayTokens = new int[contextLen - inst.needleTokens()]; // (haystack) stream order
        hay.fill(start, hayTokens, hayTokens.length);
        for (int i = 0, h = 0; i < contextLen; i++) if (!used[i]) tokens[i] = hayTokens[h++];
        for (int j = 0; j < n; j++) System.arraycopy(inst.needles().get(j), 0, tokens, pos[j], len[j]);
        System.arraycopy(inst.question(), 0, tokens, contextLen, inst.question().length);
        int[] readouts = inst.readoutOffsets().clone(); // (answer parts) positions in the unit
        for (int r = 0; r < readouts.length; r++) readouts[r] += contextLen;
        return new UnitPlacement(tokens, pos, len, readouts, hay.docId(start));
    }

    private static int freePlace(boolean[] used, int len, SplittableRandom rnd, Task task, int length) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int s = rnd.nextInt(used.length - len + 1);
            boolean free = true;
            for (int i = 0; i < len && free; i++) free = !used[s + i];
            if (free) return s;
        }
        throw new IllegalArgumentException("length " + length + " is too short to place the " + task.needles()
                + " needles of task " + task.id() + " without overlap");
    }
}
