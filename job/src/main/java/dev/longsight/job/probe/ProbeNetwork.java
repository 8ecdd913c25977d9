package dev.longsight.job.probe;

import dev.longsight.job.unit.ModelShape;
import dev.longsight.job.unit.WorkUnit;
import dev.longsight.kernels.attention.AttentionResult;
import dev.longsight.kernels.attention.AttentionShape;
import dev.longsight.kernels.attention.PrefillLauncher;
import dev.longsight.kernels.layout.BlockLayout;

/**
 * The constructed, untrained retrieval network of design section 5 (PROBE.md explains it). Each
 * token's residual stream is its content embedding (fixed), a carrier flag and a payload. Every
 * layer builds Q/K/V from the stream, runs attention through the kernels chunk by chunk on the
 * pattern's layout, and applies a fixed update; the readout tokens then decode their payload into
 * digits. Not thread-safe (it caches weights); one per executor thread, like the launcher.
 */
public final class ProbeNetwork {
    private final ProbeConfig cfg;
    private final ModelShape shape;
    private final ProbeDims dims;
    private final ProbeWeights weights;

    public ProbeNetwork(ModelShape shape, ProbeConfig cfg) {
        this.cfg = cfg;
        this.shape = shape;
        this.dims = ProbeDims.of(shape.headDim(), cfg);
        this.weights = new ProbeWeights(cfg, dims);
    }

    /** Runs the unit's layers on the launcher; throws IllegalArgumentException naming what is wrong with a malformed unit. */
    public ProbeRun run(WorkUnit unit, BlockLayout layout, PrefillLauncher launcher) {
        return run(unit, (as, q, k, v) -> launcher.prefill(as, layout, q, k, v, shape.chunkSize()));
    }

    /** One layer's attention; a seam so tests can see exactly what each layer feeds to it. */
    interface Attention {
        AttentionResult apply(AttentionShape shape, float[] q, float[] k, float[] v);
    }

    /** What one layer feeds to attention. */
    public record LayerInput(AttentionShape shape, float[] q, float[] k, float[] v) {} // q (heads, n, headDim); k, v (kvHeads, n, headDim)

    ProbeRun run(WorkUnit unit, Attention attention) {
        long t = System.nanoTime();
        ProbeInput in = ProbeInput.of(unit, dims);
        Stream s = stream(in);
        int n = s.n();
        AttentionShape as = new AttentionShape(shape.heads(), shape.kvHeads(), n, dims.headDim());
        float[] q = new float[as.qSize()];  // (heads, n, headDim)
        float[] k = new float[as.kvSize()]; // (kvHeads, n, headDim)
        float[] v = new float[as.kvSize()]; // (kvHeads, n, headDim)
        long buildNs = 0, readoutNs = 0;
        double kernelMs = 0, wallMs = 0, transferMs = 0;
        String device = null, kernel = null;
        for (int layer = 0; layer < shape.layers(); layer++) {
            buildQ(layer, q, s.emb(), s.rope(), s.qTagKey(), n);
            buildKV(layer, k, v, s.emb(), s.rope(), s.flag(), s.payload(), s.kTagKey(), n);
            long a = System.nanoTime();
            buildNs += a - t;
            AttentionResult res = attention.apply(as, q, k, v);
            t = System.nanoTime();
            kernelMs += res.kernelMs();
            wallMs += res.wallMs();
            transferMs += res.transferMs();
            device = res.device();
            kernel = res.kernel();
            update(res.o(), s.flag(), s.payload(), s.source(), n);
            long u = System.nanoTime();
            readoutNs += u - t;
            t = u;
        }
        ProbeRun r = decode(in, s.payload(), kernelMs, wallMs, device, kernel);
        readoutNs += System.nanoTime() - t;
        return new ProbeRun(r.predicted(), r.correct(), r.parts(), kernelMs, wallMs, device, kernel, buildNs / 1e6, transferMs, readoutNs / 1e6);
    }

