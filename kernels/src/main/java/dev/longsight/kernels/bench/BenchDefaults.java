package dev.longsight.kernels.bench;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.List;

/**
 * The benchmark shape used when the command line leaves it open, sized to the device found: a GPU
 * gets the published shape of BENCHMARKS.md and the FlexAttention peer; a CPU (OpenCL or Java
 * threads) gets a shape that finishes in well under a minute, because the GPU shape's one full launch at 4K
 * already takes tens of seconds there and the whole sweep hours.
 *
 * @param lengths context lengths in tokens
 * @param forGpu  whether this is the GPU shape (the CPU shape comes with a note saying so)
 */
public record BenchDefaults(List<Integer> lengths, int heads, int kvHeads, int headDim, boolean forGpu) {
    /** The published shape: 16K, 32K, 128K tokens, 8 heads, head dim 128. */
    public static final BenchDefaults GPU = new BenchDefaults(List.of(16384, 32768, 131072), 8, 8, 128, true);
    /**
     * An OpenCL CPU device (PoCL). With 2 heads the three default patterns took 19 s in all on 2 idle cores
     * and 51 s on 2 shared ones (warmup, repeats and end-to-end runs included; full at 4K: 0.63 s a launch
     * idle), so one head (38 s at a load of 9 on 2 cores); 4K keeps 32 blocks, enough for the sparse
     * patterns to differ from full.
     */
    public static final BenchDefaults CPU = new BenchDefaults(List.of(1024, 2048, 4096), 1, 1, 64, false);
    /**
     * Java threads run the naive kernel about 8x slower than PoCL (full at 1K, 2 heads, head dim 64: 0.35 s
     * a launch against 0.045 s); 512-2K with one head of dim 64 took 34 s on 2 shared cores, so head dim 32
     * (39 s at a load of 9 on 2 cores).
     */
    public static final BenchDefaults JTP = new BenchDefaults(List.of(512, 1024, 2048), 1, 1, 32, false);

    public BenchDefaults {
        lengths = List.copyOf(lengths);
    }

    /** The shape for this device: GPU for an OpenCL GPU, CPU for another OpenCL device, JTP for Java threads. */
    public static BenchDefaults forDevice(Device d) {
        if (!(d instanceof OpenCLDevice cl)) return JTP;
        return cl.getType() == Device.TYPE.GPU ? GPU : CPU;
    }

    /** The options that ask for this shape, e.g. for a note on how to get the GPU one on a CPU. */
    public String options() {
        StringBuilder b = new StringBuilder("--lengths ");
        for (int i = 0; i < lengths.size(); i++) b.append(i > 0 ? "," : "").append(lengths.get(i) % 1024 == 0 ? lengths.get(i) / 1024 + "K" : lengths.get(i));
        return b.append(" --heads ").append(heads).append(" --kv-heads ").append(kvHeads).append(" --head-dim ").append(headDim).toString();
    }
}
