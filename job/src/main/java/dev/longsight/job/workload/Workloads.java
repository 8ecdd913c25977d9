package dev.longsight.job.workload;

import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.kernels.model.ModelTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Expands a sweep into work units. Order: task, length, depth, sample, then pattern; the patterns
 * of one (task, length, depth, sample) cell share its tokens and seed, so patterns are compared on
 * identical inputs. Everything is a function of the sweep, the documents and the seed.
 */
public final class Workloads {
    private Workloads() {}

    /** Where the default sweep's file lives; {@link #defaultSweep()} equals it (a test checks). */
    public static final String DEFAULT_SWEEP_FILE = "sample-data/sweep.properties";

    /** The units of {@code sweep}, passkey on its classic filler sentences (the public convention). */
    public static List<WorkUnit> expand(SweepSpec sweep, List<Document> docs) { return expand(sweep, docs, true); }

    /** The units of {@code sweep}; with {@code passkeyFiller} false, passkey's haystacks are cut from {@code docs} like the others'. */
    public static List<WorkUnit> expand(SweepSpec sweep, List<Document> docs, boolean passkeyFiller) {
        List<Task> tasks = sweep.tasks().stream().map(Task::of).toList();
        Haystack filler = Haystack.filler();
        Predicate<Task> fromCorpus = t -> t.usesCorpus() || !passkeyFiller;
        Haystack corpus = tasks.stream().anyMatch(fromCorpus) ? Haystack.corpus(docs) : null;
        List<WorkUnit> units = new ArrayList<>();
        for (Task task : tasks) {
            for (int length : sweep.lengths()) {
                for (int di = 0; di < sweep.depths().size(); di++) {
                    double depth = sweep.depths().get(di);
                    for (int sample = 0; sample < sweep.samples(); sample++) {
                        long seed = Seeds.mix(sweep.seed(), task.ordinal(), length, Double.doubleToLongBits(depth), sample);
                        SplittableRandom rnd = new SplittableRandom(seed);
                        TaskInstance inst = TaskTemplates.draw(task, rnd);
                        UnitPlacement p = UnitPlacement.place(task, length, depth, inst,
                                fromCorpus.test(task) ? corpus : filler, rnd);
                        String answer = String.join(",", inst.answers());
                        int question = p.readoutPositions()[p.readoutPositions().length - 1];
                        for (String pattern : sweep.patterns()) {
                            String id = task.id() + "-L" + length + "-d" + depth + "-s" + sample + "-" + pattern;
                            units.add(new WorkUnit(id, task.id(), pattern, length, depth, sample, seed, p.docId(),
                                    p.tokens(), p.needlePositions(), question, answer, p.needleLengths(), p.readoutPositions()));
                        }
                    }
                }
            }
        }
        return units;
    }

    /**
     * The units a real model scores, one per cell and pattern (ids end in "-model"): each cell rendered
     * in RULER's wording and tokenized by the model's tokenizer ({@link ModelPrompts}), {@code length}
     * counted in those tokens. Keys and values are the probe units' of the same cell.
     */
    public static List<WorkUnit> expandModel(SweepSpec sweep, List<Document> docs, boolean passkeyFiller, ModelTokenizer tok,
                                             ChatTemplate chat) {
        List<WorkUnit> units = new ArrayList<>();
        for (ModelCell c : renderModel(sweep, docs, passkeyFiller, tok, chat)) {
            int question = c.answerStart() - 1; // the last prompt token: its logits predict the answer's first
            String answer = c.answer().strip().replace(", ", ",");
            for (String pattern : sweep.patterns()) {
                String id = c.task() + "-L" + c.length() + "-d" + c.depth() + "-s" + c.sample() + "-" + pattern + "-" + WorkUnit.MODEL;
                units.add(new WorkUnit(id, c.task(), pattern, c.length(), c.depth(), c.sample(), c.seed(), c.document(), c.tokens(),
                        c.needlePositions(), question, answer, c.needleLengths(), new int[] {question}, WorkUnit.MODEL,
                        c.answerStart()));
            }
        }
        return units;
    }

    /**
     * One (task, length, depth, sample) cell as a real model sees it: the prompt in RULER's wording
     * ({@link ModelPrompts}), the gold answer, and their tokens in the model's tokenizer.
     *
     * @param text            the prompt followed by the gold answer
     * @param tokens          (prompt + answer) token ids of {@code text}, special tokens included
     * @param answerStart     index of the answer's first token in {@code tokens}
     * @param needlePositions (needles) first token of each needle, answer needles first
     * @param needleLengths   (needles) tokens of each needle
     * @param answer          the gold continuation (leading space; several values joined by ", ")
     */
    public record ModelCell(String task, int length, double depth, int sample, long seed, String document, String text, int[] tokens,
                            int answerStart, int[] needlePositions, int[] needleLengths, String answer) {}

    /** Every cell of {@code sweep} rendered for a model: what {@link #expandModel} scores, once per cell rather than per pattern. */
    public static List<ModelCell> renderModel(SweepSpec sweep, List<Document> docs, boolean passkeyFiller, ModelTokenizer tok,
                                              ChatTemplate chat) {
        List<Task> tasks = sweep.tasks().stream().map(Task::of).toList();
        Predicate<Task> fromCorpus = t -> t.usesCorpus() || !passkeyFiller;
        TextHaystack filler = TextHaystack.filler();
        TextHaystack corpus = tasks.stream().anyMatch(fromCorpus) ? TextHaystack.corpus(docs) : null;
        List<ModelCell> cells = new ArrayList<>();
        for (Task task : tasks) {
            for (int length : sweep.lengths()) {
                for (double depth : sweep.depths()) {
                    for (int sample = 0; sample < sweep.samples(); sample++) {
                        long seed = Seeds.mix(sweep.seed(), task.ordinal(), length, Double.doubleToLongBits(depth), sample);
                        TextHaystack hay = fromCorpus.test(task) ? corpus : filler;
                        int start = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L).nextInt(hay.documents());
                        ModelPrompts.Prompt p = ModelPrompts.fit(task, seed, length, depth, hay, start, tok, chat);
                        cells.add(new ModelCell(task.id(), length, depth, sample, seed, hay.docId(start), p.text(), p.tokens(),
                                p.answerStart(), p.needlePositions(), p.needleLengths(), p.answer()));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * Refuses units whose tokens the model cannot embed: a tokenizer whose ids reach past config.json's
     * vocab_size would otherwise fail every such unit on the executors.
     */
    public static void checkVocabulary(List<WorkUnit> units, int vocabSize, String tokenizer, String config) {
        for (WorkUnit u : units) {
            int[] t = u.tokens();
            for (int i = 0; i < t.length; i++) {
                if (t[i] < 0 || t[i] >= vocabSize) {
                    throw new IllegalArgumentException("option '--model': " + tokenizer + " gives token id " + t[i] + " (unit " + u.unitId()
                            + ", position " + i + "); expected ids below " + config + "'s vocab_size " + vocabSize);
                }
            }
        }
    }

    /**
     * The sample sweep of {@value #DEFAULT_SWEEP_FILE}, as a constant so executors and jars need no
     * file: every task at 1K, 2K and 4K tokens, three depths, one sample, full vs the paper's
     * sliding and power presets (135 units, sized for a 2-core machine without a GPU).
     */
    public static SweepSpec defaultSweep() {
        return new SweepSpec(List.of("passkey", "niah-single", "niah-multikey", "niah-multivalue", "niah-multiquery"),
                List.of(1024, 2048, 4096), List.of(0.1, 0.5, 0.9), 1,
                List.of("full", "paper-sliding", "paper-power"), 42L);
    }
}
