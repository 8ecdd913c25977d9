package dev.longsight.job.fidelity;

import dev.longsight.kernels.attention.AttentionResult;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.Precision;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.fidelity.FidelityStats;
import dev.longsight.kernels.fidelity.RowErrors;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import dev.longsight.kernels.topk.BlockScorer;
import dev.longsight.kernels.topk.TokenTopk;
import dev.longsight.kernels.topk.TopkSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a fidelity sweep on one device, head by head so memory stays linear in the length: exact
 * attention (the fp32 kernel with the full layout), then every pattern in the configured precision,
 * each compared row by row with exact; top-k layouts come from the block-score kernel. No Spark
 * types: this is executor-side code.
 */
public final class FidelitySweep implements AutoCloseable {
    static final String TOKEN_DEVICE = "CPU reference (double)";
    static final String TOKEN_KERNEL = "token top-k reference (Java, double)";
    private final FidelityConfig cfg;
    private final QkvSource src;
    private final PrefillLauncher launcher; // the patterns', in the configured precision
    private final PrefillLauncher exactLauncher; // fp32: the reference must not carry the precision under test
    private final BlockScorer scorer;
    private final int[] nbs; // key blocks of each swept length, in the order of cfg.lengths()
    private final List<SweepPattern> patterns; // resolved against every swept length (a ',mean' window averages over them)

    public FidelitySweep(FidelityConfig cfg, QkvSource src) {
        this.cfg = cfg;
        this.src = src;
        for (int n : cfg.lengths()) {
            if (n > src.maxLength()) {
                throw new IllegalArgumentException("option '--lengths': expected lengths <= " + src.maxLength() + " (the source "
                        + src.describe() + " holds " + src.maxLength() + " tokens), got " + n);
            }
        }
        this.launcher = new PrefillLauncher(cfg.device(), null, cfg.precision());
        this.exactLauncher = cfg.precision() == Precision.FP32 ? launcher : new PrefillLauncher(cfg.device());
        this.scorer = new BlockScorer(cfg.device());
        this.nbs = cfg.lengths().stream().mapToInt(n -> (n + cfg.blockSize() - 1) / cfg.blockSize()).toArray();
        this.patterns = cfg.patterns().stream().map(p -> SweepPattern.resolve(p, nbs)).toList();
    }

    public String deviceName() { return launcher.deviceName(); }

    /** The prefill code the patterns run, and the exact reference's when it differs. */
    public String kernelName() {
        String k = launcher.kernelSource(cfg.blockSize());
        return exactLauncher == launcher ? k : k + "; exact reference: " + exactLauncher.kernelSource(cfg.blockSize());
    }

    /** Measures one swept length: exact attention and every pattern, head by head; a line on {@code progress} when done. */
    public LengthResult measure(int n, Consumer<String> progress) {
        int li = cfg.lengths().indexOf(n);
        if (li < 0) throw new IllegalArgumentException("length " + n + " is not one of the sweep's " + cfg.lengths());
        long t0 = System.nanoTime();
        Map<String, Acc> accs = new LinkedHashMap<>();
        Timing tm = runLength(n, nbs[li], patterns, accs);
        tm.totalMs = (System.nanoTime() - t0) / 1e6;
        last = tm;
        List<FidelityResult> results = new ArrayList<>();
        List<BucketResult> buckets = new ArrayList<>();
        List<HeadResult> heads = new ArrayList<>();
        List<DocumentResult> documents = new ArrayList<>();
        for (Acc a : accs.values()) {
            results.add(a.result(src.describe(), n, src.heads(), src.headDim(), cfg.blockSize(), nbs[li]));
            buckets.addAll(a.buckets(n));
            heads.addAll(a.heads(n));
            documents.addAll(a.documents(n));
        }
        progress.accept(String.format("length %d: %d patterns x %d heads" + (src.layers() * src.documents() > 1
                ? " x " + src.layers() + " layers x " + src.documents() + " documents" : "") + " in %.1f s (exact %.1f s, patterns %.1f s, "
                + "token reference %.1f s; rest is Q/K/V, layouts and metrics on the host)", n, patterns.size(), src.heads(),
                (System.nanoTime() - t0) / 1e9, tm.exactMs / 1e3, tm.patternMs / 1e3, tm.tokenMs / 1e3));
        return new LengthResult(n, results, buckets, heads, documents);
    }

    /** Wall time of one length's phases: the progress line, and a dry run's calibration. */
    public static final class Timing {
        double exactMs, patternMs, tokenMs, totalMs;

        public double exactMs() { return exactMs; }
        public double patternMs() { return patternMs; }
        public double tokenMs() { return tokenMs; }
        /** What the phases leave: Q/K/V, layouts and metrics on the host. */
        public double hostMs() { return Math.max(0, totalMs - exactMs - patternMs - tokenMs); }
    }

    private Timing last;

    /** The phases of the last {@link #measure}. */
    public Timing lastTiming() { return last; }

