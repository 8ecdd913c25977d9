package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.job.output.Progress;
import dev.longsight.kernels.attention.KernelVariant;
import dev.longsight.kernels.bench.BenchConfig;
import dev.longsight.kernels.bench.BenchDefaults;
import dev.longsight.kernels.bench.ModelBench;
import dev.longsight.kernels.model.Checkpoint;
import dev.longsight.kernels.model.DeviceLlama;
import dev.longsight.kernels.model.ModelConfig;
import dev.longsight.kernels.model.ModelFiles;
import dev.longsight.kernels.bench.PrefillBench;
import dev.longsight.kernels.device.Devices;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code longsight bench}: block-sparse prefill throughput as CSV. The logic lives in kernels' bench
 * package and this class names no Spark type, so the bench runs on a GPU host that has only the
 * kernels and job jars, picocli and Aparapi.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time block-sparse prefill kernels; one CSV row per pattern and length.",
            "Columns: impl,dtype,pattern,n,heads,d,block,ms,pairs,tflops (as the FlexAttention peer script: pairs = kept (query, key) "
                    + "pairs of one head, TFLOP/s = 4*d*pairs*heads/time, ms = median kernel time on device-resident data), "
                    + "then e2e_ms (put + kernel + get, median), speedup_vs_full (same length, when full is measured), "
                    + "ideal_speedup (causal pairs / pairs), check_max_err (with --check), launch_ms (median wall time around "
                    + "a launch, Aparapi's host work included) and ms_from: opencl-events (ms is device time from OpenCL "
                    + "profiling, as the peer's CUDA events) or launch-wall (Java threads: ms = launch_ms).",
            "Unset, --lengths, --heads, --kv-heads and --head-dim take the published shape (16K,32K,128K, 8 heads, head dim 128) "
                    + "on a GPU and a small one on a CPU (1K,2K,4K, 1 head, head dim 64 on OpenCL; 512,1K,2K, 1 head, head dim 32 on Java threads), "
                    + "with a note on stderr; a progress line with an ETA goes to stderr, the CSV alone to stdout.",
            "Exit codes: 0 ok, 1 a --check exceeded 1e-4, 2 bad input, 3 device error."},
        footer = {"", "Example: ./longsight bench --device gpu --patterns full,paper-sliding,paper-power "
                + "--lengths 16K,32K,128K --heads 8 --kv-heads 8 --head-dim 128 --block 128 --check"})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    KernelOptions kernel;

    @Option(names = "--patterns", defaultValue = "full,paper-sliding,paper-power", paramLabel = "LIST", description = "Comma-separated pattern specs or presets; a comma followed by key=value continues a spec, ';' also separates (default: ${DEFAULT-VALUE}).")
    List<String> patterns;

    @Option(names = "--lengths", split = ",", paramLabel = "LIST", description = "Comma-separated context lengths in tokens, K = 1024, M = 1048576 "
            + "(default: 16K,32K,128K on a GPU, 1K,2K,4K on an OpenCL CPU, 512,1K,2K on Java threads).")
    List<String> lengths;

    @Option(names = "--heads", description = "Query heads (default: 8 on a GPU, 1 on a CPU).")
    Integer heads;

    @Option(names = "--kv-heads", description = "KV heads, dividing --heads (default: --heads).")
    Integer kvHeads;

    @Option(names = "--head-dim", description = "Head dimension, 1..128 (default: 128 on a GPU, 64 on an OpenCL CPU, 32 on Java threads).")
    Integer headDim;

    @Option(names = "--block", defaultValue = "128", description = "Block size in tokens (default: ${DEFAULT-VALUE}, the block of the "
            + "published benchmark shape that BENCHMARKS.md and the FlexAttention peer use; run, rf, fidelity and calibrate default to 64).")
    int block;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed launches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed launches; ms is their median (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--e2e-repeats", defaultValue = "3", description = "End-to-end prefills (put, kernel, get) timed; 0 skips (default: ${DEFAULT-VALUE}).")
    int e2eRepeats;

    @Option(names = "--check", description = "Compare with the exact double reference (max error must be <= 1e-4).")
    boolean check;

    @Option(names = "--check-rows", defaultValue = "256", description = "Rows sampled by --check; shorter lengths are checked in full (default: ${DEFAULT-VALUE}).")
    int checkRows;

    @Option(names = "--head-batch", defaultValue = "0", description = "Heads per prefill, 0 = all; smaller batches bound memory at very long lengths (default: ${DEFAULT-VALUE}).")
    int headBatch;

    @Option(names = "--variant", defaultValue = "auto", description = "Kernel: auto (tile policy), tiled, naive, mma-tf32 or mma-bf16 (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--model-shape", paramLabel = "NAME",
            description = "Time a whole model's prefill instead of one attention kernel: a named shape (llama3-8b, llama3-1b) with random bf16 "
                    + "weights, one sequence per length and pattern through every layer on the device (bf16 GEMMs and attention). "
                    + "Columns: " + ModelBench.HEADER + ".")
    String modelShape;

    @Option(names = "--model", paramLabel = "DIR", description = "As --model-shape, with the shape read from DIR/config.json (its weights are not read).")
    java.nio.file.Path model;

    @Option(names = "--chunk", defaultValue = "" + DeviceLlama.DEFAULT_CHUNK, paramLabel = "ROWS",
            description = "With --model-shape or --model: query rows per chunk, a multiple of --block (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    int seed;

    @Override
    public Integer call() throws java.io.IOException {
        if (modelShape != null || model != null) return modelBench();
        BenchConfig cfg = config(System.err);
        Progress progress = Progress.console((long) cfg.lengths().size() * cfg.patterns().size(), PrefillBench.totalWork(cfg),
                "cases", "pair-launches", System.err);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "longsight-bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(progress::tick, 250, 250, TimeUnit.MILLISECONDS); // elapsed and ETA move during a long case
        long[] done = {0, 0}; // cases, work
        try {
            return PrefillBench.printCsv(cfg, System.out, System.err, w -> progress.update(++done[0], done[1] += w));
        } finally {
            ticker.shutdownNow();
            progress.finish();
        }
    }

    private int modelBench() throws java.io.IOException {
        if (modelShape != null && model != null) throw new IllegalArgumentException("options '--model-shape' and '--model': give one");
        var spec = Options.device(kernel.device);
        Options.positive("--chunk", chunk);
        if (chunk % block != 0) throw new IllegalArgumentException("option '--chunk': " + chunk + " is not a multiple of --block " + block);
        List<String> ps = Values.patterns(patterns);
        List<Integer> ns = Values.lengths("--lengths", lengths == null ? List.of("32K", "128K") : lengths);
        ModelConfig c;
        String name;
        if (modelShape != null) {
            c = ModelBench.shape(modelShape);
            name = modelShape;
        } else {
            ModelFiles files = ModelFiles.local(model);
            if (!files.exists(Checkpoint.CONFIG)) throw new IllegalArgumentException("option '--model': " + files.describe(Checkpoint.CONFIG) + ": no such file");
            c = ModelConfig.parse(new String(java.nio.file.Files.readAllBytes(model.resolve(Checkpoint.CONFIG))), files.describe(Checkpoint.CONFIG));
            name = model.getFileName().toString();
        }
        ModelBench.printCsv(name, c, ns, ps, spec, block, chunk, repeats, System.out, System.err);
        return 0;
    }

    /** The config with unset shape options sized to the device; says on {@code log} when that is a CPU's small shape. */
    BenchConfig config(PrintStream log) {
        // Everything the user typed is checked before the device is opened, so bad input is one line and nothing else.
        var spec = Options.device(kernel.device);
        KernelVariant v = variant(variant);
        var prec = kernel.precision();
        List<String> ps = Values.patterns(patterns);
        List<Integer> ns = lengths == null ? null : Values.lengths("--lengths", lengths);
        var found = ns == null || heads == null || headDim == null ? Devices.resolve(spec) : null;
        BenchDefaults d = found == null ? null : BenchDefaults.forDevice(found);
        int h = heads != null ? heads : d.heads();
        BenchConfig cfg = new BenchConfig(spec, v, prec, ps, ns != null ? ns : d.lengths(), h, kvHeads != null ? kvHeads : h,
                headDim != null ? headDim : d.headDim(), block, warmup, repeats, e2eRepeats, check, checkRows, headBatch, seed);
        if (d != null && !d.forGpu()) {
            log.println("bench: defaults sized for a CPU (" + Devices.describe(found) + "): " + d.options() + "; options you pass win, "
                    + "e.g. the published GPU shape " + BenchDefaults.GPU.options() + " (hours on a CPU)");
        }
        return cfg;
    }

    /** "auto" lets the tile policy choose per block size. */
    private static KernelVariant variant(String s) {
        if ("auto".equalsIgnoreCase(s.trim())) return null;
        try {
            return KernelVariant.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '--variant': " + e.getMessage());
        }
    }
}
