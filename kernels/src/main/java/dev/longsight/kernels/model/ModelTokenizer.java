package dev.longsight.kernels.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A checkpoint's {@code tokenizer.json} run by Hugging Face's own tokenizers library (Rust, through DJL;
 * the native library ships in DJL's jar, so nothing is downloaded). Text is encoded as
 * {@code tokenizer(text)} does in transformers: the tokenizer's special tokens added (a Llama BOS, for
 * instance), no chat template, no truncation or padding.
 */
public final class ModelTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Map<Integer, String> added; // id -> content of tokenizer.json's added_tokens

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Map<Integer, String> added) {
        this.tokenizer = tokenizer;
        this.added = added;
    }

    /** Loads {@code tokenizer.json} from a checkpoint directory. */
    public static ModelTokenizer open(ModelFiles files) throws IOException {
        if (!files.exists(Checkpoint.TOKENIZER)) {
            throw new ModelFormatException(files.describe(Checkpoint.TOKENIZER) + ": no such file; expected the checkpoint's Hugging Face tokenizer");
        }
        // Truncation and padding off whatever tokenizer.json says: every token of the text reaches the model.
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        byte[] json;
        try (InputStream in = files.open(Checkpoint.TOKENIZER)) {
            json = in.readAllBytes();
        }
        try {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options), addedTokens(json));
        } catch (IOException | RuntimeException e) {
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

    /**
     * The token ids of a text, special tokens included, with each token's span in the text
     * ({@code [start, end)} in chars; a special token the tokenizer added spans nothing: -1, -1).
     */
    public Encoded encodeWithSpans(String text) {
        ai.djl.huggingface.tokenizers.Encoding e = tokenizer.encode(text, true, false);
        long[] ids = e.getIds();
        ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = e.getCharTokenSpans();
        int[] out = new int[ids.length], start = new int[ids.length], end = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
            boolean spanned = spans != null && i < spans.length && spans[i] != null && spans[i].getEnd() > spans[i].getStart();
            start[i] = spanned ? spans[i].getStart() : -1;
            end[i] = spanned ? spans[i].getEnd() : -1;
        }
        return new Encoded(out, start, end);
    }

    /** Token ids with their spans in the text they came from. */
    public record Encoded(int[] ids,     // (tokens)
                          int[] start,   // (tokens) first char of each token, -1 for an added special token
                          int[] end) {   // (tokens) one past its last char, -1 for an added special token

        /** The first token that ends after char {@code c}: the token holding (or, at a boundary, starting) that char. */
        public int tokenAt(int c) {
            for (int i = 0; i < ids.length; i++) if (end[i] > c) return i;
            return ids.length;
        }
    }

    /** Ids decoded to text as the tokenizer's decoder joins them (special tokens left out). */
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) l[i] = ids[i];
        return tokenizer.decode(l, true);
    }

    /**
     * One token as the tokenizer decodes it alone ({@code " the"} for byte-level BPE's {@code "Ġthe"}); an
     * added token (BOS, EOS, ...) as its content, which the library's decoder leaves out whatever it is asked.
     */
    public String token(int id) {
        String special = added.get(id);
        return special != null ? special : tokenizer.decode(new long[] {id}, false);
    }

    private static Map<Integer, String> addedTokens(byte[] json) throws IOException {
        Map<Integer, String> out = new HashMap<>();
        JsonNode list = new ObjectMapper().readTree(json).path("added_tokens");
        for (JsonNode t : list) {
            if (t.path("id").canConvertToInt() && t.path("content").isTextual()) out.put(t.path("id").asInt(), t.path("content").asText());
        }
        return out;
    }

    @Override
    public void close() { tokenizer.close(); }
}
