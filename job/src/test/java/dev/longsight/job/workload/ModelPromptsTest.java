package dev.longsight.job.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.model.TinyModel;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPromptsTest {
    @TempDir static Path tmp;
    static ModelTokenizer tok;

    @BeforeAll
    static void model() throws Exception {
        tok = ModelTokenizer.open(ModelFiles.local(TinyModel.write(tmp.resolve("tiny"), 4096)));
    }

    @AfterAll
    static void close() { tok.close(); }

    private static int[] withoutBos(int[] ids) { return Arrays.copyOfRange(ids, 1, ids.length); }

    @Test
    void passkeyIsRulersWordingWithTheNeedleAtItsDepthAndTheLengthInModelTokens() {
        int length = 1000;
        for (double depth : new double[] {0.0, 0.5, 1.0}) {
            ModelPrompts.Prompt p = ModelPrompts.fit(Task.PASSKEY, 42, length, depth, TextHaystack.filler(), 0, tok, ChatTemplate.PLAIN);
            String v = RulerPrompt.draw(Task.PASSKEY, 42).values().get(0);
            assertTrue(p.text().startsWith("There is an important info hidden inside a lot of irrelevant text. Find it and memorize them. "
                    + "I will quiz you about the important information there.\nThe grass is green.") || depth == 0.0, "prompt text");
            assertTrue(p.text().endsWith("\nWhat is the pass key? The pass key is " + v), "prompt text");
            assertEquals(" " + v, p.answer());
            // Within one piece (the filler sentences, 26 tokens) of the target, never over it.
            int piece = withoutBos(tok.encode(Haystack.FILLER.strip())).length;
            assertTrue(p.tokens().length <= length && p.tokens().length > length - piece, p.tokens().length + " tokens, piece " + piece);
            // The needle's tokens stand where the prompt says, at the depth asked (within a piece) of the haystack.
            int[] needle = withoutBos(tok.encode("The pass key is " + v + ". Remember it. " + v + " is the pass key."));
            assertEquals(needle.length, p.needleLengths()[0]);
            assertArrayEquals(needle, Arrays.copyOfRange(p.tokens(), p.needlePositions()[0], p.needlePositions()[0] + needle.length));
            int instruction = withoutBos(tok.encode(RulerPrompt.draw(Task.PASSKEY, 42).before())).length + 1;
            int question = withoutBos(tok.encode("\nWhat is the pass key? The pass key is")).length;
            int haystack = p.answerStart() - question - instruction - needle.length;
            double at = (p.needlePositions()[0] - instruction) / (double) haystack;
            assertEquals(depth, at, piece / (double) haystack + 1e-9, "needle at " + at + " of the haystack");
            // The gold answer is the digits, one token each here, after the prompt.
            assertEquals(5, p.tokens().length - p.answerStart());
            assertArrayEquals(withoutBos(tok.encode(v.chars().mapToObj(c -> String.valueOf((char) c)).reduce((a, b) -> a + " " + b).orElseThrow())),
                    Arrays.copyOfRange(p.tokens(), p.answerStart(), p.tokens().length));
        }
    }

    @Test
    void niahTasksUseRulersTemplatesAndAnswerOrder() {
        TextHaystack hay = TextHaystack.corpus(List.of(new Document("d", "alpha river stone cloud quiet number garden light paper window.\n".repeat(300))));
        ModelPrompts.Prompt q = ModelPrompts.fit(Task.NIAH_MULTIQUERY, 7, 2048, 0.3, hay, 0, tok, ChatTemplate.PLAIN);
        RulerPrompt r = RulerPrompt.draw(Task.NIAH_MULTIQUERY, 7);
        assertTrue(q.text().startsWith("Some special magic numbers are hidden within the following text. Make sure to memorize it. "
                + "I will quiz you about the numbers afterwards.\n"), "prompt text");
        for (String needle : r.needles()) assertTrue(needle.matches("One of the special magic numbers for \\w+ is: \\d{7}\\."), needle);
        assertTrue(q.text().contains("\nWhat are all the special magic numbers for "), "prompt text");
        String query = "multi-query wording";
        assertTrue(q.text().matches("(?s).*\nWhat are all the special magic numbers for (\\w+), (\\w+), (\\w+), and (\\w+) mentioned in the "
                + "provided text\\? The special magic numbers for \\1, \\2, \\3, and \\4 mentioned in the provided text are \\d{7}, .*"), query);
        assertTrue(q.text().endsWith(" mentioned in the provided text are" + q.answer()));
        assertEquals(" " + String.join(", ", r.values()), q.answer()); // asked order
        assertTrue(r.after().contains(", and "), r.after());

        ModelPrompts.Prompt mv = ModelPrompts.fit(Task.NIAH_MULTIVALUE, 9, 2048, 0.5, hay, 0, tok, ChatTemplate.PLAIN);
        RulerPrompt v = RulerPrompt.draw(Task.NIAH_MULTIVALUE, 9);
        List<String> inText = v.values().stream().sorted((a, b) -> Integer.compare(mv.text().indexOf(a), mv.text().indexOf(b))).toList();
        assertEquals(" " + String.join(", ", inText), mv.answer()); // text order
        assertTrue(mv.tokens().length <= 2048 && mv.tokens().length > 2048 - 60, "" + mv.tokens().length);
    }

    @Test
    void chatTemplatesAreRecognisedOrRefused() {
        assertEquals("llama3", ChatTemplate.recognise("{{ bos_token }}<|start_header_id|>{{ role }}<|end_header_id|>{{ content }}<|eot_id|>", "t.json").kind());
        ChatTemplate qwen = ChatTemplate.recognise("{%- if not system %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}<|im_start|>", "t.json");
        assertEquals("chatml", qwen.kind());
        assertEquals("You are a helpful assistant.", qwen.system());
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nQ?<|im_end|>\n<|im_start|>assistant\nA is",
                qwen.render("Q?", " A is"));
        assertEquals("[INST] Q? [/INST] A is", ChatTemplate.recognise("{{ bos_token }}[INST] {{ m }} [/INST]", "t.json").render("Q?", " A is"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatTemplate.recognise("{{ messages }}<start_of_turn>", "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: field 'chat_template' is not one LongSight recognises"), e.getMessage());
    }

    @Test
    void modelUnitsCarryPromptAnswerAndScorer() {
        SweepSpec sweep = new SweepSpec(List.of("passkey"), List.of(512), List.of(0.5), 1, List.of("full", "paper-power"), 3);
        List<WorkUnit> units = Workloads.expandModel(sweep, List.of(), true, tok, ChatTemplate.PLAIN);
        assertEquals(2, units.size());
        WorkUnit u = units.get(0);
        assertEquals("passkey-L512-d0.5-s0-full-model", u.unitId());
        assertTrue(u.isModel());
        assertEquals(u.answerStart() - 1, u.questionPosition());
        assertEquals(Workloads.expand(sweep, List.of()).get(0).answer(), u.answer()); // the probe's cell has the same pass key
        assertThrows(IllegalArgumentException.class, () -> Workloads.expandModel(
                new SweepSpec(List.of("passkey"), List.of(40), List.of(0.5), 1, List.of("full"), 3), List.of(), true, tok, ChatTemplate.PLAIN));
    }
}
