package dev.longsight.job.workload;

import dev.longsight.job.model.ChatTemplate;
import dev.longsight.kernels.model.ModelTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders one cell for a real model: RULER's wording ({@link RulerPrompt}) around a haystack of
 * text pieces with the needles inserted, wrapped by the chat template, tokenized by the model's own
 * tokenizer, the haystack grown piece by piece to the most that fits the target length in model
 * tokens (prompt and gold answer together). The first (answer) needle stands before piece
 * {@code round(depth * pieces)}; the others at seeded random places, the same fractions of the haystack
 * whatever its size, so the search for the size sees one layout growing.
 */
final class ModelPrompts {
    private ModelPrompts() {}

    /**
     * One unit's tokens for a real model.
     *
     * @param tokens          (prompt + answer) token ids: the prompt, then the gold answer's
     * @param answerStart     index of the answer's first token in {@code tokens}
     * @param needlePositions (needles) first token of each needle, answer needles first
     * @param needleLengths   (needles) tokens of each needle
     * @param answer          the gold continuation as text (leading space included)
     */
    record Prompt(String text, int[] tokens, int answerStart, int[] needlePositions, int[] needleLengths, String answer) {}

    /** The prompt of {@code task} at {@code length} model tokens, its haystack from {@code start} of {@code hay}. */
    static Prompt fit(Task task, long seed, int length, double depth, TextHaystack hay, int start, ModelTokenizer tok, ChatTemplate chat) {
        RulerPrompt rp = RulerPrompt.draw(task, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] fractions = new double[rp.needles().size()]; // (needles) where needles after the first go, as a share of the haystack
        for (int j = 1; j < fractions.length; j++) fractions[j] = rnd.nextDouble();
        Layout none = layout(rp, hay.take(start, 0), depth, fractions, chat);
        int bare = tok.encode(none.full()).length;
        if (bare > length) {
            throw new IllegalArgumentException("length " + length + " is too short for task " + task.id() + " in this model's tokens: "
                    + "its instruction, needles, question and answer alone take " + bare + " tokens");
        }
        // Grow geometrically until too long, then bisect: the largest piece count whose tokens fit.
        int lo = 0, hi = 1;
        while (count(rp, hay, start, hi, depth, fractions, chat, tok) <= length) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (count(rp, hay, start, mid, depth, fractions, chat, tok) <= length) lo = mid;
            else hi = mid;
        }
        Layout l = layout(rp, hay.take(start, lo), depth, fractions, chat);
        ModelTokenizer.Encoded enc = tok.encodeWithSpans(l.full());
        int[] prompt = tok.encode(l.text());
        if (prompt.length >= enc.ids().length || !Arrays.equals(prompt, Arrays.copyOf(enc.ids(), prompt.length))) {
            throw new IllegalArgumentException("task " + task.id() + ": the tokens of prompt + answer do not begin with the prompt's tokens "
                    + "with this tokenizer, so the answer cannot be scored token by token");
        }
        int n = rp.needles().size();
        int[] pos = new int[n], len = new int[n];
        for (int j = 0; j < n; j++) {
            pos[j] = enc.tokenAt(l.needleStart()[j]);
            len[j] = enc.tokenAt(l.needleStart()[j] + rp.needles().get(j).length() - 1) - pos[j] + 1;
        }
        return new Prompt(l.full(), enc.ids(), prompt.length, pos, len, l.answer());
    }

    private static int count(RulerPrompt rp, TextHaystack hay, int start, int pieces, double depth, double[] fractions,
                             ChatTemplate chat, ModelTokenizer tok) {
        return tok.encode(layout(rp, hay.take(start, pieces), depth, fractions, chat).full()).length;
    }

    /** The rendered text with the char offset of each needle in it. */
    private record Layout(String text, String answer, int[] needleStart) {
        String full() { return text + answer; }
    }

    private static Layout layout(RulerPrompt rp, List<String> pieces, double depth, double[] fractions, ChatTemplate chat) {
        int k = pieces.size(), n = rp.needles().size();
        int[] gap = new int[n]; // (needles) the needle stands before piece gap[j] (k: after the last)
        gap[0] = (int) Math.round(depth * k);
        for (int j = 1; j < n; j++) gap[j] = Math.min(k, (int) Math.floor(fractions[j] * (k + 1)));
        StringBuilder context = new StringBuilder();
        int[] at = new int[n]; // (needles) char offset in the context
        for (int g = 0; g <= k; g++) {
            for (int j = 0; j < n; j++) {
                if (gap[j] != g) continue;
                if (context.length() > 0) context.append(' ');
                at[j] = context.length();
                context.append(rp.needles().get(j));
            }
            if (g < k) {
                if (context.length() > 0) context.append(' ');
                context.append(pieces.get(g));
            }
        }
        String user = rp.before() + context + rp.after();
        String text = chat.render(user, rp.answerPrefix());
        int base = text.indexOf(user) + rp.before().length();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < n; j++) order.add(j);
        order.sort(Comparator.comparingInt(j -> at[j]));
        int[] start = new int[n];
        for (int j = 0; j < n; j++) start[j] = base + at[j];
        return new Layout(text, rp.answer(order), start);
    }
}
