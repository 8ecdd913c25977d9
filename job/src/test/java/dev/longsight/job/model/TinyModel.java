package dev.longsight.job.model;

import dev.longsight.job.workload.Words;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.Dtype;
import dev.longsight.kernels.model.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test fixture: a tiny random Llama (2 layers, hidden 64) whose word-level tokenizer knows the words
 * of RULER's prompts, the filler sentences, the needle keys and every digit (one token each), so that
 * rendered prompts tokenize to real ids and a passkey's digits are tokens of their own.
 */
public final class TinyModel {
    private TinyModel() {}

    /** Text whose words the tokenizer knows. */
    static final String KNOWN = "There is an important info hidden inside a lot of irrelevant text. Find it and memorize them. "
            + "I will quiz you about the important information there. What is the pass key? The pass key is Remember it. "
            + "Some special magic numbers are hidden within the following text. Make sure to memorize it. I will quiz you about "
            + "the numbers afterwards. What are all the special magic numbers for mentioned in the provided text? "
            + "One of the special magic numbers for is: The grass is green. The sky is blue. The sun is yellow. Here we go. "
            + "There and back again. alpha river stone cloud quiet number garden light paper window";

    public static List<String> words() {
        Set<String> w = new LinkedHashSet<>();
        for (String s : KNOWN.split("\\s+|(?=[.?:,])|(?<=[.?:,])")) if (!s.isBlank()) w.add(s);
        w.addAll(Words.KEYS);
        for (int d = 0; d <= 9; d++) w.add(String.valueOf(d));
        w.add(",");
        return new ArrayList<>(w);
    }

    /** Writes the model into {@code dir}; its context reaches {@code maxPositions}. */
    public static Path write(Path dir, int maxPositions) throws IOException {
        Map<String, Object> fields = RandomCheckpoint.tinyLlama();
        fields.put("vocab_size", words().size() + 2);
        fields.put("max_position_embeddings", maxPositions);
        fields.put("_name_or_path", "tiny-random-llama");
        RandomCheckpoint.write(dir, fields, Dtype.BF16, 1, 5);
        RandomCheckpoint.writeTokenizer(dir.resolve(Checkpoint.TOKENIZER), words(), true);
        return dir;
    }
}
