package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.*;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;

/**
 * Experiment harness: chunked bf16 prefill on the GPU (queries [c0, c1) per launch, qStart > 0),
 * every row checked against the exact reference, and the chunked O and LSE compared bit for bit with
 * one whole-length launch. Inputs are rounded to bf16 first. Args: n heads kvHeads headDim qScale chunk...
 */
public final class ChunkCheck {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), heads = Integer.parseInt(a[1]), kvHeads = Integer.parseInt(a[2]), d = Integer.parseInt(a[3]);
        float qScale = Float.parseFloat(a[4]);
        AttentionShape s = new AttentionShape(heads, kvHeads, n, d);
        float[] q = BenchInputs.gaussian(s.qSize(), 1), k = BenchInputs.gaussian(s.kvSize(), 2), v = BenchInputs.gaussian(s.kvSize(), 3);
        // Inputs already in bf16: the exact reference of these inputs is then the kernel's own target,
        // and the error is the kernel's (P in bf16, fp32 accumulation), not the rounding of Q, K and V.
        for (int i = 0; i < q.length; i++) q[i] = Precision.BF16.round(q[i] * qScale);
        for (int i = 0; i < k.length; i++) { k[i] = Precision.BF16.round(k[i]); v[i] = Precision.BF16.round(v[i]); }
        int bad = 0;
        try (PrefillLauncher l = new PrefillLauncher(DeviceSpec.parse("gpu"), null, Precision.BF16)) {
            for (String p : new String[] {"full", "paper-power", "sliding:window=1"}) {
                BlockLayout layout = BlockLayout.of(Patterns.parse(p), n, 128);
                AttentionResult whole = l.prefill(s, layout, q, k, v, (n + 127) / 128 * 128);
                double errWhole = SampleCheck.maxError(s, layout, q, k, v, whole, n, 7);
                StringBuilder line = new StringBuilder(String.format("%s n=%d heads=%d/%d d=%d qscale=%.0f: whole max err %.2e", p, n, heads, kvHeads, d, qScale, errWhole));
                if (!(errWhole <= SampleCheck.tolerance(Precision.BF16))) bad++;
                for (int i = 5; i < a.length; i++) {
                    int chunk = Integer.parseInt(a[i]);
                    AttentionResult c = l.prefill(s, layout, q, k, v, chunk);
                    boolean same = java.util.Arrays.equals(c.o(), whole.o()) && java.util.Arrays.equals(c.lse(), whole.lse());
                    line.append(String.format("; chunk %d bit-identical %b", chunk, same));
                    if (!same) bad++;
                }
                System.out.println(line + " [" + whole.kernel() + " on " + whole.device() + "]");
            }
        }
        System.out.println(bad == 0 ? "ALL OK" : bad + " FAILED");
        System.exit(bad == 0 ? 0 : 1);
    }
}
