package dev.longsight.job.fidelity;

import dev.longsight.job.output.OutputStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the final files of a sweep into its output store, each atomically: summary.csv and
 * summary.json (one row per pattern x granularity x length), buckets.csv/json (per position
 * bucket), heads.csv (per layer and head, mean over documents), documents.csv (per document, the
 * error bars' data), results.parquet (the summary rows), fidelity.md and report.html. The committed
 * per-length batches under {@code _longsight/} are what a rerun resumes from.
 */
public final class FidelityOutput {
    private FidelityOutput() {}

    public static final List<String> FILES = List.of("summary.csv", "summary.json", "buckets.csv", "buckets.json", "heads.csv",
            "documents.csv", "results.parquet",
            "fidelity.md", "report.html");

    /** Writes every file from the measured lengths (in length order); returns their locations. */
    public static List<String> write(OutputStore store, String fingerprint, List<LengthResult> lengths, String markdown, String header,
                                     String commandLine, Map<String, String> settings) {
        List<FidelityResult> results = new ArrayList<>();
        List<BucketResult> buckets = new ArrayList<>();
        List<HeadResult> heads = new ArrayList<>();
        List<DocumentResult> docs = new ArrayList<>();
        for (LengthResult l : lengths) {
            results.addAll(l.results());
            buckets.addAll(l.buckets());
            heads.addAll(l.heads());
            docs.addAll(l.documents());
        }
        store.writeText("summary.csv", TableWriter.csv(results, FidelityResult.class));
        store.writeText("summary.json", "{\"fingerprint\": " + TableWriter.quote(fingerprint) + ",\n\"header\": " + TableWriter.quote(header)
                + ",\n\"rows\": " + TableWriter.json(results, FidelityResult.class) + "}\n");
        store.writeText("buckets.csv", TableWriter.csv(buckets, BucketResult.class));
        store.writeText("buckets.json", TableWriter.json(buckets, BucketResult.class) + "\n");
        store.writeText("heads.csv", TableWriter.csv(heads, HeadResult.class));
        store.writeText("documents.csv", TableWriter.csv(docs, DocumentResult.class));
        String tmp = store.temporaryPath();
        TableWriter.parquet(tmp, results, FidelityResult.class);
        store.replaceWith(tmp, "results.parquet");
        store.writeText("fidelity.md", markdown);
        store.writeText("report.html", FidelityHtml.render(header, commandLine, settings, results, heads, docs));
        return FILES.stream().map(store::location).toList();
    }
}
