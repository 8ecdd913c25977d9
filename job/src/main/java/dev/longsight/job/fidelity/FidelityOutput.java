package dev.longsight.job.fidelity;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/** Writes every output of a sweep under one directory: results and buckets as CSV/JSON, results as Parquet, the markdown section. */
public final class FidelityOutput {
    private FidelityOutput() {}

    public static final String FILES = "{results.parquet,results.csv,results.json,buckets.csv,buckets.json,fidelity.md}";

    public static void write(String output, Configuration conf, FidelitySweep.Output out, String markdown) throws IOException {
        TableWriter w = new TableWriter(output, conf);
        w.csv("results.csv", out.results(), FidelityResult.class);
        w.json("results.json", out.results(), FidelityResult.class);
        w.csv("buckets.csv", out.buckets(), BucketResult.class);
        w.json("buckets.json", out.buckets(), BucketResult.class);
        w.text("fidelity.md", markdown);
        w.parquet("results.parquet", out.results(), FidelityResult.class);
    }
}