    /**
     * What one length costs, per phase, in the unit each phase's time grows with: attended (query,
     * key) pairs of exact attention and of the patterns (all heads), query-key dot products of the
     * token reference, and tokens for the host's work.
     */
    public record Work(double exactPairs, double patternPairs, double tokenProducts, double tokens) {}

    public Work work(int n) {
        double heads = src.heads() * (double) src.layers() * src.documents(); // attention problems a length holds
        double patternPairs = 0;
        int topk = 0;
        for (SweepPattern p : patterns) {
            patternPairs += heads * p.costLayout(n, cfg.blockSize()).pairs();
            if (p.isTopk()) topk++;
        }
        double token = n <= cfg.tokenTopkMax() ? heads * topk * (double) n * n : 0;
        return new Work(heads * (double) n * (n + 1) / 2, patternPairs, token, n);
    }

    /**
     * Seconds this sweep should take at length {@code n}, from {@code measured}, the phases of one
     * length {@code n0} measured by {@code calibration}: each phase scaled by its own {@link Work}.
     */
    public double estimateSeconds(int n, FidelitySweep calibration, int n0, Timing measured) {
        Work w = work(n), w0 = calibration.work(n0);
        return (measured.exactMs * ratio(w.exactPairs(), w0.exactPairs()) + measured.patternMs * ratio(w.patternPairs(), w0.patternPairs())
                + measured.tokenMs * ratio(w.tokenProducts(), w0.tokenProducts()) + measured.hostMs() * ratio(w.tokens(), w0.tokens())) / 1e3;
    }

    private static double ratio(double a, double b) { return b == 0 ? 0 : a / b; }

    private Timing runLength(int n, int nb, List<SweepPattern> patterns, Map<String, Acc> accs) {
        Timing tm = new Timing();
        int d = src.headDim(), group = src.heads() / src.kvHeads();
        AttentionShape one = new AttentionShape(1, 1, n, d);
        BlockLayout full = BlockLayout.of(Patterns.parse("full"), n, cfg.blockSize());
        Map<SweepPattern, BlockLayout> fixed = new LinkedHashMap<>();
        for (SweepPattern p : patterns) if (!p.isTopk()) fixed.put(p, p.fixedLayout(n, cfg.blockSize()));
        for (int doc = 0; doc < src.documents(); doc++) {
            for (int layer = 0; layer < src.layers(); layer++) {
                for (int h = 0; h < src.heads(); h++) {
                    float[] q = src.q(doc, layer, h, n), k = src.k(doc, layer, h / group, n), v = src.v(doc, layer, h / group, n); // (n, d) each
                    head(new Slot(doc, layer, h), n, nb, q, k, v, one, full, fixed, accs, tm);
                }
            }
        }
        return tm;
    }

    /** Where one head's rows came from. */
    private record Slot(int document, int layer, int head) {}

    private void head(Slot at, int n, int nb, float[] q, float[] k, float[] v, AttentionShape one, BlockLayout full,
                      Map<SweepPattern, BlockLayout> fixed, Map<String, Acc> accs, Timing tm) {
        int d = src.headDim();
        AttentionResult exact = exactLauncher.prefill(one, full, q, k, v, cfg.chunkSize());
        tm.exactMs += exact.wallMs();
        float[] scores = null; // (1, nb, nb), computed once per head for all top-k specs
        double scoreMs = 0;
        for (SweepPattern p : patterns) {
            BlockLayout layout = fixed.get(p);
            double extraMs = 0;
            if (layout == null) {
                if (scores == null) {
                    long s0 = System.nanoTime();
                    scores = scorer.scores(one, cfg.blockSize(), q, k);
                    scoreMs = (System.nanoTime() - s0) / 1e6;
                    tm.patternMs += scoreMs;
                }
                layout = TopkSelector.select(scores, 0, n, cfg.blockSize(), p.budgetBlocks(nb));
                extraMs = scoreMs;
            }
            AttentionResult r = launcher.prefill(one, layout, q, k, v, cfg.chunkSize());
            tm.patternMs += r.wallMs();
            RowErrors e = RowErrors.compare(n, d, exact.o(), exact.lse(), r.o(), r.lse());
            accs.computeIfAbsent(p.spec() + "|block", x -> new Acc(p, "block", src))
                    .add(at, FidelityStats.of(e, cfg.buckets()), layout, p.budgetBlocks(nb), r.kernelMs() + extraMs, r.device(), r.kernel());
            if (p.isTopk() && n <= cfg.tokenTopkMax()) {
                long t0 = System.nanoTime();
                TokenTopk.Result t = TokenTopk.compute(n, d, q, k, v, TokenTopk.keysPerRow(layout));
                tm.tokenMs += (System.nanoTime() - t0) / 1e6;
                RowErrors te = RowErrors.compare(n, d, exact.o(), exact.lse(), t.o(), t.lse());
                accs.computeIfAbsent(p.spec() + "|token", x -> new Acc(p, "token", src))
                        .add(at, FidelityStats.of(te, cfg.buckets()), layout, p.budgetBlocks(nb), (System.nanoTime() - t0) / 1e6, TOKEN_DEVICE, TOKEN_KERNEL);
            }
        }
    }