    /**
     * The Q/K/V the first layer feeds to attention for the unit (what {@link #run} builds before its
     * first kernel call), for studying attention on the probe's inputs without running it.
     */
    public LayerInput firstLayer(WorkUnit unit) {
        Stream s = stream(ProbeInput.of(unit, dims));
        int n = s.n();
        AttentionShape as = new AttentionShape(shape.heads(), shape.kvHeads(), n, dims.headDim());
        float[] q = new float[as.qSize()];  // (heads, n, headDim)
        float[] k = new float[as.kvSize()]; // (kvHeads, n, headDim)
        float[] v = new float[as.kvSize()]; // (kvHeads, n, headDim)
        buildQ(0, q, s.emb(), s.rope(), s.qTagKey(), n);
        buildKV(0, k, v, s.emb(), s.rope(), s.flag(), s.payload(), s.kTagKey(), n);
        return new LayerInput(as, q, k, v);
    }

    /** A unit's residual stream before the first layer, and which tokens carry which key tag. */
    private record Stream(int n, float[] emb, float[] rope, float[] flag, float[] payload, int[] kTagKey, int[] qTagKey,
                          boolean[] source) {}

    private Stream stream(ProbeInput in) {
        int n = in.tokens().length;
        int c = dims.content();
        int pw = dims.payload();
        float[] emb = new float[n * c];     // (n, content) content embedding of each token
        float[] rope = Rotary.table(n, c);  // (n, content/2, 2) cos, sin
        float[] flag = new float[n];        // (n) carrier flag
        float[] payload = new float[n * pw]; // (n, payload) slots of (cos, sin) digit pairs
        int[] kTagKey = new int[n];         // (n) key id whose tag the token's K carries, -1 none
        int[] qTagKey = new int[n];         // (n) key id whose tag the token's Q carries, -1 none
        boolean[] source = new boolean[n];  // (n) needle tokens, whose payload never changes
        java.util.Arrays.fill(kTagKey, -1);
        java.util.Arrays.fill(qTagKey, -1);
        for (int t = 0; t < n; t++) {
            weights.embedding(in.tokens()[t], emb, t * c);
            weights.noise(in.tokens()[t], t, payload, t * pw);
        }
        for (ProbeInput.Needle nd : in.needles()) {
            writeNeedle(nd, flag, payload, kTagKey);
            java.util.Arrays.fill(source, nd.start(), nd.start() + nd.length(), true);
        }
        for (ProbeInput.Readout r : in.readouts()) qTagKey[r.position()] = r.keyId();
        return new Stream(n, emb, rope, flag, payload, kTagKey, qTagKey, source);
    }

    private void writeNeedle(ProbeInput.Needle nd, float[] flag, float[] payload, int[] kTagKey) {
        int pw = dims.payload();
        for (int t = nd.start(); t < nd.start() + nd.length(); t++) {
            flag[t] = 1f;
            kTagKey[t] = nd.keyId();
            java.util.Arrays.fill(payload, t * pw, (t + 1) * pw, 0f);
            for (int i = 0; i < nd.digits().length; i++) {
                double angle = 2 * Math.PI * nd.digits()[i] / 10 + weights.phase(nd.keyId(), i);
                int at = t * pw + nd.slot() * ProbeDims.SLOT_WIDTH + 2 * i;
                payload[at] = (float) Math.cos(angle);
                payload[at + 1] = (float) Math.sin(angle);
            }
        }
    }

    /** Q = sqrt(d) * [gamma * rot(A e) / sqrt(c), beta, alpha * tag]: sqrt(d) undoes the kernel's 1/sqrt(d). */
    private void buildQ(int layer, float[] q, float[] emb, float[] rope, int[] qTagKey, int n) {
        int d = dims.headDim(), c = dims.content();
        float s = (float) Math.sqrt(d);
        float contentScale = (float) (s * cfg.gamma() / Math.sqrt(c));
        float[] u = new float[c]; // (content) one query's content part
        for (int h = 0; h < shape.heads(); h++) {
            float[] a = weights.projection(2, layer, h); // (content, content)
            for (int t = 0; t < n; t++) {
                int base = (h * n + t) * d;
                project(a, emb, t * c, u, c);
                Rotary.apply(rope, t, u, c);
                for (int i = 0; i < c; i++) q[base + i] = contentScale * u[i];
                q[base + dims.flagIndex()] = (float) (s * cfg.beta());
                writeTag(q, base, qTagKey[t], (float) (s * cfg.alpha()));
            }
        }
    }

