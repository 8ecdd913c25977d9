package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.job.output.Csv;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.model.CausalLm;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.DeviceLlama;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.model.ModelTokenizer;
import dev.longsight.kernels.pattern.Pattern;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The top tokens a checkpoint predicts at the last positions of a text, from the device forward or the plain-Java reference. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = {"Top-5 next tokens of a Llama-family checkpoint (Llama 2/3/3.1, Mistral, Qwen2; Hugging Face format) at the "
                + "last N positions of a text, as CSV: position,rank,token_id,token,logit (position counted from 0 over the whole "
                + "tokenized text, special tokens included).",
                "The text is tokenized exactly as the checkpoint's tokenizer.json does (no chat template). On an OpenCL device the "
                + "forward runs there, resident (bf16 weights and activations, fp32 accumulation, as transformers runs a bf16 model); "
                + "on jtp it is the plain-Java reference in double precision on one core: exact, and slow for real models. "
                + "The JVM holds the weights (bf16 for a device, float32 for the reference), e.g. JAVA_OPTS=-Xmx40g for an 8B model. "
                + "The last line on stderr names what computed the logits."},
        footer = {"", "Example: ./longsight logits --model ./TinyLlama-1.1B --text-file prompt.txt --last 3 --patterns paper-power --block 16"})
final class LogitsCommand implements Callable<Integer> {
    static final int TOP = 5;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A local checkpoint directory: config.json, model.safetensors (or shards with model.safetensors.index.json), tokenizer.json.")
    Path model;

    @Option(names = "--text-file", required = true, paramLabel = "FILE", description = "The text, UTF-8, used whole.")
    Path textFile;

    @Option(names = "--last", defaultValue = "1", paramLabel = "N", description = "How many of the last positions to print (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--patterns", defaultValue = "full", paramLabel = "SPEC",
            description = "One pattern spec or preset restricting which key blocks each query attends, in every layer and head (default: ${DEFAULT-VALUE}).")
    String pattern;

    // The singular reads naturally for the one spec this command takes; hidden, as in rf.
    @Option(names = "--pattern", hidden = true)
    String patternAlias;

    @Mixin
    BlockOption block;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D",
            description = "gpu, gpu:<i>, cpu (OpenCL on the CPU, e.g. PoCL, which needs POCL_EXTRA_BUILD_FLAGS=-cl-opt-disable "
                    + "for this program), jtp (the plain-Java reference), or auto: an OpenCL GPU if there is one, else jtp (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--chunk", defaultValue = "" + DeviceLlama.DEFAULT_CHUNK, paramLabel = "ROWS",
            description = "Query rows per chunk on a device, a multiple of --block (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Override
    public Integer call() throws IOException {
        Options.positive("--last", last);
        Options.positive("--block", block.size);
        Options.positive("--chunk", chunk);
        DeviceSpec spec = Options.device(device);
        List<String> specs = Values.patterns(List.of(patternAlias != null ? patternAlias : pattern));
        if (specs.size() != 1) throw new IllegalArgumentException("option '--patterns': expected one pattern spec, got " + specs.size() + " (run once per pattern)");
        Pattern rule = Options.pattern(specs.get(0));
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("option '--model': " + model + " is not a directory; expected a Hugging Face checkpoint directory");
        }
        String text = readText(textFile);
        ModelFiles files = ModelFiles.local(model);
        try (ModelTokenizer tokenizer = ModelTokenizer.open(files)) {
            int[] tokens = tokenizer.encode(text);
            int rows = Math.min(chunk, (tokens.length + block.size - 1) / block.size * block.size);
            try (Checkpoint ckpt = Checkpoint.open(files); CausalLm forward = CausalLm.open(ckpt, spec, rows, block.size)) {
                for (int i = 0; i < tokens.length; i++) {
                    if (tokens[i] >= forward.config().vocabSize()) {
                        throw new IllegalArgumentException(files.describe(Checkpoint.TOKENIZER) + ": gives token id " + tokens[i] + " at position " + i
                                + "; expected ids below " + Checkpoint.CONFIG + "'s vocab_size " + forward.config().vocabSize());
                    }
                }
                print(forward, tokenizer, tokens, last, rule, block.size, System.out);
                System.err.println("logits from the " + forward.describe());
            }
        }
        return 0;
    }

    private static String readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("option '--text-file': " + file + " is not a file; expected a UTF-8 text file");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("option '--text-file': " + file + " is not UTF-8 text");
        }
    }

    static void print(CausalLm forward, ModelTokenizer tokenizer, int[] tokens, int last, Pattern rule, int block, PrintStream out) {
        if (tokens.length == 0) throw new IllegalArgumentException("option '--text-file': the text has no tokens");
        if (last > tokens.length) {
            throw new IllegalArgumentException("option '--last': " + last + " is more than the text's " + tokens.length + " tokens");
        }
        int[] positions = new int[last];
        for (int i = 0; i < last; i++) positions[i] = tokens.length - last + i;
        float[][] logits = forward.logits(tokens, positions, BlockLayout.of(rule, tokens.length, block)); // (last, vocab)
        out.println("position,rank,token_id,token,logit");
        for (int r = 0; r < last; r++) {
            int[] top = top(logits[r], TOP);
            for (int k = 0; k < top.length; k++) {
                out.println(positions[r] + "," + (k + 1) + "," + top[k] + "," + csv(tokenizer.token(top[k])) + "," + logits[r][top[k]]);
            }
        }
    }

    /** The ids of the {@code k} highest logits, highest first; equal logits in id order. */
    static int[] top(float[] logits, int k) {
        List<Integer> best = new ArrayList<>();
        for (int id = 0; id < logits.length; id++) {
            int at = best.size();
            while (at > 0 && logits[best.get(at - 1)] < logits[id]) at--;
            if (at < k) {
                best.add(at, id);
                if (best.size() > k) best.remove(k);
            }
        }
        return best.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Csv quotes commas, quotes and newlines; a token may also be a lone carriage return. */
    private static String csv(String token) {
        if (token.indexOf('\r') >= 0) return '"' + token.replace("\"", "\"\"") + '"';
        return Csv.field(token);
    }
}
