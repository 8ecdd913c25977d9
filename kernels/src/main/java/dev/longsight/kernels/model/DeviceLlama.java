package dev.longsight.kernels.model;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import dev.longsight.kernels.attention.MmaPrefillKernel;
import dev.longsight.kernels.attention.MmaPrefillSource;
import dev.longsight.kernels.attention.SignalChaining;
import dev.longsight.kernels.device.DeviceSpec;
import dev.longsight.kernels.device.DeviceTime;
import dev.longsight.kernels.device.Devices;
import dev.longsight.kernels.device.LaunchGuard;
import dev.longsight.kernels.layout.BlockLayout;
import dev.longsight.kernels.pattern.Patterns;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Llama-family forward on one OpenCL device with every activation resident: token ids go in, the
 * logits at a few positions come out, and no activation crosses PCIe; the weights are put once, at load.
 *
 * <p>Design: Aparapi keeps buffers per kernel object, so one {@link ForwardKernel} owns them all and
 * each launch runs one stage of {@code forward.cl}. The layers' weights lie in up to 16 slab buffers
 * (each below Aparapi's 2 GiB), put when the model loads. The forward is layer-major: layer by layer,
 * every chunk of rows runs through it (norm, QKV GEMM, bias and RoPE into the
 * KV cache, block-sparse attention of the chunk's queries against the cache, o GEMM and residual, norm,
 * gate-up GEMM, SwiGLU, down GEMM and residual). Prefill-only scoring never reads a layer's K and V
 * after that layer, so one layer's cache is resident at a time, and the residual stream of every token
 * (bf16, as transformers keeps it for a bf16 model) carries the sequence from layer to layer. Only the
 * requested positions go through the final norm and the LM head.
 *
 * <p>Precision: bf16 weights and activations between stages, fp32 accumulation in every GEMM, fp32
 * norms, RoPE and softmax, the residual stream rounded to bf16 after each add, as transformers does.
 */
public final class DeviceLlama implements CausalLm {
    /** Rows per chunk when the caller does not choose: fills the GEMMs and the attention on an H100. */
    public static final int DEFAULT_CHUNK = 4096;
    private static final int ELEMENTWISE_LOCAL = 64;

    private final DeviceWeights w;
    private final ModelConfig c;
    private final Device device;
    private final ForwardKernel k;
    private final int chunkRows;
    private final int defaultBlock;
    private int seqCap = -1, chunkCap = -1, posCap = -1;
    private final double[] stageMs = new double[ForwardStage.values().length]; // (stages) of the last forward, NaN without events

    private DeviceLlama(DeviceWeights w, Device device, int chunkRows, int defaultBlock) {
        this.w = w;
        this.c = w.config();
        this.device = device;
        this.chunkRows = chunkRows;
        this.defaultBlock = defaultBlock;
        MmaPrefillSource.Helpers helpers = MmaPrefillKernel.helpersFor(device);
        this.k = ForwardKernel.create(helpers, defaultBlock);
        Devices.bind(k, device);
        k.install();
        if (w.slabs().length > ForwardKernel.MAX_SLABS) {
            throw new IllegalArgumentException("the model's layers need " + w.slabs().length + " device buffers of up to 2 GiB; the device forward "
                    + "holds " + ForwardKernel.MAX_SLABS + " (about 32 GiB of bf16 layer weights)");
        }
        k.embed = w.embed();
        k.head = w.lmHead() == null ? new int[1] : w.lmHead();
        for (int i = 0; i < w.slabs().length; i++) {
            k.slab(i, w.slabs()[i]);
            k.put(w.slabs()[i]);
        }
        k.vectors = w.vectors();
        k.put(k.vectors);
        k.finalNorm = w.finalNorm();
        k.invFreq = w.invFreq();
        k.hidden = c.hiddenSize();
        k.heads = c.numHeads();
        k.kvHeads = c.numKvHeads();
        k.headDim = c.headDim();
        k.dPad = (c.headDim() + 31) / 32 * 32;
        k.scale = (float) (1.0 / Math.sqrt(c.headDim()));
        k.eps = (float) c.rmsNormEps();
        k.put(k.embed).put(k.head).put(k.finalNorm).put(k.invFreq);
    }


    /**
     * Loads a checkpoint onto an OpenCL device. {@code chunkRows} must be a multiple of every block size
     * the layouts will use; {@code defaultBlock} is the block size of full attention when no layout is
     * given, and chooses the attention's query tile: 128 rows when it is a multiple of 128 (then every
     * layout's block must be), else 64.
     */
    public static DeviceLlama load(Checkpoint ckpt, DeviceSpec spec, int chunkRows, int defaultBlock) throws IOException {
        checkShape(ckpt.config(), ckpt.files().describe(Checkpoint.CONFIG));
        return load(ckpt, spec, chunkRows, defaultBlock, DeviceWeights.MAX_SLAB_INTS);
    }

    /** As {@link #load(Checkpoint, DeviceSpec, int, int)} with layer slabs of at most {@code slabInts} ints (tests make several). */
    static DeviceLlama load(Checkpoint ckpt, DeviceSpec spec, int chunkRows, int defaultBlock, int slabInts) throws IOException {
        Device device = device(spec, chunkRows);
        return new DeviceLlama(DeviceWeights.load(ckpt, slabInts), device, chunkRows, defaultBlock);
    }

    /**
     * Refuses, naming {@code source} (the config.json), a model the device forward cannot run: the
     * tensor-core GEMMs take inner dimensions in multiples of 32, the attention head dims up to 128.
     */
    public static void checkShape(ModelConfig c, String source) {
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), ff = c.intermediateSize();
        if (h % 32 != 0 || q % 32 != 0 || ff % 32 != 0) {
            throw new ModelFormatException(source + ": hidden_size " + h + ", num_attention_heads x head_dim " + q + " and intermediate_size "
                    + ff + " must be multiples of 32 for the device forward's tensor-core GEMMs (on Java threads the reference runs any shape)");
        }
        if (c.headDim() > 128) throw new ModelFormatException(source + ": head_dim " + c.headDim() + "; the device attention supports head dims up to 128");
    }

    /** Random weights at {@code config}'s shapes (uniform, standard deviation 0.02): for speed and memory measurements. */
    public static DeviceLlama random(ModelConfig config, long seed, DeviceSpec spec, int chunkRows, int defaultBlock) {
        checkShape(config, "model shape");
        Device device = device(spec, chunkRows);
        return new DeviceLlama(DeviceWeights.random(config, seed), device, chunkRows, defaultBlock);
    }

    private static Device device(DeviceSpec spec, int chunkRows) {
        DeviceTime.enable();
        Device device = Devices.resolve(spec);
        if (!(device instanceof OpenCLDevice cl)) {
            throw new IllegalArgumentException("the device forward runs on OpenCL devices; " + Devices.describe(device)
                    + " is not one (on Java threads the forward is the plain-Java reference)");
        }
        SignalChaining.require(cl);
        if (chunkRows <= 0 || chunkRows % 64 != 0) throw new IllegalArgumentException("chunk rows must be a positive multiple of 64, got " + chunkRows);
        return device;
    }

    /** Device milliseconds per stage (EMBED, NORM, GEMM, ...) of the last forward; NaN where a launch had no events. */
    public double[] lastStageMs() { return stageMs.clone(); }

    /** The stages' names, in {@link #lastStageMs()}'s order. */
    public static String[] stageNames() {
        return Arrays.stream(ForwardStage.values()).map(v -> v.name().toLowerCase()).toArray(String[]::new);
    }

    /** Bytes of every device buffer the forward holds now (the weights of one layer at a time). */
    public long deviceBytes() {
        long slabs = 0;
        for (int[] slab : w.slabs()) slabs += slab.length;
        long ints = slabs + k.tokens.length + k.embed.length + k.head.length + k.x.length + k.qH.length
                + k.kH.length + k.vH.length + k.rowOffsets.length + k.rowBlocks.length + k.act16.length + k.positions.length + k.lds.length;
        long floats = (long) k.vectors.length + k.finalNorm.length + k.invFreq.length + k.fPad.length + k.attnO.length + k.lse.length
                + k.act.length + k.logits.length;
        return 4 * (ints + floats);
    }

    @Override
    public ModelConfig config() { return c; }

    /** The device, as results record it. */
    public String deviceName() { return Devices.describe(device); }

    @Override
    public String describe() {
        return "device forward on " + Devices.describe(device) + " (bf16, " + k.helpers.description + ")";
    }

    @Override
    public float[][] logits(int[] tokens, int[] positions, BlockLayout layout) { // -> (positions.length, vocab)
        int n = tokens.length;
        if (n == 0) throw new IllegalArgumentException("no tokens to run");
        for (int i = 0; i < n; i++) {
            if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
                throw new IllegalArgumentException("token " + i + " has id " + tokens[i] + "; expected an id below vocab_size " + c.vocabSize());
            }
        }
        if (positions.length == 0) throw new IllegalArgumentException("no positions to score");
        for (int p : positions) if (p < 0 || p >= n) throw new IllegalArgumentException("position " + p + " is outside the " + n + " tokens");
        BlockLayout lay = layout != null ? layout : BlockLayout.of(Patterns.parse("full"), n, defaultBlock);
        if (lay.seqLen() != n) throw new IllegalArgumentException("layout covers " + lay.seqLen() + " tokens; expected " + n);
        int block = lay.blockSize(), tile = k.traits.queryTile();
        if (block % tile != 0 || chunkRows % block != 0) {
            throw new IllegalArgumentException("this device forward (loaded for blocks of " + defaultBlock + ") needs a block size that is a multiple of "
                    + tile + " and divides the chunk (" + chunkRows + " rows), got " + block);
        }
        int chunk = Math.min(chunkRows, (n + block - 1) / block * block);
        size(n, chunk, positions.length);
        System.arraycopy(tokens, 0, k.tokens, 0, n);
        System.arraycopy(positions, 0, k.positions, 0, positions.length);
        k.rowOffsets = lay.mergedOffsets();
        k.rowBlocks = lay.mergedIndices();
        k.blockSize = block;
        k.put(k.tokens).put(k.positions).put(k.rowOffsets).put(k.rowBlocks);

        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), ff = c.intermediateSize();
        Arrays.fill(stageMs, 0);
        k.r0 = 0;
        k.rows = n;
        launch(ForwardStage.EMBED, elementwise(n * h / 2));
        for (int l = 0; l < c.numLayers(); l++) {
            int slab = w.slabOf()[l], base = w.baseOf()[l], f0 = l * w.layerFloats();
            for (int r0 = 0; r0 < n; r0 += chunk) {
                k.r0 = r0;
                k.rows = Math.min(chunk, n - r0);
                norm(f0, false);
                gemm(w.qkvRows(), h, base, slab, false);
                k.fOffset = f0 + w.fQkvBias();
                int half = c.headDim() / 2;
                launch(ForwardStage.QKV, elementwise(k.rows * (c.numHeads() + c.numKvHeads()) * half
                        + c.numKvHeads() * c.headDim() * ((k.rows + 1) / 2)));
                launch(ForwardStage.ATTENTION, attentionRange());
                k.lda = q;
                launch(ForwardStage.PACK_O, elementwise(k.rows * c.numHeads() * half));
                gemm(h, q, base + w.offO(), slab, false);
                residual(f0 + w.fOBias());
                norm(f0 + w.fPostNorm(), false);
                gemm(2 * ff, h, base + w.offGateUp(), slab, false);
                k.gn = ff;
                k.lda = ff;
                launch(ForwardStage.SWIGLU, elementwise(k.rows * ff / 2));
                gemm(h, ff, base + w.offDown(), slab, false);
                residual(f0 + w.fZeros());
            }
        }
        k.rows = positions.length;
        norm(0, true);
        gemm(c.vocabSize(), h, 0, w.lmHead() == null ? EMBEDDING : LM_HEAD, true);
        k.get(k.logits);
        float[][] out = new float[positions.length][c.vocabSize()];
        for (int r = 0; r < positions.length; r++) System.arraycopy(k.logits, r * c.vocabSize(), out[r], 0, c.vocabSize());
        return out;
    }

    /**
     * The device buffers a forward of {@code n} tokens holds, in bytes by name, before any is allocated:
     * what {@link #logits} allocates (growing only), so a shape that cannot fit is refused up front.
     * Aparapi sizes each buffer in a 32-bit int of bytes ({@code KernelRunner}: elements x element size
     * as an int), so every buffer must stay below 2 GiB: the layers' weights lie in slabs of whole layers.
     * The layer-major order keeps one layer's K and V on the device, so the total grows with the length
     * only through the residual stream, Q, K and V.
     */
    public static java.util.LinkedHashMap<String, Long> plannedBytes(ModelConfig c, int n, int chunk, int positions) {
        int h = c.hiddenSize(), q = c.numHeads() * c.headDim(), ff = c.intermediateSize(), dPad = (c.headDim() + 31) / 32 * 32;
        long seqPad = seqPad(n);
        long qkvRows = (long) (c.numHeads() + 2 * c.numKvHeads()) * c.headDim();
        long vocab = c.vocabSize();
        var b = new java.util.LinkedHashMap<String, Long>();
        b.put("embedding", vocab * h * 2);
        b.put("lm head", c.tieWordEmbeddings() ? 4L : vocab * h * 2);
        long layer = (qkvRows * h + (long) h * q + 3L * h * ff) * 2;
        int perSlab = (int) Math.max(1, 4L * DeviceWeights.MAX_SLAB_INTS / layer);
        for (int l0 = 0, i = 0; l0 < c.numLayers(); l0 += perSlab, i++) b.put("layer slab " + i, Math.min(perSlab, c.numLayers() - l0) * layer);
        b.put("layer vectors", (4L * h + qkvRows) * 4 * c.numLayers());
        b.put("residual stream", seqPad * h * 2);
        b.put("Q", c.numHeads() * seqPad * dPad * 2);
        b.put("K cache", c.numKvHeads() * seqPad * dPad * 2);
        b.put("V cache", c.numKvHeads() * seqPad * dPad * 2);
        b.put("attention output", (long) c.numHeads() * chunk * c.headDim() * 4);
        b.put("GEMM input", (long) Math.max(chunk, positions) * Math.max(h, Math.max(q, ff)) * 2);
        b.put("GEMM output", chunk * Math.max(qkvRows, Math.max(2L * ff, h)) * 4);
        b.put("logits", positions * vocab * 4);
        return b;
    }

    /** Grows the buffers to hold {@code n} tokens, chunks of {@code chunk} rows and {@code p} positions. */
    private void size(int n, int chunk, int p) {
        int seqPad = seqPad(n);
        boolean longer = seqPad > seqCap, wider = chunk > chunkCap || p > posCap;
        if (!longer && !wider) return;
        var plan = plannedBytes(c, Math.max(seqPad, seqCap), Math.max(chunk, chunkCap), Math.max(p, posCap));
        for (var e : plan.entrySet()) {
            if (e.getValue() >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the device forward's " + e.getKey() + " would need " + e.getValue() / (1 << 20) + " MiB in one buffer for "
                        + n + " tokens in chunks of " + chunk + "; an Aparapi buffer must stay below 2 GiB (fewer tokens, or a smaller chunk)");
            }
        }
        if (longer) {
            seqCap = seqPad;
            k.seqPad = seqPad;
            k.tokens = new int[seqPad];
            k.x = ints(plan.get("residual stream"));
            k.qH = ints(plan.get("Q"));
            k.kH = ints(plan.get("K cache"));
            k.vH = ints(plan.get("V cache"));
            k.put(k.tokens).put(k.x).put(k.qH).put(k.kH).put(k.vH);
        }
        if (wider) {
            chunkCap = Math.max(chunk, chunkCap);
            posCap = Math.max(p, posCap);
            k.chunk = chunkCap;
            k.attnO = new float[(int) (plan.get("attention output") / 4)];
            k.lse = new float[c.numHeads() * chunkCap];
            k.act16 = ints(plan.get("GEMM input"));
            k.act = new float[(int) (plan.get("GEMM output") / 4)];
            k.positions = new int[posCap];
            k.logits = new float[(int) (plan.get("logits") / 4)];
            k.put(k.attnO).put(k.lse).put(k.act16).put(k.act).put(k.positions).put(k.logits);
        }
    }

    private static int[] ints(long bytes) { return new int[(int) (bytes / 4)]; }

    /** Rows the attention's operands hold: the length padded to its largest query tile. */
    private static int seqPad(int n) { return (n + MmaPrefillSource.MAX_BM - 1) / MmaPrefillSource.MAX_BM * MmaPrefillSource.MAX_BM; }

    private void norm(int fOffset, boolean atPositions) {
        k.fOffset = fOffset;
        k.cSel = atPositions ? 1 : 0;
        k.lda = c.hiddenSize();
        launch(ForwardStage.NORM, device.createRange(k.rows * ForwardKernel.NORM_THREADS, ForwardKernel.NORM_THREADS));
    }

    private void residual(int biasOffset) {
        k.fOffset = biasOffset;
        launch(ForwardStage.RESIDUAL, elementwise(k.rows * c.hiddenSize() / 2));
    }

    /** forward.cl's wSel for the LM head and the embedding; slabs are 0 and up. */
    private static final int LM_HEAD = -1, EMBEDDING = -2;

    /** C (rows, n) = act16 (rows, kk) x W^T; W at {@code wOffset} of slab {@code wSel}, or the LM head or embedding. */
    private void gemm(int n, int kk, int wOffset, int wSel, boolean toLogits) {
        k.gm = k.rows;
        k.gn = n;
        k.gk = kk;
        k.lda = kk;
        k.wOffset = wOffset;
        k.wSel = wSel;
        k.cSel = toLogits ? 1 : 0;
        int tilesN = (n + GemmSource.GEMM_BN - 1) / GemmSource.GEMM_BN, tilesM = (k.rows + GemmSource.GEMM_BM - 1) / GemmSource.GEMM_BM;
        launch(ForwardStage.GEMM, device.createRange2D(tilesN * GemmSource.GEMM_THREADS, tilesM, GemmSource.GEMM_THREADS, 1));
    }

    /** As MmaPrefillKernel's range: one group per query tile of the chunk's blocks, dimension 1 the heads. */
    private Range attentionRange() {
        int bm = k.traits.queryTile(), from = k.r0, to = k.r0 + k.rows;
        int blocks = (to - 1) / k.blockSize - from / k.blockSize + 1;
        int tiles = blocks * (k.blockSize / bm);
        return device.createRange2D(tiles * k.traits.threads(), c.numHeads(), k.traits.threads(), 1);
    }

    private Range elementwise(int items) {
        int global = (items + ELEMENTWISE_LOCAL - 1) / ELEMENTWISE_LOCAL * ELEMENTWISE_LOCAL;
        return device.createRange(global, ELEMENTWISE_LOCAL);
    }

    private void launch(ForwardStage stage, Range range) {
        k.stage = stage.ordinal();
        LaunchGuard.launch(k, range, device, () -> k.javaWorkItems.getAndSet(0), "forward stage " + stage.name().toLowerCase());
        stageMs[stage.ordinal()] += DeviceTime.lastLaunchMs(k);
    }

    @Override
    public void close() { k.dispose(); }

    /** The stages of forward.cl, in the order of its ST_ constants. */
    enum ForwardStage { EMBED, NORM, GEMM, QKV, ATTENTION, PACK_O, RESIDUAL, SWIGLU }
}
