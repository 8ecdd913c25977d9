package dev.longsight.job.cli;

import dev.longsight.job.config.Origin;
import dev.longsight.job.config.Rules;
import dev.longsight.job.unit.ModelShape;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The probe model's shape and device, as run and calibrate take them. Fidelity sizes synthetic
 * Q/K/V and bench sizes a GPU benchmark, so their head counts and chunk keep their own defaults.
 */
final class ShapeOptions {
    @Option(names = "--layers", defaultValue = "3", description = "Probe layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "2", description = "Query heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "1", description = "KV heads, dividing --heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = "64", description = "Head dimension, 1..128; 64 and 128 are the tuned sizes (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Mixin
    BlockOption block;

    @Option(names = "--chunk", defaultValue = "1024", description = "Prefill chunk in tokens, a multiple of --block (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin
    KernelOptions kernel;

    /** The shape, checked by the rules every way of configuring a run shares. */
    ModelShape shape() {
        return Rules.shape(Origin.OPTIONS, layers, heads, kvHeads, headDim, block.size, chunk, kernel.device, kernel.precision());
    }
}
