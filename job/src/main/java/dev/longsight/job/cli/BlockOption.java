package dev.longsight.job.cli;

import picocli.CommandLine.Option;

/** {@code --block} of every command that runs patterns, except bench (see its own {@code --block}). */
final class BlockOption {
    @Option(names = "--block", paramLabel = "<block>", defaultValue = Options.BLOCK, description = "Block size in tokens (default: ${DEFAULT-VALUE}: the smallest "
            + "block the tensor-core kernels take, their query tile being 64 rows, so one layout serves fp32, tf32 and bf16; "
            + "run, rf, fidelity, calibrate and logits share it).")
    int size;
}
