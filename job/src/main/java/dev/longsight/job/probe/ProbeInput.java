package dev.longsight.job.probe;

import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.Task;
import dev.longsight.job.workload.Tokenizer;
import dev.longsight.job.workload.Words;

/**
 * What the probe reads from a unit's token ids, checked: each needle's span, key word, slot
 * (its ordinal word, 0 if none) and value digits (its first run of digit tokens); each readout's
 * key (the nearest key word before it) and slot (0, or the ordinal word right before it).
 * Every malformed unit fails here with a one-line reason.
 */
record ProbeInput(Task task, int[] tokens, Needle[] needles, Readout[] readouts, String[] answers) {

    record Needle(int start, int length, int keyId, int slot, int[] digits) {}

    record Readout(int position, int keyId, int slot) {}

    static ProbeInput of(WorkUnit u, ProbeDims dims) {
        Task task = Task.of(u.task());
        int[] t = u.tokens();
        if (t == null || t.length != u.length()) {
            throw new IllegalArgumentException("tokens has " + (t == null ? 0 : t.length) + " ids but length is " + u.length());
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0 || t[i] >= Tokenizer.VOCAB) {
                throw new IllegalArgumentException("token id " + t[i] + " at position " + i + " is outside the vocabulary [0, " + Tokenizer.VOCAB + ")");
            }
        }
        int[] pos = u.needlePositions();
        int[] len = u.needleLengths();
        if (pos == null || len == null || pos.length != len.length || pos.length < task.answerNeedles()) {
            throw new IllegalArgumentException("needle positions and lengths must have the same count, at least "
                    + task.answerNeedles() + " for task " + task.id());
        }
        Needle[] needles = new Needle[pos.length];
        for (int j = 0; j < pos.length; j++) needles[j] = needle(t, j, pos[j], len[j], task.digits(), dims);
        String[] answers = u.answer() == null ? new String[0] : u.answer().split(",");
        int[] ro = u.readoutPositions();
        if (ro == null || ro.length != answers.length) {
            throw new IllegalArgumentException("answer '" + u.answer() + "' has " + answers.length + " parts but the unit has "
                    + (ro == null ? 0 : ro.length) + " readout positions");
        }
        Readout[] readouts = new Readout[ro.length];
        for (int r = 0; r < ro.length; r++) readouts[r] = readout(t, r, ro[r], dims);
        return new ProbeInput(task, t, needles, readouts, answers);
    }

    private static Needle needle(int[] t, int j, int start, int length, int digits, ProbeDims dims) {
        if (start < 0 || length <= 0 || start + length > t.length) {
            throw new IllegalArgumentException("needle " + j + " at [" + start + ", " + (start + length) + ") lies outside the sequence of " + t.length + " tokens");
        }
        int key = -1, slot = -1, run = -1;
        for (int i = start; i < start + length; i++) {
            if (key < 0 && Words.isKey(t[i])) key = t[i];
            if (slot < 0 && Words.ordinal(t[i]) >= 0) slot = Words.ordinal(t[i]);
            if (run < 0 && Tokenizer.isDigit(t[i])) run = i;
        }
        if (key < 0) throw new IllegalArgumentException("needle " + j + " at " + start + " contains no key word");
        if (run < 0 || run + digits > start + length) {
            throw new IllegalArgumentException("needle " + j + " at " + start + " has no run of " + digits + " digit tokens");
        }
        int[] value = new int[digits]; // (digits) the needle's number, most significant first
        for (int i = 0; i < digits; i++) {
            if (!Tokenizer.isDigit(t[run + i])) {
                throw new IllegalArgumentException("needle " + j + " at " + start + " has a value shorter than " + digits + " digits");
            }
            value[i] = t[run + i];
        }
        return new Needle(start, length, key, checkSlot(Math.max(0, slot), dims, "needle " + j), value);
    }

    private static Readout readout(int[] t, int r, int p, ProbeDims dims) {
        if (p < 0 || p >= t.length) throw new IllegalArgumentException("readout " + r + " at " + p + " lies outside the sequence");
        int key = -1;
        for (int i = p; i >= 0 && key < 0; i--) if (Words.isKey(t[i])) key = t[i];
        if (key < 0) throw new IllegalArgumentException("readout " + r + " at " + p + " has no key word before it");
        int slot = p > 0 ? Math.max(0, Words.ordinal(t[p - 1])) : 0;
        return new Readout(p, key, checkSlot(slot, dims, "readout " + r));
    }

    private static int checkSlot(int slot, ProbeDims dims, String what) {
        if (slot >= dims.slots()) {
            throw new IllegalArgumentException(what + " needs payload slot " + slot + " but head-dim " + dims.headDim()
                    + " gives only " + dims.slots() + " slot(s) of " + ProbeDims.SLOT_WIDTH + " dims");
        }
        return slot;
    }
}
