package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists every pattern with its parameters and every preset with its expansion; or prints one block layout as JSON. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "List sparse-attention patterns, their parameters and the paper's presets.",
        footer = {"", "Example: ./longsight patterns",
                "         ./longsight patterns --layout paper-power --length 2K --block 64   (the block layout as JSON)",
                "Specs: name:key=value,...  combine with | (union) and & (intersection); list values use /"})
final class PatternsCommand implements Runnable {
    @Option(names = "--layout", paramLabel = "SPEC", description = "print this pattern's block layout at --length and --block as one "
            + "line of JSON instead of the list: per query block its full and partial key blocks, the kept block count and the "
            + "kept (query, key) pairs of one head")
    String layout;

    @Option(names = "--length", paramLabel = "N", description = "with --layout: context length in tokens; K = 1024 (default: ${DEFAULT-VALUE})")
    String length = "32K";

    @Option(names = "--block", paramLabel = "<block>", description = "with --layout: block size in tokens (default: ${DEFAULT-VALUE})")
    int block = Integer.parseInt(Options.BLOCK);

    @Override
    public void run() {
        if (layout != null) {
            Options.positive("--block", block);
            int n = Values.lengths("--length", List.of(length)).get(0);
            System.out.println(LayoutJson.of(layout, BlockLayout.of(Options.pattern(layout), n, block)));
            return;
        }
        System.out.println("patterns (spec = name:key=value,...; defaults shown):");
        for (Patterns.Entry e : Patterns.entries()) {
            System.out.printf("  %-13s %-45s %s%n", e.name(), e.parameters().isEmpty() ? "-" : e.parameters(), e.description());
        }
        System.out.println();
        System.out.println("presets (PowerAttention's budgets at 32K tokens, 256-token blocks):");
        Map<String, String> presets = Patterns.presets();
        for (String name : Patterns.presetNames()) {
            BlockLayout l = BlockLayout.of(Patterns.parse(name), 32768, 256);
            System.out.printf("  %-19s = %-52s max %2d / mean %5.2f blocks a row, density %.4f%n", name, presets.get(name),
                    l.maxBlocksPerRow(), (double) l.totalBlocks() / l.numQBlocks(), l.pairs() / (32768.0 * 32769 / 2));
        }
        System.out.println();
        System.out.println("dynamic: topk (k key blocks per query block by estimated score) -- see './longsight fidelity --help'");
    }
}
