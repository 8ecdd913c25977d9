package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.kernels.attention.KernelVariant;
import dev.longsight.kernels.bench.BenchConfig;
import dev.longsight.kernels.bench.PrefillBench;
import java.util.List;
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
            "Exit codes: 0 ok, 1 a --check exceeded 1e-4, 2 bad input, 3 device error."},
        footer = {"", "Example: ./longsight bench --device gpu --patterns full,paper-sliding,paper-power "
                + "--lengths 16K,32K,128K --heads 8 --kv-heads 8 --head-dim 128 --block 128 --check"})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    KernelOptions kernel;

    @Option(names = "--patterns", defaultValue = "full,paper-sliding,paper-power", paramLabel = "LIST", description = "Comma-separated pattern specs or presets; a comma followed by key=value continues a spec, ';' also separates (default: ${DEFAULT-VALUE}).")
    List<String> patterns;

    @Option(names = "--lengths", defaultValue = "16K,32K,128K", split = ",", paramLabel = "LIST", description = Options.LENGTHS_DESCRIPTION)
    List<String> lengths;

    @Option(names = "--heads", defaultValue = "8", description = "Query heads (default: ${DEFAULT-VALUE}; with --kv-heads and --head-dim, the published "
            + "benchmark shape, GPU-sized where the probe commands default to a small model).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "8", description = "KV heads, dividing --heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = "128", description = "Head dimension, 1..128 (default: ${DEFAULT-VALUE}).")
    int headDim;

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

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    int seed;

    @Override
    public Integer call() { return PrefillBench.printCsv(config(), System.out, System.err); }

    BenchConfig config() {
        return new BenchConfig(Options.device(kernel.device), variant(variant), kernel.precision(), Values.patterns(patterns),
                Values.lengths("--lengths", lengths), heads, kvHeads, headDim, block, warmup, repeats, e2eRepeats, check,
                checkRows, headBatch, seed);
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
