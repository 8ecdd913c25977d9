package dev.longsight.job.workload;

import java.util.Arrays;

/**
 * The project's simple, documented tokenizer. Text is lowercased and split into tokens: a maximal
 * run of letters is one token, every digit is its own token (as in LLaMA-style tokenizers, so a
 * number is a run of digit tokens), every other non-space character is its own token, and white
 * space separates tokens. Digit {@code c} has id {@code c - '0'} (0..9); any other token has id
 * {@code 10 + FNV-1a-32(token) mod (VOCAB - 10)}, so the vocabulary is open and ids are stable
 * across machines and runs. No decoding is needed: answers are kept as strings.
 */
public final class Tokenizer {
    private Tokenizer() {}

    /** Token ids lie in [0, VOCAB). */
    public static final int VOCAB = 1 << 20;

    public static int[] encode(String text) {
        int[] out = new int[Math.max(16, text.length() / 3)]; // (capacity) ids, grown as needed
        int n = 0;
        int i = 0;
        int len = text.length();
        while (i < len) {
            char c = text.charAt(i);
            int id;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c >= '0' && c <= '9') {
                id = c - '0';
                i++;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < len && Character.isLetter(text.charAt(j))) j++;
                id = idOf(text.substring(i, j).toLowerCase(java.util.Locale.ROOT));
                i = j;
            } else {
                int cp = text.codePointAt(i);
                int w = Character.charCount(cp);
                id = idOf(text.substring(i, i + w));
                i += w;
            }
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }

    /** The id of one token as {@link #encode} would produce it (lowercase word, digit or symbol). */
    public static int idOf(String token) {
        if (token.length() == 1 && token.charAt(0) >= '0' && token.charAt(0) <= '9') return token.charAt(0) - '0';
        int h = 0x811c9dc5;
        for (int k = 0; k < token.length(); k++) {
            h ^= token.charAt(k);
            h *= 0x01000193;
        }
        return 10 + Math.floorMod(h, VOCAB - 10);
    }

    public static boolean isDigit(int id) { return id >= 0 && id <= 9; }
}
