package dev.longsight.job.workload;

import dev.longsight.job.unit.WorkUnit;
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
