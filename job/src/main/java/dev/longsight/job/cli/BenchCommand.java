package dev.longsight.job.cli;

import dev.longsight.kernels.bench.BenchConfig;
import dev.longsight.kernels.bench.BenchMain;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.pattern.SpecList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code longsight bench}: block-sparse prefill throughput as CSV (the logic lives in kernels' bench package, no Spark). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time block-sparse prefill kernels; one CSV row per pattern and length.",
            "Columns: impl,dtype,pattern,n,heads,d,block,ms,pairs,tflops (as peers/flex_peer.py: pairs = kept (query, key) "
                    + "pairs of one head, TFLOP/s = 4*d*pairs*heads/time, ms = median kernel time on device-resident data), "
                    + "then e2e_ms (put + kernel + get, median), speedup_vs_full (same length, when full is measured), "
                    + "ideal_speedup (causal pairs / pairs), check_max_err (with --check), launch_ms (median wall time around "
                    + "a launch, Aparapi's host work included) and ms_from: opencl-events (ms is device time from OpenCL "
                    + "profiling, as the peer's CUDA events) or launch-wall (Java threads: ms = launch_ms).",
            "Exit codes: 0 ok, 1 a --check exceeded 1e-4, 2 bad input, 3 device error."},
        footer = {"", "Example: ./longsight bench --device gpu --patterns full,paper-sliding,paper-power "
                + "--lengths 16384,32768,131072 --heads 8 --kv-heads 8 --head-dim 128 --block 128 --check"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--device", defaultValue = BenchMain.DEVICE, description = "auto, gpu, gpu:<i>, cpu or jtp (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--patterns", defaultValue = BenchMain.PATTERNS, description = "Comma-separated pattern specs or presets; a comma followed by key=value continues a spec, ';' also separates (default: ${DEFAULT-VALUE}).")
    String patterns;

    @Option(names = "--lengths", defaultValue = BenchMain.LENGTHS, description = "Comma-separated context lengths (default: ${DEFAULT-VALUE}).")
    String lengths;

    @Option(names = "--heads", defaultValue = BenchMain.HEADS, description = "Query heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = BenchMain.KV_HEADS, description = "KV heads, dividing --heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = BenchMain.HEAD_DIM, description = "Head dimension, 1..128 (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Option(names = "--block", defaultValue = BenchMain.BLOCK, description = "Block size in tokens (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--warmup", defaultValue = BenchMain.WARMUP, description = "Untimed launches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = BenchMain.REPEATS, description = "Timed launches; ms is their median (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--e2e-repeats", defaultValue = BenchMain.E2E_REPEATS, description = "End-to-end prefills (put, kernel, get) timed; 0 skips (default: ${DEFAULT-VALUE}).")
    int e2eRepeats;

    @Option(names = "--check", description = "Compare with the exact double reference (max error must be <= 1e-4).")
    boolean check;

    @Option(names = "--check-rows", defaultValue = BenchMain.CHECK_ROWS, description = "Rows sampled by --check; shorter lengths are checked in full (default: ${DEFAULT-VALUE}).")
    int checkRows;

    @Option(names = "--head-batch", defaultValue = BenchMain.HEAD_BATCH, description = "Heads per prefill, 0 = all; smaller batches bound memory at very long lengths (default: ${DEFAULT-VALUE}).")
    int headBatch;

    @Option(names = "--variant", defaultValue = BenchMain.VARIANT, description = "Kernel: auto (tile policy), tiled, naive, mma-tf32 or mma-bf16 (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--precision", defaultValue = BenchMain.PRECISION, description = "fp32 (CUDA-core kernels), tf32 or bf16 (tensor-core mma kernel; block a multiple of 64) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--seed", defaultValue = BenchMain.SEED, description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    int seed;

    @Override
    public Integer call() {
        BenchConfig cfg = new BenchConfig(DeviceSpec.parse(device), BenchMain.variant(variant), BenchMain.precision(precision), SpecList.split(patterns),
                BenchConfig.ints("--lengths", lengths), heads, kvHeads, headDim, block, warmup, repeats, e2eRepeats, check,
                checkRows, headBatch, seed);
        return BenchMain.execute(cfg, System.out, System.err);
    }
}
