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

    /** Byte-level BPE as Llama 3 and Qwen2 ship it: merges, a BOS from the post-processor, spaces as 'Ġ'. */
    @Test
    void runsAByteLevelBpeTokenizerAsLlama3Ships() throws Exception {
        String json = """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [{"id": 9, "content": "<|begin_of_text|>", "single_word": false, "lstrip": false, "rstrip": false,
                                   "normalized": false, "special": true}],
                 "normalizer": null,
                 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
                 "post_processor": {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                   "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                            {"Sequence": {"id": "B", "type_id": 1}}],
                   "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [9], "tokens": ["<|begin_of_text|>"]}}},
                 "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
                 "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                           "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
                           "vocab": {"t": 1, "h": 2, "e": 3, "\u0120": 4, "th": 5, "the": 6, "\u0120the": 8},
                           "merges": ["t h", "th e", "\u0120 the"]}}
                """;
        Files.writeString(dir.resolve("tokenizer.json"), json);
        try (ModelTokenizer tok = ModelTokenizer.open(ModelFiles.local(dir))) {
            assertArrayEquals(new int[] {9, 6, 8, 8}, tok.encode("the the the"));
            assertEquals(" the", tok.token(8));
            assertEquals("<|begin_of_text|>", tok.token(9));
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
