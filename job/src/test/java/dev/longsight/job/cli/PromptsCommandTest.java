package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.input.DocumentReader;
import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.model.TinyModel;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsCommandTest {
    private static final String CORPUS = "../sample-data/corpus";

    @TempDir
    Path tmp;

    /** The exported lines are the cells 'run --model' scores: the same tokens, answer start, needles and answer. */
    @Test
    void exportEqualsTheUnitsRunModelScores() throws Exception {
        Path dir = TinyModel.write(tmp.resolve("tiny"), 1024);
        Path out = tmp.resolve("prompts.jsonl");
        Cli.Run r = Cli.run("prompts", "--model", dir.toString(), "--input", CORPUS, "--tasks", "passkey,niah-multikey", "--lengths", "256,400",
                "--depths", "0,0.5", "--samples", "2", "--seed", "7", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2 * 2 * 2 * 2, lines.size());

        SweepSpec sweep = new SweepSpec(List.of("passkey", "niah-multikey"), List.of(256, 400), List.of(0.0, 0.5), 2, List.of("full"), 7L);
        var docs = new DocumentReader(new Configuration(), "text", BadInput.parse("--bad-lines", "fail"), BadInput.parse("--bad-files", "skip"))
                .read(CORPUS, InputFormat.parse("auto")).documents();
        List<WorkUnit> units;
        try (ModelTokenizer tok = ModelTokenizer.open(ModelFiles.local(dir))) {
            units = Workloads.expandModel(sweep, docs, false, tok, ChatTemplate.PLAIN);
        }
        assertEquals(units.size(), lines.size());
        ObjectMapper m = new ObjectMapper();
        for (int i = 0; i < units.size(); i++) {
            JsonNode j = m.readTree(lines.get(i));
            WorkUnit u = units.get(i);
            assertEquals(u.task(), j.get("task").asText());
            assertEquals(u.length(), j.get("length").asInt());
            assertArrayEquals(u.tokens(), ints(j.get("tokens")));
            assertTrue(j.get("tokens").size() <= u.length());
            assertArrayEquals(u.needlePositions(), ints(j.get("needle_positions")));
            assertEquals(u.answer(), j.get("answer").asText().strip().replace(", ", ","));
            assertTrue(j.get("text").asText().endsWith(j.get("answer").asText()));
        }
    }

    private static int[] ints(JsonNode a) { return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray(); }
}
