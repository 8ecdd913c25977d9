package dev.longsight.job.cli;

import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.util.Map;
import picocli.CommandLine.Command;

/** Lists every pattern with its parameters and every preset with its expansion. */
@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = "List sparse-attention patterns, their parameters and the paper's presets.",
        footer = {"", "Example: ./longsight patterns",
                "Specs: name:key=value,...  combine with | (union) and & (intersection); list values use /"})
final class PatternsCommand implements Runnable {
    @Override
    public void run() {
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