    /**
     * Merges one pattern's statistics over documents, layers and heads, and keeps each (document, layer, head)'s means
     * for the per-head rows and the error bars over documents (every head of a length has the same n rows, so a
     * document's mean is the mean of its heads' means).
     */
    private static final class Acc {
        final SweepPattern p;
        final String granularity;
        final int docs, heads;
        final double[][] late, mean, l2Late; // (layers * heads, documents): per-head means of the last bucket, all rows
        FidelityStats stats;
        double blocksPerRow, density, ms;
        int budget, adds;
        String device, kernel;

        Acc(SweepPattern p, String granularity, QkvSource src) {
            this.p = p;
            this.granularity = granularity;
            this.docs = src.documents();
            this.heads = src.heads();
            int slots = src.layers() * src.heads();
            late = new double[slots][docs];
            mean = new double[slots][docs];
            l2Late = new double[slots][docs];
        }

        void add(Slot at, FidelityStats s, BlockLayout l, int budgetBlocks, double kernelMs, String dev, String kern) {
            stats = stats == null ? s : stats.merge(s);
            int slot = at.layer() * heads + at.head();
            late[slot][at.document()] = s.droppedByBucket()[s.buckets() - 1].mean();
            mean[slot][at.document()] = s.droppedMass().mean();
            l2Late[slot][at.document()] = s.relL2ByBucket()[s.buckets() - 1].mean();
            blocksPerRow += (double) l.totalBlocks() / l.numQBlocks();
            density += l.pairs() / ((double) l.seqLen() * (l.seqLen() + 1) / 2);
            ms += kernelMs;
            budget = budgetBlocks;
            adds++;
            if (device != null && !device.equals(dev)) throw new IllegalStateException("heads ran on different devices: " + device + ", " + dev);
            device = dev;
            kernel = kern;
        }

        /** Per document, the mean over (layer, head) slots of {@code a}. */
        private double[] byDocument(double[][] a) {
            double[] out = new double[docs];
            for (double[] slot : a) for (int doc = 0; doc < docs; doc++) out[doc] += slot[doc] / a.length;
            return out;
        }

        FidelityResult result(String source, int n, int h, int d, int block, int nb) {
            return new FidelityResult(source, p.spec(), p.kind(), granularity, n, h, d, block, nb, budget, blocksPerRow / adds,
                    density / adds, stats.droppedMass().mean(), stats.droppedMass().p50(), stats.droppedMass().p99(),
                    stats.droppedMass().max(), stats.relL2().mean(), stats.relL2().p50(), stats.relL2().p99(), stats.relL2().max(),
                    stats.droppedByBucket()[stats.buckets() - 1].mean(), stats.relL2ByBucket()[stats.buckets() - 1].mean(),
                    stats.maxAbs().max(), stats.meanAbs().mean(), ms, device, kernel, docs, late.length / heads,
                    Spread.standardError(byDocument(late)), Spread.standardError(byDocument(l2Late)), quantiles());
        }

        /** The coarser method of the all-row quantiles (a bucket's rows are fewer, so exact whenever all rows are). */
        private String quantiles() {
            return stats.droppedMass().exact() && stats.relL2().exact() ? "exact" : stats.droppedMass().exact() ? stats.relL2().quantiles()
                    : stats.droppedMass().quantiles();
        }

        List<BucketResult> buckets(int n) {
            List<BucketResult> out = new ArrayList<>();
            for (int b = 0; b < stats.buckets(); b++) {
                var dm = stats.droppedByBucket()[b];
                var rl = stats.relL2ByBucket()[b];
                out.add(new BucketResult(p.spec(), granularity, n, b, FidelityStats.bucketStart(b, n, stats.buckets()),
                        FidelityStats.bucketStart(b + 1, n, stats.buckets()), dm.mean(), dm.p99(), rl.mean(), rl.p99(),
                        dm.exact() && rl.exact() ? "exact" : dm.exact() ? rl.quantiles() : dm.quantiles()));
            }
            return out;
        }

        List<HeadResult> heads(int n) {
            List<HeadResult> out = new ArrayList<>();
            for (int slot = 0; slot < late.length; slot++) {
                out.add(new HeadResult(p.spec(), granularity, n, slot / heads, slot % heads, docs, Spread.mean(mean[slot]),
                        Spread.mean(late[slot]), Spread.standardError(late[slot]), Spread.mean(l2Late[slot])));
            }
            return out;
        }

        List<DocumentResult> documents(int n) {
            double[] dm = byDocument(mean), dl = byDocument(late), rl = byDocument(l2Late);
            List<DocumentResult> out = new ArrayList<>();
            for (int doc = 0; doc < docs; doc++) out.add(new DocumentResult(p.spec(), granularity, n, doc, dm[doc], dl[doc], rl[doc]));
            return out;
        }
    }

    @Override
    public void close() {
        launcher.close();
        if (exactLauncher != launcher) exactLauncher.close();
        scorer.close();
    }
}
