package dev.longsight.job.cli;

import dev.longsight.job.config.Redaction;
import dev.longsight.job.config.Values;
import dev.longsight.job.fidelity.FidelityConfig;
import dev.longsight.job.fidelity.FidelityOutput;
import dev.longsight.job.fidelity.FidelityReport;
import dev.longsight.job.fidelity.FidelityResult;
import dev.longsight.job.fidelity.FidelitySweep;
import dev.longsight.job.fidelity.HeadResult;
import dev.longsight.job.fidelity.DocumentResult;
import dev.longsight.job.fidelity.LengthResult;
import dev.longsight.job.fidelity.QkvSource;
import dev.longsight.job.fidelity.ScoreScale;
import dev.longsight.job.output.OutputStore;
import dev.longsight.job.output.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
                + "Writes summary.{csv,json}, buckets.{csv,json}, results.parquet, fidelity.md and report.html under --output; "
                + "a rerun with the same output resumes (finished lengths are not measured again).",
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

    @Option(names = "--model", paramLabel = "URI", description = "A Llama-family checkpoint (config.json, safetensors, tokenizer.json; "
            + "any Hadoop URI): measure on the Q/K/V of every layer and head of its reference forward over --input's documents "
            + "(CPU, double: slow, see FIDELITY.md). Replaces --source.")
    String model;

    @Option(names = "--input", paramLabel = "URI", defaultValue = FidelityConfig.DEFAULT_INPUT,
            description = "Documents for --model: a file or directory of text, JSON lines or Parquet (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--documents", defaultValue = "3", description = "Sequences --model captures, each from its own starting document; "
            + "the spread between them gives the error bars (default: ${DEFAULT-VALUE}).")
    int documents;

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

    @Option(names = "--output", defaultValue = FidelityConfig.DEFAULT_OUTPUT, description = "Output directory, any Hadoop URI; "
            + "not run's ./out, so the two never refuse each other's results (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--overwrite", description = "Replace LongSight results of a different config in --output.")
    boolean overwrite;

    @Option(names = "--dry-run", description = "Print the lengths to measure and a time estimate from one short length measured "
            + "on the device, then stop: nothing is swept or written.")
    boolean dryRun;

    @Override
    public void run() {
        FidelityConfig cfg = config(lengths);
        Configuration conf = new Configuration();
        QkvSource src = QkvSource.open(cfg, conf);
        try (FidelitySweep sweep = new FidelitySweep(cfg, src)) { // checks the lengths against the source: bad input fails before any output
            String header = String.format("Source %s; %s%d heads (%d KV), head dim %d, block %d, chunk %d; device %s; kernel %s; command: `./longsight fidelity %s`",
                    src.describe(), src.layers() * src.documents() > 1 ? src.documents() + " documents x " + src.layers() + " layers x " : "",
                    src.heads(), src.kvHeads(), src.headDim(), cfg.blockSize(), cfg.chunkSize(), sweep.deviceName(),
                    sweep.kernelName(), commandLine());
            System.err.println("fidelity: " + header);
            if (dryRun) {
                dryRun(cfg, src, sweep);
                return;
            }
            OutputStore store = OutputStore.open(conf, cfg.output(), cfg.fingerprint(), cfg.describe(), overwrite, System.err);
            List<LengthResult> done = new ArrayList<>(committed(store, cfg));
            Set<Integer> doneLengths = new HashSet<>();
            done.forEach(l -> doneLengths.add(l.length()));
            List<Integer> pending = cfg.lengths().stream().filter(n -> !doneLengths.contains(n)).toList();
            System.err.println("fidelity: " + cfg.lengths().size() + " lengths in the sweep" + (done.isEmpty() ? ""
                    : ", " + done.size() + " already committed in " + cfg.output() + " (resuming)") + ", " + pending.size() + " to measure");
            // The ETA follows exact attention's pairs, the phase that grows fastest with the length.
            Progress progress = Progress.console(pending.size(), pending.stream().mapToLong(n -> (long) n * (n + 1) / 2).sum(),
                    "lengths", "exact pairs", System.err);
            long pairs = 0;
            for (int i = 0; i < pending.size(); i++) {
                int n = pending.get(i);
                LengthResult r = sweep.measure(n, System.err::println);
                store.commitBatch(List.of(r));
                done.add(r);
                progress.update(i + 1, pairs += (long) n * (n + 1) / 2);
            }
            progress.finish();
            done.sort(Comparator.comparingInt(LengthResult::length));
            List<FidelityResult> results = done.stream().flatMap(l -> l.results().stream()).toList();
            List<HeadResult> heads = done.stream().flatMap(l -> l.heads().stream()).toList();
            List<DocumentResult> docs = done.stream().flatMap(l -> l.documents().stream()).toList();
            String markdown = FidelityReport.markdown(header, results, heads, docs);
            List<String> files = FidelityOutput.write(store, cfg.fingerprint(), done, markdown, header, "./longsight fidelity " + commandLine(),
                    cfg.settings());
            System.out.println(markdown);
            System.out.println("outputs:");
            files.forEach(f -> System.out.println("  " + f));
        }
    }

    private FidelityConfig config(List<String> lengthOption) {
        if (model != null && !source.equals("gaussian")) {
            throw new IllegalArgumentException("option '--model': expected either --model or --source, got both (--source " + source + ")");
        }
        return new FidelityConfig(Values.lengths("--lengths", lengthOption), Values.patterns(patterns), effectiveSource(), heads, kvHeads,
                headDim, block.size, chunk, Options.device(kernel.device), kernel.precision(), seed, output, ScoreScale.parse(scoreStd),
                tokenTopkMax, buckets, input, documents);
    }

    private String effectiveSource() { return model == null ? source : FidelityConfig.MODEL + model; }

    /** The committed lengths of this sweep; each must be one of its lengths, once. */
    private static List<LengthResult> committed(OutputStore store, FidelityConfig cfg) {
        List<LengthResult> done = store.committed(System.err, LengthResult.class);
        Set<Integer> seen = new HashSet<>();
        for (LengthResult l : done) {
            if (!cfg.lengths().contains(l.length()) || !seen.add(l.length())) {
                throw new IllegalArgumentException("output '" + cfg.output() + "' holds length " + l.length() + " that this sweep "
                        + (seen.contains(l.length()) ? "committed twice" : "does not measure") + "; pass --overwrite to start again");
            }
        }
        return done;
    }

    /**
     * Measures one short length twice on the device (the first pays for kernel compilation), then
     * scales each phase of the second by its work at every swept length: the phases grow at different
     * rates (exact as n^2, a window as n, the token reference as n^2 on the host). For the default sweep
     * on PoCL with 2 busy cores this said 2m14s; the sweep took 2m25s. Writes nothing.
     */
    private void dryRun(FidelityConfig cfg, QkvSource src, FidelitySweep sweep) {
        int n0 = Math.min(1024, cfg.lengths().stream().mapToInt(Integer::intValue).min().orElseThrow());
        System.out.println("LongSight fidelity (dry run: nothing is swept or written)");
        cfg.describe().forEach(System.out::println);
        FidelityConfig small = config(List.of(String.valueOf(n0)));
        try (FidelitySweep calibration = new FidelitySweep(small, src)) {
            long t0 = System.nanoTime();
            calibration.measure(n0, x -> { });
            calibration.measure(n0, x -> { });
            FidelitySweep.Timing t = calibration.lastTiming();
            System.out.printf(Locale.ROOT, "calibration: length %d, %d patterns x %d heads on %s: %.2f s (exact %.2f s, patterns %.2f s, "
                            + "token reference %.2f s, host %.2f s; %.1f s with kernel compilation)%n", n0, cfg.patterns().size(), src.heads(),
                    sweep.deviceName(), (t.exactMs() + t.patternMs() + t.tokenMs() + t.hostMs()) / 1e3, t.exactMs() / 1e3, t.patternMs() / 1e3,
                    t.tokenMs() / 1e3, t.hostMs() / 1e3, (System.nanoTime() - t0) / 1e9);
            double total = 0;
            StringBuilder per = new StringBuilder();
            for (int n : cfg.lengths()) {
                double sec = sweep.estimateSeconds(n, calibration, n0, t);
                total += sec;
                per.append(per.length() == 0 ? "" : ", ").append(n).append(": ").append(Progress.preciseDuration(sec));
            }
            System.out.println("units: " + cfg.lengths().size() + " lengths (one batch each), " + cfg.patterns().size() + " patterns x "
                    + src.heads() + " heads per length");
            System.out.println("estimate: about " + Progress.preciseDuration(total) + " on this device (" + per + "); each phase scaled from the "
                    + "calibration by its pairs, dot products or tokens, so a rough guide, not a promise");
        }
    }

    /**
     * The options that determine the numbers, so a report says how to reproduce itself. Options the
     * source ignores are left out: a captured source's shape is its own (the header states it), and
     * only the gaussian source has a score scale.
     */
    private String commandLine() {
        boolean synthetic = source.equals("gaussian") || source.equals("probe");
        String from = model != null ? "--model " + Redaction.uris(model) + " --input " + Redaction.uris(input) + " --documents " + documents
                : "--source " + Redaction.uris(source) + (synthetic ? String.format(" --heads %d --kv-heads %d --head-dim %d", heads, kvHeads, headDim) : "");
        return String.format("--lengths %s --patterns '%s' %s --block %d --chunk %d --device %s --precision %s --seed %d%s --token-topk-max %d --buckets %d",
                String.join(",", lengths), String.join(";", patterns), from, block.size, chunk, kernel.device, kernel.precision, seed,
                model == null && source.equals("gaussian") ? " --score-std " + scoreStd : "", tokenTopkMax, buckets);
    }
}
