package dev.longsight.job.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * A real model's haystack as text: the documents cut into pieces (lines, a long line cut every
 * {@value #MAX_WORDS} words), taken in stream order from a chosen document and cycling, as
 * {@link Haystack} takes probe tokens. Passkey's filler is one piece, the classic filler sentences.
 * A piece is the unit a prompt grows by, so a prompt meets its target length to within one piece.
 */
final class TextHaystack {
    static final int MAX_WORDS = 50;

    private final List<List<String>> docs; // (documents) (pieces) of each non-empty document
    private final List<String> ids;        // (documents) document ids, aligned with docs

    private TextHaystack(List<List<String>> docs, List<String> ids) {
        this.docs = docs;
        this.ids = ids;
    }

    static TextHaystack filler() { return new TextHaystack(List.of(List.of(Haystack.FILLER.strip())), List.of("filler")); }

    static TextHaystack corpus(List<Document> documents) {
        List<List<String>> pieces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Document d : documents) {
            List<String> p = pieces(d.text());
            if (!p.isEmpty()) {
                pieces.add(p);
                names.add(d.id());
            }
        }
        if (pieces.isEmpty()) throw new IllegalArgumentException("the corpus has no document with text: the tasks cut their haystacks from it");
        return new TextHaystack(List.copyOf(pieces), List.copyOf(names));
    }

    /** A text's pieces: its non-blank lines, each cut into runs of at most {@value #MAX_WORDS} words. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 1 && words[0].isEmpty()) continue;
            for (int i = 0; i < words.length; i += MAX_WORDS) {
                out.add(String.join(" ", java.util.Arrays.asList(words).subList(i, Math.min(words.length, i + MAX_WORDS))));
            }
        }
        return out;
    }

    int documents() { return docs.size(); }

    String docId(int start) { return ids.get(start); }

    /** The first {@code count} pieces of the stream that starts at document {@code start}. */
    List<String> take(int start, int count) {
        List<String> out = new ArrayList<>(count);
        int d = start, p = 0;
        while (out.size() < count) {
            List<String> doc = docs.get(d);
            out.add(doc.get(p++));
            if (p == doc.size()) {
                p = 0;
                d = (d + 1) % docs.size();
            }
        }
        return out;
    }
}
