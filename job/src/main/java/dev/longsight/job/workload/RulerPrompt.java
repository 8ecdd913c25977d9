package dev.longsight.job.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One unit's prompt in RULER's wording (NVIDIA/RULER's synthetic templates) for a real model: the
 * instruction before the haystack, the question after it, the answer prefix the model continues, the
 * needle sentences (answer needles first) and the gold continuation scored by teacher forcing.
 * Passkey uses the passkey literature's instruction and needle ("There is an important info hidden
 * inside a lot of irrelevant text. ..."; "The pass key is N. Remember it. N is the pass key.").
 *
 * <p>The gold answer is the value with a leading space, continuing the prefix ("The pass key is" +
 * " 71432"); several values are joined by ", " in the order the question implies: multi-query in the
 * order the keys are asked, multi-value in the order the needles stand in the text.
 *
 * @param before       the text before the haystack (ends with a newline)
 * @param after        the text after the haystack (the question, starting with a newline)
 * @param answerPrefix what the model's answer begins with, continued by the gold answer
 * @param needles      (needles) needle sentences, answer needles first
 * @param values       (needles) each needle's value, aligned with {@code needles}
 */
record RulerPrompt(Task task, String before, String after, String answerPrefix, List<String> needles, List<String> values) {
    static final String TYPE = "numbers"; // RULER's type_needle_v for number values

    /** Draws keys and values as the probe's units of the same cell do (same seed, same order), then words them as RULER does. */
    static RulerPrompt draw(Task task, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> keys = TaskTemplates.distinctKeys(rnd, task.needles());
        List<String> values = TaskTemplates.distinctValues(rnd, task.needles(), task.digits());
        List<String> needles = new ArrayList<>();
        if (task == Task.PASSKEY) {
            String v = values.get(0);
            return new RulerPrompt(task, "There is an important info hidden inside a lot of irrelevant text. Find it and memorize them. "
                    + "I will quiz you about the important information there.\n", "\nWhat is the pass key?", " The pass key is",
                    List.of("The pass key is " + v + ". Remember it. " + v + " is the pass key."), List.of(v));
        }
        String query = switch (task) {
            case NIAH_MULTIQUERY -> String.join(", ", keys.subList(0, keys.size() - 1)) + ", and " + keys.get(keys.size() - 1);
            default -> keys.get(0);
        };
        for (int i = 0; i < task.needles(); i++) {
            String key = task == Task.NIAH_MULTIVALUE ? keys.get(0) : keys.get(i);
            needles.add("One of the special magic " + TYPE + " for " + key + " is: " + values.get(i) + ".");
        }
        return new RulerPrompt(task,
                "Some special magic " + TYPE + " are hidden within the following text. Make sure to memorize it. "
                        + "I will quiz you about the " + TYPE + " afterwards.\n",
                "\nWhat are all the special magic " + TYPE + " for " + query + " mentioned in the provided text?",
                " The special magic " + TYPE + " for " + query + " mentioned in the provided text are", needles, values);
    }

    /** The gold continuation, given where each needle ended up in the text ({@code textOrder}: needle indices by position). */
    String answer(List<Integer> textOrder) {
        List<String> parts = new ArrayList<>();
        if (task == Task.NIAH_MULTIVALUE) {
            for (int i : textOrder) parts.add(values.get(i));
        } else {
            parts.addAll(values.subList(0, task.answerNeedles()));
        }
        return " " + String.join(", ", parts);
    }
}
