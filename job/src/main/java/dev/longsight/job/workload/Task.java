package dev.longsight.job.workload;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The retrieval tasks: passkey retrieval and RULER's needle-in-a-haystack variants. {@code needles}
 * is how many needles a unit holds, {@code answerNeedles} how many of them (the first ones) carry
 * the answer, {@code digits} the length of every answer number.
 */
public enum Task {
    PASSKEY("passkey", 1, 1, 5),
    NIAH_SINGLE("niah-single", 1, 1, 7),
    NIAH_MULTIKEY("niah-multikey", 4, 1, 7),
    NIAH_MULTIVALUE("niah-multivalue", 4, 4, 7),
    NIAH_MULTIQUERY("niah-multiquery", 4, 4, 7);

    private final String id;
    private final int needles;
    private final int answerNeedles;
    private final int digits;

    Task(String id, int needles, int answerNeedles, int digits) {
        this.id = id;
        this.needles = needles;
        this.answerNeedles = answerNeedles;
        this.digits = digits;
    }

    public String id() { return id; }
    public int needles() { return needles; }
    public int answerNeedles() { return answerNeedles; }
    public int digits() { return digits; }

    /** Whether the haystack is always cut from the corpus (passkey's is the classic filler sentences unless the user gave documents). */
    public boolean usesCorpus() { return this != PASSKEY; }

    public static String names() { return Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", ")); }

    public static Task of(String id) {
        for (Task t : values()) if (t.id.equals(id)) return t;
        throw new IllegalArgumentException("unknown task '" + id + "' (expected one of " + names() + ")");
    }
}
