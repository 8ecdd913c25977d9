package dev.longsight.job.fidelity;

import dev.longsight.job.config.BadInput;
import dev.longsight.job.config.InputFormat;
import dev.longsight.job.input.DocumentReader;
import dev.longsight.job.model.HadoopModelFiles;
import dev.longsight.job.model.ModelSource;
import dev.longsight.job.workload.Document;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.LlamaWeights;
import dev.longsight.kernels.model.ModelConfig;
import dev.longsight.kernels.model.ModelTokenizer;
import dev.longsight.kernels.model.ReferenceLlama;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * A Llama-family checkpoint's own Q/K/V: every layer and head of {@link ReferenceLlama}'s forward (plain
 * Java, double, one thread: exact, and the only cost model is the CPU's) over real documents tokenized
 * with the model's tokenizer. Q and K are taken after RoPE, as attention reads them.
 *
 * <p>Sequence d starts at document d of the input and runs on through the following documents (cycling,
 * blank line between) until it holds the longest swept length; each length takes its first n tokens,
 * which is exact because the model is causal: a layer's Q/K/V at positions below n depend only on the
 * first n tokens. Each sequence is captured once, at the longest length, and kept: documents x layers x
 * (heads + 2 kvHeads) x maxLength x headDim floats. The capture costs about
 * {@code 2 n (params + layers n hidden)} double operations a sequence.
 */
public final class ModelQkvSource implements QkvSource {
    private final String uri, label;
    private final ModelConfig c;
    private final int maxLength;
    private final List<String> documentIds;
    private final float[][][][] qkv; // (documents, layers, 3) -> q (heads, maxLength, d), k and v (kvHeads, maxLength, d)

    private ModelQkvSource(String uri, String label, ModelConfig c, int maxLength, List<String> documentIds, float[][][][] qkv) {
        this.uri = uri;
        this.label = label;
        this.c = c;
        this.maxLength = maxLength;
        this.documentIds = documentIds;
        this.qkv = qkv;
    }

    /**
     * Reads the checkpoint and the documents, tokenizes, and captures every sequence at {@code maxLength}.
     * {@code log} gets one line per captured sequence (the reference forward is slow: it says how slow).
     */
    public static ModelQkvSource capture(String modelUri, String inputUri, int documents, int maxLength, Configuration conf,
                                         Consumer<String> log) {
        ModelSource model = ModelSource.inspect(modelUri, conf); // one-line errors for a bad checkpoint
        List<Document> docs = new DocumentReader(conf, "text", BadInput.SKIP, BadInput.SKIP).read(inputUri, InputFormat.AUTO).documents();
        if (docs.isEmpty()) throw new IllegalArgumentException("option '--input': no documents in " + inputUri);
        if (documents > docs.size()) {
            throw new IllegalArgumentException("option '--documents': expected at most the " + docs.size() + " documents of " + inputUri
                    + ", got " + documents);
        }
        try {
            HadoopModelFiles files = HadoopModelFiles.of(modelUri, conf);
            LlamaWeights w;
            try (Checkpoint ckpt = Checkpoint.open(files)) {
                w = LlamaWeights.load(ckpt);
            }
            ModelConfig c = w.config();
            if (maxLength > c.maxPositionEmbeddings()) {
                throw new IllegalArgumentException("option '--lengths': expected lengths <= the model's max_position_embeddings "
                        + c.maxPositionEmbeddings() + ", got " + maxLength);
            }
            ReferenceLlama ref = new ReferenceLlama(w);
            float[][][][] qkv = new float[documents][c.numLayers()][][];
            List<String> ids = new ArrayList<>();
            try (ModelTokenizer tok = ModelTokenizer.open(files)) {
                for (int d = 0; d < documents; d++) {
                    int[] tokens = sequence(tok, docs, d, maxLength);
                    ids.add(docs.get(d).id());
                    long t0 = System.nanoTime();
                    float[][][] layers = qkv[d];
                    ref.capture(tokens, (layer, q, k, v, o) -> layers[layer] = new float[][] {q, k, v});
                    log.accept(String.format("captured %d tokens from document %s onwards: %d layers x %d heads in %.1f s (reference forward)",
                            maxLength, docs.get(d).id(), c.numLayers(), c.numHeads(), (System.nanoTime() - t0) / 1e9));
                }
            }
            return new ModelQkvSource(modelUri, model.label(), c, maxLength, List.copyOf(ids), qkv);
        } catch (IOException e) {
            throw new IllegalArgumentException("model '" + modelUri + "': cannot read (" + e + ")", e);
        }
    }

    /** The first {@code length} tokens of documents {@code first}, {@code first + 1}, ... (cycling), blank line between. */
    static int[] sequence(ModelTokenizer tok, List<Document> docs, int first, int length) {
        StringBuilder text = new StringBuilder();
        int[] ids = new int[0];
        for (int i = 0; ids.length < length; i++) {
            text.append(i == 0 ? "" : "\n\n").append(docs.get((first + i) % docs.size()).text());
            ids = tok.encode(text.toString());
            if (i > 1000L * docs.size()) throw new IllegalArgumentException("option '--input': the documents tokenize to no tokens");
        }
        return Arrays.copyOf(ids, length);
    }

    /** The documents each sequence starts at, in order. */
    public List<String> documentIds() { return documentIds; }

    @Override public String describe() { return "model(" + label + ", reference forward, " + qkv.length + " documents)"; }
    @Override public int heads() { return c.numHeads(); }
    @Override public int kvHeads() { return c.numKvHeads(); }
    @Override public int headDim() { return c.headDim(); }
    @Override public int maxLength() { return maxLength; }
    @Override public int documents() { return qkv.length; }
    @Override public int layers() { return c.numLayers(); }
    @Override public float[] q(int head, int n) { return q(0, 0, head, n); }
    @Override public float[] k(int kvHead, int n) { return k(0, 0, kvHead, n); }
    @Override public float[] v(int kvHead, int n) { return v(0, 0, kvHead, n); }
    @Override public float[] q(int document, int layer, int head, int n) { return slice(qkv[document][layer][0], head, n); }
    @Override public float[] k(int document, int layer, int kvHead, int n) { return slice(qkv[document][layer][1], kvHead, n); }
    @Override public float[] v(int document, int layer, int kvHead, int n) { return slice(qkv[document][layer][2], kvHead, n); }

    private float[] slice(float[] a, int head, int n) { // a: (heads, maxLength, headDim)
        int from = head * maxLength * c.headDim();
        return Arrays.copyOfRange(a, from, from + n * c.headDim());
    }

    String uri() { return uri; }
}
