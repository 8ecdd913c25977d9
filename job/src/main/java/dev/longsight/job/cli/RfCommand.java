package dev.longsight.job.cli;

import dev.longsight.job.output.Csv;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.rf.ReceptiveField;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Receptive-field coverage of the last query block as CSV, one row per layer count. */
@Command(name = "rf", mixinStandardHelpOptions = true,
        description = "Share of key blocks from which the last query block is reachable within L layers (CSV).",
        footer = {"", "Example: ./longsight rf --pattern paper-sliding --length 32768 --block 256 --layers 1,2,4"})
final class RfCommand implements Runnable {
    @Option(names = "--pattern", required = true, description = "Pattern spec or preset.")
    String pattern;

    @Option(names = "--length", required = true, description = "Context length in tokens (> 0).")
    int length;

    @Option(names = "--block", defaultValue = "256", description = "Block size in tokens (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--layers", split = ",", defaultValue = "1,2,4", description = "Layer counts (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Override
    public void run() {
        Options.positive("--length", length);
        Options.positive("--block", block);
        for (int l : layers) Options.positive("--layers", l);
        Pattern p = Patterns.parse(pattern);
        BlockLayout layout = BlockLayout.of(p, length, block);
        int[] ls = layers.stream().mapToInt(Integer::intValue).toArray();
        double[] cov = ReceptiveField.coverage(layout, ls);
        System.out.println("pattern,length,block,layers,coverage");
        for (int i = 0; i < ls.length; i++) {
            System.out.println(Csv.field(pattern) + "," + length + "," + block + "," + ls[i] + "," + cov[i]);
        }
    }
}
