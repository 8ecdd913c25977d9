package dev.longsight.job.workload;

import java.util.List;

/**
 * An endless token stream that haystacks are cut from: either the classic passkey filler sentences
 * repeated, or the corpus's documents tokenized and concatenated in order, starting at a chosen
 * document and cycling back to the first when the corpus is shorter than the haystack.
 */
final class Haystack {
    /** The passkey convention's filler (Mohtashami and Jaggi, 2023), repeated as needed. */
    static final String FILLER = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again. ";

    private final List<int[]> docs; // (documents) token ids of each non-empty document
    private final List<String> ids; // (documents) document ids, aligned with docs

    private Haystack(List<int[]> docs, List<String> ids) {
        this.docs = docs;
        this.ids = ids;
    }

    static Haystack filler() { return new Haystack(List.of(Tokenizer.encode(FILLER)), List.of("filler")); }

    /** Tokenizes every document once; documents without tokens are left out. */
    static Haystack corpus(List<Document> documents) {
        List<int[]> toks = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (Document d : documents) {
            int[] t = Tokenizer.encode(d.text());
            if (t.length > 0) {
                toks.add(t);
                names.add(d.id());
            }
        }
        if (toks.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no document with text: the tasks cut their haystacks from it");
        }
        return new Haystack(List.copyOf(toks), List.copyOf(names));
    }

    int documents() { return docs.size(); }

    String docId(int start) { return ids.get(start); }

    /** Fills {@code out} with {@code count} tokens starting at document {@code start}, cycling. */
    void fill(int start, int[] out, int count) {
        int d = start;
        int p = 0;
        for (int i = 0; i < count; i++) {
            int[] doc = docs.get(d);
            out[i] = doc[p++];
            if (p == doc.length) {
                p = 0;
                d = (d + 1) % docs.size();
            }
        }
    }
}
