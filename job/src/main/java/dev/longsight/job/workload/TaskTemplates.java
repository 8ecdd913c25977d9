package dev.longsight.job.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Needle and question texts of each task, after the public conventions: the passkey needle of
 * Mohtashami and Jaggi ("The pass key is N. Remember it. N is the pass key.") and RULER's
 * "One of the special magic numbers for KEY is: N." needles. Each question ends with one readout
 * token per answer part (the token whose output the probe decodes). Deviation from RULER, for the
 * probe's sake: multi-value needles are numbered ("The second special magic number for KEY is: N.")
 * and the question asks "the first is, the second is, ...", so each value has its own payload slot.
 */
final class TaskTemplates {
    private TaskTemplates() {}

    /** Draws keys and values for one unit of {@code task} from {@code rnd}. */
    static TaskInstance draw(Task task, SplittableRandom rnd) {
        List<String> keys = distinctKeys(rnd, task.needles());
        List<String> values = distinctValues(rnd, task.needles(), task.digits());
        List<int[]> needles = new ArrayList<>();
        Question q = new Question();
        switch (task) {
            case PASSKEY -> {
                String v = values.get(0);
                needles.add(Tokenizer.encode("The pass key is " + v + ". Remember it. " + v + " is the pass key."));
                q.text("What is the pass key? The pass key is").readout();
                return new TaskInstance(needles, q.tokens(), q.readouts(), List.of(v));
            }
            case NIAH_SINGLE, NIAH_MULTIKEY -> {
                for (int i = 0; i < task.needles(); i++) needles.add(magic(keys.get(i), values.get(i)));
                String key = keys.get(0);
                q.text("What is the special magic number for " + key + " mentioned in the provided text? "
                        + "The special magic number for " + key + " mentioned in the provided text is").readout();
                return new TaskInstance(needles, q.tokens(), q.readouts(), List.of(values.get(0)));
            }
            case NIAH_MULTIVALUE -> {
                String key = keys.get(0);
                for (int i = 0; i < task.needles(); i++) {
                    needles.add(Tokenizer.encode("The " + Words.ORDINALS.get(i) + " special magic number for " + key
                            + " is: " + values.get(i) + "."));
                }
                q.text("What are all the special magic numbers for " + key + " mentioned in the provided text?");
                for (int i = 0; i < task.needles(); i++) {
                    q.text((i == 0 ? "The " : ", the ") + Words.ORDINALS.get(i) + " is").readout();
                }
                return new TaskInstance(needles, q.tokens(), q.readouts(), values);
            }
            case NIAH_MULTIQUERY -> {
                for (int i = 0; i < task.needles(); i++) needles.add(magic(keys.get(i), values.get(i)));
                q.text("What are all the special magic numbers for " + String.join(", ", keys.subList(0, keys.size() - 1))
                        + " and " + keys.get(keys.size() - 1) + " mentioned in the provided text?");
                for (int i = 0; i < task.needles(); i++) {
                    q.text((i == 0 ? "The special magic number for " : ", for ") + keys.get(i) + " is").readout();
                }
                return new TaskInstance(needles, q.tokens(), q.readouts(), values);
            }
            default -> throw new IllegalStateException("no template for " + task);
        }
    }

    private static int[] magic(String key, String value) {
        return Tokenizer.encode("One of the special magic numbers for " + key + " is: " + value + ".");
    }

    static List<String> distinctKeys(SplittableRandom rnd, int n) {
        List<String> pool = new ArrayList<>(Words.KEYS);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(pool.remove(rnd.nextInt(pool.size())));
        return out;
    }

    static List<String> distinctValues(SplittableRandom rnd, int n, int digits) {
        long lo = (long) Math.pow(10, digits - 1);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String v = Long.toString(lo + rnd.nextLong(9 * lo));
            if (!out.contains(v)) out.add(v);
        }
        return out;
    }

    /** Builds a question's tokens and remembers where its readout tokens are. */
    private static final class Question {
        private final List<Integer> tokens = new ArrayList<>();
        private final List<Integer> readouts = new ArrayList<>();

        Question text(String s) {
            for (int id : Tokenizer.encode(s)) tokens.add(id);
            return this;
        }

        /** The last token so far is a readout. */
        Question readout() {
            readouts.add(tokens.size() - 1);
            return this;
        }

        int[] tokens() { return tokens.stream().mapToInt(Integer::intValue).toArray(); }
        int[] readouts() { return readouts.stream().mapToInt(Integer::intValue).toArray(); }
    }
}
