package dev.longsight.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTokenizerTest {
    @TempDir Path dir;

    @Test
    void encodesWithTheBosTheTokenizerAddsAndDecodesSingleTokens() throws Exception {
        RandomCheckpoint.writeTokenizer(dir.resolve("tokenizer.json"), 100);
        try (ModelTokenizer tok = ModelTokenizer.open(ModelFiles.local(dir))) {
            assertArrayEquals(new int[] {1, 5, 42, 0, 99}, tok.encode("w5 w42 unknown w99"));
            assertEquals("w42", tok.token(42));
            assertEquals("<s>", tok.token(1));
        }
    }

    @Test
    void keepsEveryTokenOfALongText() throws Exception {
        RandomCheckpoint.writeTokenizer(dir.resolve("tokenizer.json"), 100);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) text.append("w").append(2 + i % 98).append(i % 7 == 0 ? ".\n" : " ");
        try (ModelTokenizer tok = ModelTokenizer.open(ModelFiles.local(dir))) {
            int[] ids = tok.encode(text.toString());
            int periods = 3000 / 7 + 1; // '.' is not in the vocabulary: each becomes <unk>
            assertEquals(1 + 3000 + periods, ids.length);
            assertEquals(2 + 2999 % 98, ids[ids.length - 1]);
        }
    }

    @Test
    void aMissingOrBrokenTokenizerIsOneLineNamingTheFile() throws Exception {
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> ModelTokenizer.open(ModelFiles.local(dir)));
        assertTrue(missing.getMessage().startsWith(dir.resolve("tokenizer.json").toString()), missing.getMessage());
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"NoSuchModel\"}}");
        ModelFormatException broken = assertThrows(ModelFormatException.class, () -> ModelTokenizer.open(ModelFiles.local(dir)));
        assertTrue(broken.getMessage().startsWith(dir.resolve("tokenizer.json").toString()), broken.getMessage());
        assertFalse(broken.getMessage().contains("\n"), broken.getMessage());
    }
}
