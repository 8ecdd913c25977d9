package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.job.output.Csv;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Pattern;
import dev.longsight.kernels.rf.ReceptiveField;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Receptive-field coverage of the last query block as CSV, one row per pattern x length x layer count. */
@Command(name = "rf", mixinStandardHelpOptions = true,
        description = "Share of key blocks from which the last query block is reachable within L layers (CSV).",
        footer = {"", "Example: ./longsight rf --patterns paper-sliding,paper-power --lengths 32K --block 256 --layers 1,2,4"})
final class RfCommand implements Runnable {
    @Option(names = "--patterns", paramLabel = "LIST",
            description = "Pattern specs or presets, at least one; a comma followed by key=value continues a spec, ';' also separates.")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--lengths", split = ",", paramLabel = "LIST", description = "Context lengths in tokens, at least one; K = 1024, M = 1048576.")
    List<String> lengths = new ArrayList<>();

    // The singular names read naturally for one value; hidden, so that help shows the names every command shares.
    @Option(names = "--pattern", hidden = true)
    List<String> pattern = new ArrayList<>();

    @Option(names = "--length", split = ",", hidden = true)
    List<String> length = new ArrayList<>();

    @Mixin
    BlockOption block;

    @Option(names = "--layers", split = ",", defaultValue = "1,2,4", description = "Layer counts (default: ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Override
    public void run() {
        List<String> specs = Values.patterns(concat(patterns, pattern));
        if (specs.isEmpty()) throw new IllegalArgumentException("option '--patterns': expected at least one pattern spec");
        List<String> ls = concat(lengths, length);
        if (ls.isEmpty()) throw new IllegalArgumentException("option '--lengths': expected at least one context length");
        print(specs, Values.lengths("--lengths", ls), block.size, layers, System.out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void print(List<String> patterns, List<Integer> lengths, int block, List<Integer> layers, PrintStream out) {
        Options.positive("--block", block);
        for (int l : layers) Options.positive("--layers", l);
        int[] ls = layers.stream().mapToInt(Integer::intValue).toArray();
        List<Pattern> parsed = patterns.stream().map(Options::pattern).toList(); // every spec checked before the header
        out.println("pattern,length,block,layers,coverage");
        for (int p = 0; p < parsed.size(); p++) {
            String pattern = patterns.get(p);
            for (int length : lengths) {
                double[] cov = ReceptiveField.coverage(BlockLayout.of(parsed.get(p), length, block), ls);
                for (int i = 0; i < ls.length; i++) {
                    out.println(Csv.field(pattern) + "," + length + "," + block + "," + ls[i] + "," + cov[i]);
                }
            }
        }
    }
}
