package dev.longsight.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longsight.job.cli.Cli.Run;
import dev.longsight.job.fidelity.NpySourceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `longsight fidelity` end to end at tiny sizes, on JTP (the kernels themselves are tested on OpenCL in kernels/). */
class FidelityCommandTest {
    @TempDir Path dir;

    /** summary.csv as maps keyed by "pattern|granularity|length". */
    static Map<String, Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.length; i++) m.put(header[i], f[i].replace("\"", ""));
            rows.put(m.get("pattern") + "|" + m.get("granularity") + "|" + m.get("length"), m);
        }
        return rows;
    }

    @Test
    void gaussianSweepWritesEveryOutputAndItsNumbersAreConsistent() throws IOException {
        Path out = dir.resolve("out");
        Run r = Cli.run("fidelity", "--lengths", "96,192", "--heads", "2", "--kv-heads", "1", "--head-dim", "16", "--block", "16",
                "--chunk", "32", "--device", "jtp", "--output", out.toString(), "--patterns",
                "topk:k=100,topk:k=2,topk:alpha=1,C=0.5,window:c=1,log,window:alpha=1,C=0.5,mean,sliding:window=2,sink=0,paper-power");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"summary.csv", "summary.json", "buckets.csv", "buckets.json", "fidelity.md", "report.html", "results.parquet/_SUCCESS"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        var rows = csv(out.resolve("summary.csv"));
        assertEquals(7 * 2 + 3 * 2, rows.size()); // 7 patterns x 2 lengths, plus token rows of the 3 topk specs
        // keeping every block is exact attention: nothing dropped (fp32 noise only)
        assertTrue(Double.parseDouble(rows.get("topk:k=100|block|192").get("dropped_max")) < 1e-5);
        assertTrue(Double.parseDouble(rows.get("topk:k=100|token|192").get("rel_l2_max")) < 1e-4);
        // the token-level reference keeps the individually largest scores: never drops more than block top-k at equal cost
        for (int n : new int[] {96, 192}) {
            double block = Double.parseDouble(rows.get("topk:k=2|block|" + n).get("dropped_mean"));
            double token = Double.parseDouble(rows.get("topk:k=2|token|" + n).get("dropped_mean"));
            assertTrue(token <= block + 1e-6, "token " + token + " vs block " + block);
            assertTrue(block > 0.05, "a 2-block top-k must drop mass on i.i.d. scores, got " + block);
        }
        // topk:k=2 and a 2-block window have the same cost
        assertEquals(rows.get("sliding:window=2,sink=0|block|192").get("blocks_per_row"), rows.get("topk:k=2|block|192").get("blocks_per_row"));
        // window:alpha=1,C=0.5,mean: k = mean(ceil(sqrt(6)), ceil(sqrt(12))) = mean(3, 4) -> 4 (rounded half up)
        assertTrue(rows.keySet().stream().anyMatch(k -> k.startsWith("window:alpha=1,C=0.5,mean(k=4)|block|")), rows.keySet().toString());
        assertTrue(rows.get("paper-power|block|96").get("device").startsWith("JTP"));
        assertEquals("CPU reference (double)", rows.get("topk:k=2|token|96").get("device"));
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        var json = summary.get("rows");
        assertEquals(32, summary.get("fingerprint").asText().length());
        assertEquals(rows.size(), json.size());
        for (var o : json) { // JSON and CSV carry the same numbers
            var csvRow = rows.get(o.get("pattern").asText() + "|" + o.get("granularity").asText() + "|" + o.get("length").asInt());
            assertEquals(Double.parseDouble(csvRow.get("rel_l2_mean")), o.get("rel_l2_mean").asDouble(), 0.0);
        }
        String md = Files.readString(out.resolve("fidelity.md"));
        assertTrue(md.contains("The paper's claims") && md.contains("topk:alpha=1,C=0.5 [block]"), md);
        assertEquals(1 + 10 * 2 * 4, Files.readAllLines(out.resolve("buckets.csv")).size()); // 10 (pattern, granularity) x 2 lengths x 4 buckets
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Content-Security-Policy") && !html.contains("<script"), "self-contained, no scripts");
        assertEquals(4, html.split("<svg ", -1).length - 1, "dropped mass (last bucket, all rows), output error, cost");
        assertEquals(4 * (7 + 3), html.split("<polyline class=\"series", -1).length - 1, "one line per pattern and granularity in each chart");
        assertTrue(html.contains("topk:alpha=1,C=0.5 [token]") && html.contains("The paper&#39;s claims"), "charts and claims");
    }

    @Test
    void aRerunResumesAndAnotherConfigIsRefusedUnlessOverwrite() throws IOException {
        Path out = dir.resolve("resume");
        // one Spark session for the five runs' Parquet writes, instead of one started per run
        var spark = org.apache.spark.sql.SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            resumes(out);
        } finally {
            spark.stop();
        }
    }

    private void resumes(Path out) throws IOException {
        String[] common = {"fidelity", "--lengths", "64,128", "--heads", "1", "--kv-heads", "1", "--head-dim", "16", "--block", "16",
                "--chunk", "64", "--device", "jtp", "--patterns", "topk:k=2,paper-power", "--output", out.toString()};
        Run first = Cli.run(common);
        assertEquals(0, first.code(), first.err());
        String summary = Files.readString(out.resolve("summary.csv"));
        assertEquals(2, countBatches(out));
        Run again = Cli.run(common);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("2 already committed") && again.err().contains("0 to measure"), again.err());
        assertTrue(!again.err().contains("length 64:"), "a committed length is not measured again: " + again.err());
        assertEquals(summary, Files.readString(out.resolve("summary.csv")), "resumed numbers are the committed ones");

        // a lost length (its batch removed) is the only one measured again
        Files.delete(batches(out).get(1));
        Run partial = Cli.run(common);
        assertEquals(0, partial.code(), partial.err());
        assertTrue(partial.err().contains("1 already committed") && partial.err().contains("length 128:") && !partial.err().contains("length 64:"), partial.err());

        Run other = Cli.run(concat(common, "--seed", "7"));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("holds results of a different configuration") && other.err().contains("--overwrite"), other.err());
        Run overwrite = Cli.run(concat(common, "--seed", "7", "--overwrite"));
        assertEquals(0, overwrite.code(), overwrite.err());
        assertTrue(!summary.equals(Files.readString(out.resolve("summary.csv"))), "another seed, other numbers");
    }

    private static long countBatches(Path out) throws IOException { return batches(out).size(); }

    /** The committed batch files, in order (the local filesystem keeps a .crc file beside each). */
    private static List<Path> batches(Path out) throws IOException {
        try (var s = Files.list(out.resolve("_longsight/batches"))) {
            return s.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.jsonl")).sorted().toList();
        }
    }

    @Test
    void theDefaultOutputIsNotRunsAndDryRunWritesNothing() throws IOException {
        assertEquals("out-fidelity", dev.longsight.job.fidelity.FidelityConfig.DEFAULT_OUTPUT);
        assertTrue(!dev.longsight.job.fidelity.FidelityConfig.DEFAULT_OUTPUT.startsWith(dev.longsight.job.config.RunConfig.DEFAULT_OUTPUT + "/"));
        Path out = dir.resolve("dry");
        Run r = Cli.run("fidelity", "--lengths", "64,256", "--heads", "2", "--kv-heads", "1", "--head-dim", "16", "--block", "16",
                "--chunk", "64", "--device", "jtp", "--patterns", "topk:k=2,paper-power", "--output", out.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(!Files.exists(out), "a dry run creates nothing");
        assertTrue(r.out().contains("units: 2 lengths (one batch each), 2 patterns x 2 heads per length"), r.out());
        assertTrue(r.out().contains("calibration: length 64,"), r.out());
        var m = java.util.regex.Pattern.compile("estimate: about [0-9.hms]+ on this device \\(64: ([0-9.]+)s, 256: ([0-9.]+)s\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(2)) > Double.parseDouble(m.group(1)), "a longer length costs more: " + r.out());
    }

    @Test
    void npySourceRunsEndToEnd() throws IOException {
        String manifest = NpySourceTest.write(dir, "<V2", 64, 2, 2, 8, "dtype=bfloat16\n");
        Path out = dir.resolve("out");
        Run r = Cli.run("fidelity", "--source", "npy:" + manifest, "--lengths", "32,64", "--block", "8", "--chunk", "16", "--device", "jtp",
                "--patterns", "topk:k=2,paper-sliding", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("npy(" + manifest + ")"));
        // the echoed command states what ran: the capture's 2 heads, not the synthetic sources' default shape options
        String md = Files.readString(out.resolve("fidelity.md"));
        assertTrue(md.contains("2 heads (2 KV), head dim 8"), md);
        String command = md.substring(md.indexOf("command: `"));
        assertTrue(!command.contains("--heads") && !command.contains("--kv-heads") && !command.contains("--head-dim")
                && !command.contains("--score-std"), command);
        Run tooLong = Cli.run("fidelity", "--source", "npy:" + manifest, "--lengths", "128", "--device", "jtp", "--output", out.toString());
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().contains("holds 64 tokens"), tooLong.err());
    }

    @Test
    void modelSourceMeasuresEveryLayerAndHeadWithErrorBarsOverDocuments() throws IOException {
        Path model = dev.longsight.job.fidelity.ModelQkvSourceTest.tinyModel(dir.resolve("model"));
        Path out = dir.resolve("out");
        Run r = Cli.run("fidelity", "--model", model.toString(), "--input", dev.longsight.job.fidelity.ModelQkvSourceTest.CORPUS,
                "--documents", "2", "--lengths", "64,128", "--block", "8", "--chunk", "32", "--device", "jtp", "--buckets", "2",
                "--patterns", "topk:alpha=1,C=0.75,topk:c=1,log,window:alpha=1,C=0.75,window:alpha=1,C=0.75,mean", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        var rows = csv(out.resolve("summary.csv"));
        assertEquals(4 * 2 + 2 * 2, rows.size()); // 4 patterns x 2 lengths, plus token rows of the 2 topk specs
        var row = rows.get("topk:alpha=1,C=0.75|token|128");
        assertEquals("2", row.get("documents"));
        assertEquals("2", row.get("layers"));
        assertEquals("exact", row.get("quantiles"));
        assertTrue(Double.parseDouble(row.get("dropped_late_se")) >= 0, row.toString());
        assertTrue(row.get("source").startsWith("model(tiny-random-llama"), row.get("source"));
        // every (layer, head) of every pattern and length; every document
        assertEquals(1 + 6 * 2 * 2 * 4, Files.readAllLines(out.resolve("heads.csv")).size());
        assertEquals(1 + 6 * 2 * 2, Files.readAllLines(out.resolve("documents.csv")).size());
        String md = Files.readString(out.resolve("fidelity.md"));
        assertTrue(md.contains("2 documents x 2 layers x 4 heads (2 KV), head dim 16"), md);
        assertTrue(md.contains(" ± ") && md.contains("### Verdicts") && md.contains("### Per layer and head") && md.contains("exact quantiles"), md);
        assertTrue(md.contains("--model " + model + " --input ../sample-data/corpus --documents 2") && !md.contains("--heads"), md);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h3>Verdicts</h3>") && html.contains("<h3>Per layer and head</h3>") && html.contains("<strong>"), "the report shows "
                + "the verdicts and the per-head slopes as fidelity.md does");
        assertTrue(html.contains("<th class=\"num\" scope=\"col\">head 3</th>") && !html.contains("| layer |"), "the per-head tables are HTML tables");
        assertTrue(r.err().contains("captured 128 tokens from document"), r.err());
        Run both = Cli.run("fidelity", "--model", model.toString(), "--source", "probe", "--device", "jtp", "--output", out.toString());
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("either --model or --source"), both.err());
    }

    @Test
    void probeSourceRunsEndToEnd() throws IOException {
        Path out = dir.resolve("out");
        Run r = Cli.run("fidelity", "--source", "probe", "--lengths", "128,256", "--heads", "2", "--kv-heads", "1", "--head-dim", "32",
                "--block", "16", "--chunk", "64", "--device", "jtp", "--seed", "4", "--patterns", "topk:k=100,topk:k=2,paper-sliding",
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        var rows = csv(out.resolve("summary.csv"));
        assertEquals(3 * 2 + 2 * 2, rows.size()); // 3 patterns x 2 lengths, plus token rows of the 2 topk specs
        assertTrue(rows.get("paper-sliding|block|256").get("source").startsWith("probe(passkey,depth=0.5"), rows.get("paper-sliding|block|256").toString());
        assertTrue(Double.parseDouble(rows.get("topk:k=100|block|256").get("dropped_max")) < 1e-5); // every block kept: exact
        assertTrue(Files.readString(out.resolve("fidelity.md")).contains("--source probe"));
        Run small = Cli.run("fidelity", "--source", "probe", "--lengths", "64", "--head-dim", "8", "--device", "jtp", "--output", out.toString());
        assertEquals(2, small.code());
        assertTrue(small.err().contains("option '--head-dim'") && small.err().strip().lines().count() <= 2, small.err());
    }

    @Test
    void bf16PatternsAreMeasuredAgainstFp32ExactAttention() throws IOException {
        Path bf16 = dir.resolve("bf16"), fp32 = dir.resolve("fp32");
        String[] common = {"fidelity", "--lengths", "128", "--heads", "1", "--kv-heads", "1", "--head-dim", "32", "--block", "64",
                "--chunk", "64", "--device", "jtp", "--token-topk-max", "0", "--buckets", "1"};
        Run r = Cli.run(concat(common, "--precision", "bf16", "--patterns", "full,sliding:window=1,sink=0", "--output", bf16.toString()));
        assertEquals(0, r.code(), r.err());
        Run f = Cli.run(concat(common, "--patterns", "sliding:window=1,sink=0", "--output", fp32.toString()));
        assertEquals(0, f.code(), f.err());
        var low = csv(bf16.resolve("summary.csv")).get("full|block|128");
        assertEquals("mma-bf16 (Java threads, row per work-item)", low.get("kernel"));
        // full attention in bf16 against fp32 exact: bf16's rounding (8 mantissa bits) only, nothing dropped
        double relL2 = Double.parseDouble(low.get("rel_l2_mean"));
        assertTrue(relL2 > 1e-4 && relL2 < 3e-2, "bf16 full vs fp32 exact, relative L2 " + relL2);
        assertTrue(Math.abs(Double.parseDouble(low.get("dropped_mean"))) < 1e-2, low.get("dropped_mean"));
        var window = csv(bf16.resolve("summary.csv")).get("sliding:window=1,sink=0|block|128");
        var window32 = csv(fp32.resolve("summary.csv")).get("sliding:window=1,sink=0|block|128");
        assertTrue(window32.get("kernel").startsWith("naive"), window32.get("kernel"));
        // the pattern's dropped mass is the same to within bf16 rounding: precision does not change what a layout keeps
        assertEquals(Double.parseDouble(window32.get("dropped_mean")), Double.parseDouble(window.get("dropped_mean")), 1e-2);
        assertTrue(Files.readString(bf16.resolve("fidelity.md")).contains("kernel mma-bf16 (Java threads, row per work-item); exact reference: naive"));

        Run badBlock = Cli.run("fidelity", "--lengths", "64", "--device", "jtp", "--precision", "bf16", "--block", "32", "--chunk", "64",
                "--output", dir.resolve("bad").toString());
        assertEquals(2, badBlock.code(), badBlock.err());
        assertTrue(badBlock.err().contains("option '--block': expected a multiple of 64 with --precision bf16"), badBlock.err());
        Run fullInFp32 = Cli.run("fidelity", "--lengths", "64", "--device", "jtp", "--patterns", "full", "--output", dir.resolve("bad").toString());
        assertEquals(2, fullInFp32.code(), fullInFp32.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        String[][] cases = {
            {"--patterns", "topk:c=2", "exactly one budget form"},
            {"--patterns", "topk:alpha=1,C=2", "(0, 1]"},
            {"--patterns", "nope:x=1", "unknown pattern 'nope'"},
            {"--patterns", "full", "exact reference"},
            {"--source", "s3://x", "gaussian, probe or npy"},
            {"--chunk", "100", "multiple of --block"},
            {"--score-std", "ln:x", "--score-std"},
            {"--kv-heads", "3", "divisor of --heads"},
            {"--device", "tpu", "device 'tpu'"},
            {"--precision", "fp16", "option '--precision': precision 'fp16' is not one of fp32, tf32, bf16"},
            {"--source", "npy:/definitely/not/here.properties", "no such file"},
        };
        for (String[] c : cases) {
            String device = c[0].equals("--device") ? c[1] : "jtp";
            Run r = Cli.run("fidelity", "--lengths", "64", "--device", device, "--output", dir.resolve("bad").toString(),
                    c[0].equals("--device") ? "--seed" : c[0], c[0].equals("--device") ? "1" : c[1]);
            assertEquals(2, r.code(), Arrays.toString(c) + ": " + r.err());
            assertTrue(r.err().contains(c[2]) && r.err().strip().lines().count() <= 2, Arrays.toString(c) + ": " + r.err());
        }
    }
}
