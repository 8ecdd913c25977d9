package dev.longsight.kernels.bench;

import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.model.DeviceLlama;
import dev.longsight.kernels.model.ModelConfig;
import dev.longsight.kernels.model.RopeScaling;
import dev.longsight.kernels.pattern.Patterns;
import java.io.PrintStream;
import java.util.Arrays;
import dev.longsight.kernels.io.CsvField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whole-model prefill speed: one sequence of each length through every layer of a Llama-shaped model
 * with random bf16 weights, under each pattern, on one device. One CSV row per (length, pattern): the
 * forward's wall and device time, tokens/s, the GEMMs' and the attention's device time and TFLOP/s
 * (GEMMs: 2 x tokens x the layers' matrix parameters; attention: 4 x head dim per kept pair per head
 * and layer, as the peer counts), the device memory the forward holds, and the speedup over full
 * attention at the same length. Only the last position goes through the LM head, as in the peer.
 */
public final class ModelBench {
    private ModelBench() {}

    public static final String HEADER = "model,pattern,n,block,chunk,ms,device_ms,tokens_per_s,gemm_ms,gemm_tflops,attn_ms,attn_tflops,"
            + "other_ms,device_gib,speedup_vs_full,device";

    /** Named shapes: the real models' config.json values. */
    public static final Map<String, ModelConfig> SHAPES = Map.of(
            "llama3-8b", new ModelConfig("llama", 4096, 14336, 32, 32, 8, 128, 128256, 131072, 1e-5, 500000.0,
                    new RopeScaling(8.0, 1.0, 4.0, 8192), false, false, false),
            "llama3-1b", new ModelConfig("llama", 2048, 8192, 16, 32, 8, 64, 128256, 131072, 1e-5, 500000.0,
                    new RopeScaling(32.0, 1.0, 4.0, 8192), true, false, false));

    public static ModelConfig shape(String name) {
        ModelConfig c = SHAPES.get(name);
        if (c == null) throw new IllegalArgumentException("option '--model-shape': unknown shape '" + name + "'; expected one of " + SHAPES.keySet());
        return c;
    }

    public static void printCsv(String name, ModelConfig c, List<Integer> lengths, List<String> patterns, DeviceSpec spec,
                                int block, int chunk, int repeats, PrintStream out, PrintStream log) {
        long t0 = System.nanoTime();
        try (DeviceLlama model = DeviceLlama.random(c, 42, spec, chunk, block)) {
            log.printf(Locale.ROOT, "model bench: %s random weights ready in %.1f s; %s%n", name, (System.nanoTime() - t0) / 1e9, model.describe());
            out.println(HEADER);
            String[] stages = DeviceLlama.stageNames();
            int gemm = Arrays.asList(stages).indexOf("gemm"), attn = Arrays.asList(stages).indexOf("attention");
            long matrixParams = (long) c.hiddenSize() * ((c.numHeads() + 2 * c.numKvHeads()) * c.headDim())
                    + (long) c.hiddenSize() * c.numHeads() * c.headDim() + 3L * c.hiddenSize() * c.intermediateSize();
            for (int n : lengths) {
                double fullMs = Double.NaN;
                int[] tokens = new SplittableRandom(n).ints(n, 0, c.vocabSize()).toArray();
                for (String p : patterns) {
                    BlockLayout layout = BlockLayout.of(Patterns.parse(p), n, block);
                    model.logits(tokens, new int[] {n - 1}, layout); // warm-up: builds the program, sizes the buffers
                    double[] wall = new double[repeats];
                    double[][] st = new double[repeats][];
                    for (int r = 0; r < repeats; r++) {
                        long s = System.nanoTime();
                        model.logits(tokens, new int[] {n - 1}, layout);
                        wall[r] = (System.nanoTime() - s) / 1e6;
                        st[r] = model.lastStageMs();
                    }
                    int med = medianIndex(wall);
                    double ms = wall[med];
                    double[] stage = st[med];
                    double device = Arrays.stream(stage).sum();
                    double gemmFlops = 2.0 * n * matrixParams * c.numLayers() + 2.0 * c.hiddenSize() * c.vocabSize();
                    double attnFlops = 4.0 * c.headDim() * layout.pairs() * c.numHeads() * c.numLayers();
                    if (p.equals("full")) fullMs = ms;
                    out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%.1f,%.0f,%.1f,%.1f,%.1f,%.1f,%.1f,%.2f,%s,%s%n", CsvField.of(name), CsvField.of(p), n, block, Math.min(chunk, n), ms, device,
                            n / (ms / 1e3), stage[gemm], gemmFlops / (stage[gemm] * 1e9), stage[attn], attnFlops / (stage[attn] * 1e9),
                            device - stage[gemm] - stage[attn], model.deviceBytes() / (double) (1L << 30),
                            Double.isNaN(fullMs) ? "" : String.format(Locale.ROOT, "%.2f", fullMs / ms), CsvField.of(model.describe()));
                    out.flush();
                }
            }
        }
    }

    private static int medianIndex(double[] xs) {
        Integer[] idx = new Integer[xs.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(xs[a], xs[b]));
        return idx[idx.length / 2];
    }
}
