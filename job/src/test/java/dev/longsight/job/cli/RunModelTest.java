package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.model.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --model}: a bad checkpoint is one line naming the file and field, before anything runs. */
class RunModelTest {
    @TempDir Path tmp;

    private Cli.Run run(String... extra) {
        String[] base = {"run", "--output", tmp.resolve("out").toString(), "--tasks", "passkey", "--lengths", "256", "--depths", "0.5",
                "--patterns", "full", "--device", "jtp", "--master", "local[1]"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    private void assertRefused(String message, String... extra) {
        Cli.Run r = run(extra);
        assertEquals(2, r.code(), r.err());
        assertEquals(message, r.err().strip().lines().reduce((a, b) -> b).orElse("")); // after any log line of Hadoop's
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void badCheckpointsAreOneLineNamingTheFileAndField() throws Exception {
        Path dir = TinyModel.write(tmp.resolve("tiny"), 1024);
        assertRefused("run: option '--model': " + tmp.resolve("none").resolve("config.json")
                + ": no such file; expected a Hugging Face checkpoint directory", "--model", tmp.resolve("none").toString());
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"llama\"", "\"gpt2\""));
        assertRefused("run: option '--model': " + dir.resolve("config.json") + ": field 'model_type' is \"gpt2\"; expected one of llama, mistral, qwen2",
                "--model", dir.toString());
        Path other = TinyModel.write(tmp.resolve("tiny2"), 1024);
        Files.delete(other.resolve("tokenizer.json"));
        assertRefused("run: option '--model': " + other.resolve("tokenizer.json") + ": no such file; expected the checkpoint's Hugging Face tokenizer",
                "--model", other.toString());
        Path chat = TinyModel.write(tmp.resolve("tiny3"), 1024);
        assertRefused("run: option '--model': " + chat.resolve("tokenizer_config.json")
                + ": no such file; --chat-template needs the checkpoint's chat template", "--model", chat.toString(), "--chat-template");
        assertRefused("run: option '--with-probe': expected --model with it (without a model the probe scores every unit), got no --model",
                "--with-probe");
    }

    /** An explicit OpenCL device means the device forward: a shape it cannot run is refused on the driver, not per unit. */
    @Test
    void aShapeTheDeviceForwardCannotRunIsRefusedBeforeAnyUnit() throws Exception {
        Path dir = TinyModel.write(tmp.resolve("tiny"), 1024); // intermediate_size 112: no multiple of 32
        Cli.Run r = Cli.run("run", "--output", tmp.resolve("out").toString(), "--tasks", "passkey", "--lengths", "256", "--depths", "0.5",
                "--patterns", "full", "--device", "cpu", "--master", "local[1]", "--model", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().endsWith("run: option '--model': " + dir.resolve("config.json") + ": hidden_size 64, num_attention_heads x head_dim 64 "
                + "and intermediate_size 112 must be multiples of 32 for the device forward's tensor-core GEMMs (on Java threads the reference runs any shape)"),
                r.err());
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void aTokenizerWhoseIdsPassTheVocabularyIsOneLineBeforeAnyUnit() throws Exception {
        Path dir = TinyModel.write(tmp.resolve("tiny"), 1024);
        String config = Files.readString(dir.resolve("config.json"));
        Files.writeString(dir.resolve("config.json"), config.replaceAll("\"vocab_size\"\\s*:\\s*\\d+", "\"vocab_size\" : 5"));
        Cli.Run r = run("--model", dir.toString(), "--input", "../sample-data/corpus");
        assertEquals(2, r.code(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("run: option '--model': " + dir.resolve("tokenizer.json") + " gives token id ")
                && last.endsWith("expected ids below " + dir.resolve("config.json") + "'s vocab_size 5"), last);
        assertTrue(!Files.exists(tmp.resolve("out").resolve("results.parquet")), "no results");
    }
}
