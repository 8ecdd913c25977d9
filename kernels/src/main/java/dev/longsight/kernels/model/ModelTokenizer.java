package dev.longsight.kernels.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A checkpoint's {@code tokenizer.json} run by Hugging Face's own tokenizers library (Rust, through DJL;
 * the native library ships in DJL's jar, so nothing is downloaded). Text is encoded as
 * {@code tokenizer(text)} does in transformers: the tokenizer's special tokens added (a Llama BOS, for
 * instance), no chat template, no truncation or padding.
 */
public final class ModelTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer) { this.tokenizer = tokenizer; }

    /** Loads {@code tokenizer.json} from a checkpoint directory. */
    public static ModelTokenizer open(ModelFiles files) throws IOException {
        if (!files.exists(Checkpoint.TOKENIZER)) {
            throw new ModelFormatException(files.describe(Checkpoint.TOKENIZER) + ": no such file; expected the checkpoint's Hugging Face tokenizer");
        }
        // Truncation and padding off whatever tokenizer.json says: every token of the text reaches the model.
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try (InputStream in = files.open(Checkpoint.TOKENIZER)) {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(in, options));
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ModelFormatException(files.describe(Checkpoint.TOKENIZER) + ": not a tokenizer the tokenizers library reads (" + m + ")", e);
        }
    }

    /** The token ids of a text, special tokens included. */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, true, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
        return out;
    }

    /** One token as text, special tokens spelled out. */
    public String token(int id) { return tokenizer.decode(new long[] {id}, false); }

    @Override
    public void close() { tokenizer.close(); }
}
