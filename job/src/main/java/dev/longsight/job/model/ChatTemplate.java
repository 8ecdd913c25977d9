package dev.longsight.job.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a prompt is wrapped before tokenization. {@link #PLAIN} is RULER's base-model form: the text as
 * it is. For instruction-tuned checkpoints, the chat template of {@code tokenizer_config.json} is
 * recognised, not interpreted (no Jinja engine among the dependencies): Llama 3's header tokens,
 * ChatML ({@code <|im_start|>}, Qwen2; its default system message kept) and Mistral's {@code [INST]}.
 * Any other template is a one-line error. The BOS token is left to the tokenizer, which adds it.
 *
 * @param kind   plain, llama3, chatml or mistral
 * @param system ChatML's default system message, or "" for none
 */
public record ChatTemplate(String kind, String system) implements Serializable {
    public static final ChatTemplate PLAIN = new ChatTemplate("plain", "");
    public static final String CONFIG = "tokenizer_config.json";

    /** Kinds {@link #recognise} knows, as --help names them. */
    public static final String KNOWN = "Llama 3 (<|start_header_id|>), ChatML/Qwen2 (<|im_start|>), Mistral ([INST])";

    private static final Pattern CHATML_SYSTEM = Pattern.compile("<\\|im_start\\|>system\\\\n([^'\"<{}]*)<\\|im_end\\|>");

    /** The user turn holding {@code user}, then the assistant's turn opened and begun with {@code answerPrefix}. */
    public String render(String user, String answerPrefix) {
        return switch (kind) {
            case "plain" -> user + answerPrefix;
            case "llama3" -> "<|start_header_id|>user<|end_header_id|>\n\n" + user + "<|eot_id|>"
                    + "<|start_header_id|>assistant<|end_header_id|>\n\n" + answerPrefix.strip();
            case "chatml" -> (system.isEmpty() ? "" : "<|im_start|>system\n" + system + "<|im_end|>\n")
                    + "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n" + answerPrefix.strip();
            case "mistral" -> "[INST] " + user + " [/INST] " + answerPrefix.strip();
            default -> throw new IllegalStateException("no rendering for chat template " + kind);
        };
    }

    /** The checkpoint's chat template, recognised; a missing or unknown one is a one-line error naming the file and field. */
    public static ChatTemplate of(ModelFiles files) throws IOException {
        String where = files.describe(CONFIG);
        if (!files.exists(CONFIG)) throw new ModelFormatException(where + ": no such file; --chat-template needs the checkpoint's chat template");
        JsonNode t;
        try (InputStream in = files.open(CONFIG)) {
            t = new ObjectMapper().readTree(in).path("chat_template");
        }
        if (t.isArray()) { // named templates: [{"name": "default", "template": ...}, ...]
            JsonNode chosen = null;
            for (JsonNode n : t) if ("default".equals(n.path("name").asText())) chosen = n.path("template");
            t = chosen == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : chosen;
        }
        if (!t.isTextual()) throw new ModelFormatException(where + ": field 'chat_template' is missing; expected the template of an instruction-tuned checkpoint");
        return recognise(t.asText(), where);
    }

    /** The kind of a template's text; {@code where} names its file in the error. */
    public static ChatTemplate recognise(String template, String where) {
        if (template.contains("<|start_header_id|>") && template.contains("<|eot_id|>")) return new ChatTemplate("llama3", "");
        if (template.contains("<|im_start|>") && template.contains("<|im_end|>")) {
            Matcher m = CHATML_SYSTEM.matcher(template);
            return new ChatTemplate("chatml", m.find() ? m.group(1) : "");
        }
        if (template.contains("[INST]") && template.contains("[/INST]")) return new ChatTemplate("mistral", "");
        throw new ModelFormatException(where + ": field 'chat_template' is not one LongSight recognises (" + KNOWN
                + "); run without --chat-template for the plain prompt");
    }
}