    /** K = [rot(B e), flag, tag]; V = [flag, payload, 0...]; every KV head holds the same flag and payload. */
    private void buildKV(int layer, float[] k, float[] v, float[] emb, float[] rope, float[] flag, float[] payload,
                         int[] kTagKey, int n) {
        int d = dims.headDim(), c = dims.content(), pw = dims.payload();
        float[] w = new float[c]; // (content) one key's content part
        for (int g = 0; g < shape.kvHeads(); g++) {
            float[] b = weights.projection(3, layer, g); // (content, content)
            for (int t = 0; t < n; t++) {
                int base = (g * n + t) * d;
                project(b, emb, t * c, w, c);
                Rotary.apply(rope, t, w, c);
                System.arraycopy(w, 0, k, base, c);
                k[base + dims.flagIndex()] = flag[t];
                writeTag(k, base, kTagKey[t], 1f);
                v[base] = flag[t];
                System.arraycopy(payload, t * pw, v, base + 1, pw);
            }
        }
    }

    private void writeTag(float[] x, int base, int keyId, float scale) {
        int start = base + dims.tagStart();
        if (keyId < 0) {
            java.util.Arrays.fill(x, start, base + dims.headDim(), 0f);
            return;
        }
        float[] tag = weights.tag(keyId); // (tagDim)
        for (int i = 0; i < tag.length; i++) x[start + i] = scale * tag[i];
    }

    private static void project(float[] m, float[] x, int off, float[] out, int c) {
        for (int i = 0; i < c; i++) {
            float acc = 0f;
            for (int j = 0; j < c; j++) acc += m[i * c + j] * x[off + j];
            out[i] = acc;
        }
    }

    /**
     * The fixed update. With f and p the flag and payload a token received (mean over heads) and f0
     * its flag before the layer: flag = max(f0, min(1, gain * f)) and
     * payload = f0 * payload + min(gain, 1 / f) * p. A token that drew most of its attention from
     * carriers becomes a carrier of unit strength: its own noise is replaced by what it received,
     * and a carrier adds what later layers bring. Needle tokens are sources: their payload is fixed,
     * so relays cannot blur the needles themselves.
     */
    private void update(float[] o, float[] flag, float[] payload, boolean[] source, int n) {
        int d = dims.headDim(), pw = dims.payload(), heads = shape.heads();
        float gain = (float) cfg.flagGain();
        float[] recv = new float[pw]; // (payload) received payload summed over heads
        for (int t = 0; t < n; t++) {
            if (source[t]) continue;
            float f = 0f;
            java.util.Arrays.fill(recv, 0f);
            for (int h = 0; h < heads; h++) {
                int base = (h * n + t) * d;
                f += o[base];
                for (int i = 0; i < pw; i++) recv[i] += o[base + 1 + i];
            }
            f /= heads;
            float f0 = flag[t];
            float g = (f > 0 ? Math.min(gain, 1f / f) : gain) / heads;
            flag[t] = Math.max(f0, Math.min(1f, gain * f));
            for (int i = 0; i < pw; i++) payload[t * pw + i] = f0 * payload[t * pw + i] + g * recv[i];
        }
    }

    private ProbeRun decode(ProbeInput in, float[] payload, double kernelMs, double wallMs, String device, String kernel) {
        int pw = dims.payload();
        int digits = in.task().digits();
        String[] predicted = new String[in.readouts().length]; // (answer parts)
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            ProbeInput.Readout ro = in.readouts()[r];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < digits; i++) {
                int at = ro.position() * pw + ro.slot() * ProbeDims.SLOT_WIDTH + 2 * i;
                double angle = Math.atan2(payload[at + 1], payload[at]) - weights.phase(ro.keyId(), i);
                sb.append(Math.floorMod(Math.round(angle / (2 * Math.PI / 10)), 10));
            }
            predicted[r] = sb.toString();
            if (predicted[r].equals(in.answers()[r].trim())) correct++;
        }
        return new ProbeRun(predicted, correct, predicted.length, kernelMs, wallMs, device, kernel, 0, 0, 0);
    }
}
