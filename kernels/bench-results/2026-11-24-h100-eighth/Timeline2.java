package dev.longsight.kernels.bench;

import dev.longsight.kernels.attention.*;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.io.*;

/** Experiment harness: runs one bf16 prefill with -Dlongsight.mma.opts=...,clock and dumps the per-group records as CSV. */
public final class Timeline2 {
    public static void main(String[] a) throws Exception {
        String pattern = a[0]; int n = Integer.parseInt(a[1]); String out = a[2];
        AttentionShape s = new AttentionShape(8, 8, n, 128);
        BlockLayout layout = BlockLayout.of(Patterns.parse(pattern), n, 128);
        float[] q = BenchInputs.gaussian(s.qSize(), 42), k = BenchInputs.gaussian(s.kvSize(), 43), v = BenchInputs.gaussian(s.kvSize(), 44);
        try (PrefillLauncher l = new PrefillLauncher(DeviceSpec.parse("gpu"), null, Precision.BF16)) {
            ResidentTiming t = l.timeResident(s, layout, q, k, v, 2, 1);
            System.err.println(pattern + " n=" + n + " device ms " + t.deviceMs()[0] + " " + l.kernelSource(128));
            float[] lse = t.result().lse();
            int groups = n / 128; // 128-row tiles
            try (PrintWriter w = new PrintWriter(new BufferedWriter(new FileWriter(out)))) {
                w.println("head,g,sm,blocks,gt0,gt1,ck0,ck1,ckw,ckd,ck2,ck2a,ckb,ck3,w1,w2,w3,ckx,ckh");
                for (int h = 0; h < 8; h++) for (int g = 0; g < groups; g++) {
                    int o = (h * groups + g) * 32;
                    long[] r = new long[32];
                    for (int i = 0; i < 32; i++) r[i] = Float.floatToRawIntBits(lse[o + i]) & 0xffffffffL;
                    StringBuilder b = new StringBuilder(h + "," + g + "," + r[0] + "," + r[1]);
                    for (int i = 0; i < 10; i++) b.append(',').append(r[2 + 2 * i] | r[3 + 2 * i] << 32);
                    for (int i = 1; i < 4; i++) b.append(",").append(r[24 + i]);
                    b.append(",").append(r[22] | r[23] << 32).append(",").append(r[28] | r[29] << 32);
                    w.println(b);
                }
            }
        }
    }
}
