package dev.longsight.job.report;

import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic, seeded results shaped like a real sweep (for rendering tests and the README screenshot,
 * which says it shows synthetic data): full attention retrieves everything and is quadratic; the
 * sparse patterns lose needles far from the question and run in linear time.
 */
final class SyntheticResults {
    static final String[] PATTERNS = {"full", "paper-sliding", "paper-power", "dilated(4)"};
    static final int[] LENGTHS = {4096, 8192, 16384, 32768, 65536, 131072};
    static final String SCRIPT = "<script>document.title='pwned';document.body.appendChild(document.createElement('blink'))</script>";

    private SyntheticResults() {}

    static UnitResult ok(String pattern, int length, double depth, int sample, int layers, boolean exact, boolean rf,
                         double kernelMs, String executor, String device) {
        return ok(pattern, length, depth, sample, layers, exact, rf, kernelMs, (long) length * Math.min(length, 1280) * 8 * layers / 2,
                executor, device);
    }

    /** @param pairs attended (query, key) pairs over all layers and 8 heads */
    static UnitResult ok(String pattern, int length, double depth, int sample, int layers, boolean exact, boolean rf,
                         double kernelMs, long pairs, String executor, String device) {
        return new UnitResult(pattern + "-" + length + "-" + depth + "-" + sample + "-" + layers, "niah-single", pattern, length,
                depth, sample, 42 + sample, "doc" + sample + ".txt", layers, 8, 8, 128, 64, 1024, "fp32", rf, rf ? 1.0 : 0.3, "123456",
                exact ? "123456" : "120000", exact, exact ? 1 : 0.5, kernelMs, kernelMs * 1.3 + 5,
                length, pairs, 4.0 * 128 * pairs, device, "tiled (project OpenCL C)", executor, "ok", null);
    }

    static UnitResult withTask(UnitResult r, String task) {
        return new UnitResult(r.unitId(), task, r.pattern(), r.length(), r.depth(), r.sample(), r.seed(), r.document(), r.layers(), r.heads(),
                r.kvHeads(), r.headDim(), r.blockSize(), r.chunkSize(), r.precision(), r.rfReachable(), r.rfCoverage(), r.answer(),
                r.predicted(), r.exactMatch(), r.score(), r.kernelMs(), r.wallMs(), r.tokens(), r.pairs(), r.flops(), r.device(),
                r.kernel(), r.executorId(), r.status(), r.error());
    }

    static UnitResult failed(String pattern, int length, double depth, String executor, String error) {
        return new UnitResult("failed-" + pattern + "-" + length + "-" + depth, "niah-single", pattern, length, depth, 0, 7,
                "doc0.txt", 3, 8, 8, 128, 64, 1024, "fp32", false, Double.NaN, "123456", null, false, Double.NaN,
                Double.NaN, Double.NaN, 0, 0, 0, null, null, executor, "failed", error);
    }

    /** A full sweep: every pattern x length x depth (11 depths) x {@code samples}, over four executors. */
    static List<UnitResult> sweep(int samples, long seed) {
        Random rnd = new Random(seed);
        List<UnitResult> out = new ArrayList<>();
        String h100 = "OpenCL GPU: NVIDIA H100 80GB HBM3 (NVIDIA CUDA)";
        String[] devices = {h100, h100, h100, "OpenCL GPU: NVIDIA A100-SXM4-40GB (NVIDIA CUDA)"};
        int unit = 0;
        for (String p : PATTERNS)
            for (int len : LENGTHS)
                for (int d = 0; d <= 10; d++)
                    for (int s = 0; s < samples; s++) {
                        double depth = d / 10.0;
                        double reach = switch (p) {
                            case "full" -> 1;
                            case "paper-sliding" -> Math.min(1, 2500.0 / len) + (depth > 0.9 ? 1 : 0);
                            case "paper-power" -> Math.min(1, 0.55 + 6000.0 / len);
                            default -> Math.min(1, 0.3 + 5000.0 / len);
                        };
                        boolean rf = rnd.nextDouble() < reach;
                        boolean exact = rf && rnd.nextDouble() < (p.equals("full") ? 0.995 : 0.92);
                        // keys per query: causal half for full, a window (+ power-of-two hops) for the sparse ones
                        double keys = p.equals("full") ? len / 2.0 : 640 + (p.equals("paper-power") ? 64 * Math.log(len) / Math.log(2) : 0);
                        long pairs = (long) (len * keys) * 8 * 3;
                        int e = unit++ % devices.length;
                        double tflops = (e == 3 ? 2.9 : 4.6) * (p.equals("full") ? 1.05 : p.equals("paper-power") ? 0.8 : 0.95);
                        double kernelMs = 4.0 * 128 * pairs / (tflops * 1e12) * 1000 * (0.9 + 0.2 * rnd.nextDouble());
                        UnitResult r = ok(p, len, depth, s, 3, exact, rf, kernelMs, pairs, "executor-" + (e + 1), devices[e]);
                        out.add(d % 2 == 0 ? r : withTask(r, "niah-multikey")); // two tasks: the report has a table per task
                    }
        out.add(failed("paper-power", 131072, 0.5, "executor-2",
                "document doc-17 is shorter than the requested context (9,120 < 131,072 tokens)"));
        out.add(failed("dilated(4)", 65536, 0.3, "executor-4", "bad document text " + SCRIPT));
        return out;
    }

    static Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tasks", "niah-single");
        c.put("patterns", String.join(", ", PATTERNS));
        c.put("lengths", "4K, 8K, 16K, 32K, 64K, 128K");
        c.put("depths", "0.0:1.0:0.1");
        c.put("layers / heads / head dim", "3 / 8 / 128");
        c.put("block size / chunk size", "64 / 1024");
        c.put("corpus", "sample-data/ " + SCRIPT);
        return c;
    }
}
