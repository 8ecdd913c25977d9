package dev.longsight.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.config.RunConfig;
import dev.longsight.job.config.Values;
import dev.longsight.job.input.DocumentReader;
import dev.longsight.job.input.DocumentSet;
import dev.longsight.job.model.ChatTemplate;
import dev.longsight.job.workload.SweepSpec;
import dev.longsight.job.workload.Workloads;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelTokenizer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The prompts {@code run --model} scores, exported as JSON lines (one cell a line), rendered by the same code. */
@Command(name = "prompts", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export the prompts 'run --model' scores, one JSON line per (task, length, depth, sample) cell: "
                + "text (prompt and gold answer), answer, the model's token ids, where the answer and the needles start.",
                "Rendered by the same code as 'run --model' (RULER's wording, the haystack grown to the length in the model's "
                        + "tokens), so a tool that trains or checks a model sees exactly the evaluation's prompts."},
        footer = {"", "Example: ./longsight prompts --model train/out/tokenizer --tasks passkey,niah-single --lengths 2K "
                + "--depths 0.1,0.5,0.9 --samples 4 --seed 7 --output prompts.jsonl"})
final class PromptsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "a local directory with the model's tokenizer.json (a checkpoint, or the tokenizer alone)")
    Path model;

    @Option(names = "--input", paramLabel = "URI", description = "documents, as 'run --input' takes them (default: "
            + RunConfig.DEFAULT_INPUT + ", with passkey on its classic filler sentences)")
    String input;

    @Option(names = "--format", description = "input format: auto, text, jsonl, parquet (default: ${DEFAULT-VALUE})")
    String format = "auto";

    @Option(names = {"--text-field", "--json-field"}, description = "the documents' text field or column (default: ${DEFAULT-VALUE})")
    String textField = "text";

    @Option(names = "--tasks", split = ",", paramLabel = "LIST", defaultValue = "passkey,niah-single,niah-multikey,niah-multivalue,niah-multiquery",
            description = "tasks (default: ${DEFAULT-VALUE})")
    List<String> tasks;

    @Option(names = "--lengths", split = ",", paramLabel = "LIST", required = true, description = Options.LENGTHS_DESCRIPTION)
    List<String> lengths;

    @Option(names = "--depths", split = ",", paramLabel = "LIST", defaultValue = "0.1,0.5,0.9", description = "needle depths in [0, 1] (default: ${DEFAULT-VALUE})")
    List<String> depths;

    @Option(names = "--samples", defaultValue = "1", description = "samples per cell (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "42", description = "the sweep's seed, as 'run --seed' (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--chat-template", description = "wrap each prompt in the checkpoint's chat template, as 'run --chat-template'")
    boolean chatTemplate;

    @Option(names = "--output", paramLabel = "FILE", description = "the JSON lines file (default: standard output)")
    Path output;

    @Override
    public Integer call() throws IOException {
        SweepSpec sweep = Rules.sweep(Origin.OPTIONS, Values.names(tasks), Values.lengths("--lengths", lengths),
                Values.doubles("--depths", "needle depths in [0, 1]", depths), samples, List.of("full"), seed);
        DocumentSet docs = new DocumentReader(new Configuration(), textField, BadInput.parse("--bad-lines", "fail"),
                BadInput.parse("--bad-files", "skip")).read(input == null ? RunConfig.DEFAULT_INPUT : input, InputFormat.parse(format));
        ModelFiles files = ModelFiles.local(model);
        ChatTemplate chat = chatTemplate ? ChatTemplate.of(files) : ChatTemplate.PLAIN;
        List<Workloads.ModelCell> cells;
        try (ModelTokenizer tok = ModelTokenizer.open(files)) {
            cells = Workloads.renderModel(sweep, docs.documents(), input == null, tok, chat);
        }
        try (PrintWriter out = output == null ? new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            for (Workloads.ModelCell c : cells) out.println(json(c));
        }
        if (output != null) System.err.println("prompts: " + cells.size() + " cells written to " + output);
        return 0;
    }

    static String json(Workloads.ModelCell c) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("task", c.task());
        o.put("length", c.length());
        o.put("depth", c.depth());
        o.put("sample", c.sample());
        o.put("seed", c.seed());
        o.put("document", c.document());
        o.put("text", c.text());
        o.put("answer", c.answer());
        o.put("answer_start", c.answerStart());
        List<Integer> ids = new ArrayList<>();
        for (int t : c.tokens()) ids.add(t);
        o.set("tokens", json.valueToTree(ids));
        o.set("needle_positions", json.valueToTree(c.needlePositions()));
        o.set("needle_lengths", json.valueToTree(c.needleLengths()));
        return o.toString();
    }
}
