package dev.longsight.job.cli;

import dev.longsight.job.config.Values;
import dev.longsight.job.fidelity.FidelityConfig;
import dev.longsight.job.fidelity.FidelityReport;
import dev.longsight.job.fidelity.FidelityOutput;
import dev.longsight.job.fidelity.FidelitySweep;
import dev.longsight.job.fidelity.QkvSource;
import dev.longsight.job.fidelity.ScoreScale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sweeps lengths x patterns over a Q/K/V source and measures fidelity to exact attention. No method
 * or field here names a Hadoop or Spark type: picocli reflects over every subcommand class when the
 * command line is built, and bench must load on a host without Spark.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fidelity of sparse patterns to exact attention (dropped softmax mass, output error) vs length, "
                + "including dynamic top-k with k = alpha*N^C or c*ln N key blocks (N = key blocks of the sequence). "
                + "Writes results.{parquet,csv,json}, buckets.{csv,json} and fidelity.md under --output.",
                "--precision sets the patterns' arithmetic; exact attention stays fp32, so with tf32 or bf16 'full' measures "
                        + "the precision's own error."},
        footer = {"", "Example: ./longsight fidelity --lengths 1024,2048,4096 --device cpu",
                "  --patterns 'topk:alpha=1,C=0.75,topk:c=1,log,window:alpha=1,C=0.75,window:alpha=1,C=0.75,mean,paper-power'",
                "Dynamic specs: topk:<budget> (k best blocks by pooled q.k), window:<budget> (k most recent blocks),",
                "  window:<budget>,mean (fixed window at the adaptive one's average cost over the swept lengths);",
                "  <budget> = k=<int> | c=<x>,log (ceil(c ln N)) | alpha=<x>,C=<x in (0,1]> (ceil(alpha N^C)).",
                "See job/FIDELITY.md."})
final class FidelityCommand implements Runnable {
    @Option(names = "--lengths", split = ",", paramLabel = "LIST", defaultValue = "1K,2K,4K",
            description = Options.LENGTHS_DESCRIPTION)
    List<String> lengths;

    @Option(names = "--patterns", paramLabel = "LIST", defaultValue = "topk:alpha=1,C=0.75,topk:alpha=1,C=0.5,topk:c=1,log,window:alpha=1,C=0.75,window:alpha=1,C=0.75,mean,paper-power",
            description = "Comma-separated specs: static patterns/presets and topk/window specs; a comma followed by key=value continues "
                    + "a spec, ';' also separates (default: ${DEFAULT-VALUE}).")
    List<String> patterns;

    @Option(names = "--source", defaultValue = "gaussian", description = "gaussian | probe | npy:<manifest-uri> (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--heads", defaultValue = "4", description = "Query heads, gaussian and probe sources (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "4", description = "KV heads, gaussian and probe sources (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--head-dim", defaultValue = "64", description = "Head dim, gaussian and probe sources (default: ${DEFAULT-VALUE}).")
    int headDim;

    @Mixin
    BlockOption block;

    @Option(names = "--chunk", defaultValue = "4096", description = "Prefill chunk in tokens, a multiple of --block (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the gaussian source and of the probe source's passkey unit (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--score-std", defaultValue = "ln:2",
            description = "Gaussian score std: a number, or ln:<a> for sqrt(a ln n) (default: ${DEFAULT-VALUE}; see FIDELITY.md).")
    String scoreStd;

    @Option(names = "--token-topk-max", defaultValue = "4096",
            description = "Lengths up to this also get the token-level top-k CPU reference; 0 = off (default: ${DEFAULT-VALUE}).")
    int tokenTopkMax;

    @Option(names = "--buckets", defaultValue = "4", description = "Query-position buckets (default: ${DEFAULT-VALUE}).")
    int buckets;

    @Option(names = "--output", defaultValue = "out/fidelity", description = "Output directory, any Hadoop URI (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public void run() {
        FidelityConfig cfg = new FidelityConfig(Values.lengths("--lengths", lengths), Values.patterns(patterns), source, heads, kvHeads, headDim, block.size, chunk,
                Options.device(kernel.device), kernel.precision(), seed, output, ScoreScale.parse(scoreStd), tokenTopkMax, buckets);
        Configuration conf = new Configuration();
        QkvSource src = QkvSource.open(cfg, conf);
        String header;
        FidelitySweep.Output out;
        try (FidelitySweep sweep = new FidelitySweep(cfg, src)) {
            header = String.format("Source %s; %d heads (%d KV), head dim %d, block %d, chunk %d; device %s; kernel %s; command: `./longsight fidelity %s`",
                    src.describe(), src.heads(), src.kvHeads(), src.headDim(), cfg.blockSize(), cfg.chunkSize(), sweep.deviceName(),
                    sweep.kernelName(), commandLine());
            System.err.println("fidelity: " + header);
            out = sweep.run(System.err::println);
        }
        String markdown = FidelityReport.markdown(header, out.results());
        try {
            FidelityOutput.write(cfg.output(), conf, out, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + cfg.output() + ": " + e.getMessage(), e);
        }
        System.out.println(markdown);
        System.out.println("results: " + cfg.output() + "/" + FidelityOutput.FILES);
    }

    /** The options that determine the numbers, so a report says how to reproduce itself. */
    private String commandLine() {
        return String.format("--lengths %s --patterns '%s' --source %s --heads %d --kv-heads %d --head-dim %d --block %d --chunk %d "
                        + "--device %s --precision %s --seed %d --score-std %s --token-topk-max %d --buckets %d",
                String.join(",", lengths), String.join(";", patterns), source, heads, kvHeads, headDim, block.size,
                chunk, kernel.device, kernel.precision, seed, scoreStd, tokenTopkMax, buckets);
    }
}
