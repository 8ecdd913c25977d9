package dev.longsight.job.workload;

import java.util.List;

/**
 * The special words of the tasks: needle keys (made-up words that natural text does not contain,
 * plus "pass" for the passkey) and the ordinals that number multi-value needles. The probe reads a
 * needle's key and slot from these token ids.
 */
public final class Words {
    private Words() {}

    /** Keys of RULER-style needles: invented words, so a corpus does not mention them by chance. */
    public static final List<String> KEYS = List.of(
            "zorvik", "plemtar", "quandel", "brisolt", "vantrel", "mobrick", "fendara", "tulvane",
            "grisham", "oblenta", "curvash", "delmora", "yaskit", "heltrun", "norvela", "pazimo",
            "ruskell", "sovrant", "trelmic", "umbrisk", "wendrox", "xalvine", "jorpeth", "kelvast");

    /** The passkey's key word ("The pass key is ..."). */
    public static final String PASS = "pass";

    public static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

    private static final int[] KEY_IDS = ids(KEYS, PASS);
    private static final int[] ORDINAL_IDS = ids(ORDINALS, null);

    private static int[] ids(List<String> words, String extra) {
        int[] out = new int[words.size() + (extra == null ? 0 : 1)];
        for (int i = 0; i < words.size(); i++) out[i] = Tokenizer.idOf(words.get(i));
        if (extra != null) out[words.size()] = Tokenizer.idOf(extra);
        return out;
    }

    public static boolean isKey(int id) {
        for (int k : KEY_IDS) if (k == id) return true;
        return false;
    }

    /** 0 for "first" .. 3 for "fourth", -1 for any other token. */
    public static int ordinal(int id) {
        for (int i = 0; i < ORDINAL_IDS.length; i++) if (ORDINAL_IDS[i] == id) return i;
        return -1;
    }
}
