package dev.longsight.kernels.attention;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hand-written OpenCL C that {@link TiledPrefillKernel} runs on OpenCL devices (installed by
 * {@link OpenCLSourceInjection}); its Java {@code run()} is the same algorithm for Java threads.
 *
 * <p>Why hand-written: Aparapi's translation keeps private arrays inside a per-work-item struct
 * (which NVIDIA's compiler places in slow local memory) and cannot express float4 loads or loop
 * unrolling; both are what register tiling needs.
 *
 * <p>Algorithm (FlashAttention-2, fp32, one work-group = {@code BM} query rows of one head, 256
 * work-items as 16 x 16): for each key tile of {@code BN} keys of the layout row, S = Q K^T is built
 * in {@code DK}-wide head-dim chunks staged transposed in local memory (each work-item owns a 4 x 4
 * micro-tile of S, read as two float4 per step); the row max is reduced through local memory; P =
 * exp2(S - m) is written transposed to local memory; O += P V runs over {@code VK}-key chunks of V
 * with each work-item owning 4 rows x 8 columns of O (three float4 reads per 32 FMAs). Softmax runs
 * in base 2 (log2(e) folded into the Q scale); row sums stay per work-item and are reduced once at
 * the end. {@link #OPTS} choose how (not what) the OpenCL C computes: unrolling, barrier placement,
 * and where staged values wait (registers across key tiles, loads issued one chunk early).
 */
final class TiledPrefillSource {
    private TiledPrefillSource() {}

    /**
     * Query rows per work-group, keys per tile, head-dim chunk, V chunk: shared with the Java body.
     * Chosen by the local-memory budget (48 KiB per group on the H100: stage 17 KiB + P^T 17 KiB +
     * partials 4 KiB), not by a sweep: this one shape was measured on the H100 at 28.9-29.7 TFLOP/s
     * (full causal, 16K-128K) and 26.7-28.3 (sparse) (kernels/BENCHMARKS.md).
     */
    static final int BM = 64, BN = 64, DK = 32, VK = 32, TM = 4, TN = 4, THREADS = 256;
    /** Padded row stride of the transposed tiles (bank-conflict-free float4 stores and reads). */
    static final int LDT = BM + 4;
    /** Compile-time constants (Aparapi's translation inlines only those): 2 x (DK, LDT) >= (VK, DMAX). */
    static final int STAGE_FLOATS = 2 * DK * LDT;
    static final int PT_FLOATS = BN * LDT;
    static final int RED_FLOATS = BM * 16;
    /** One local buffer holds stage, P^T and the row partials: offsets are 16-byte multiples, so every
     *  float4 access is aligned relative to the buffer's (aligned) base. */
    static final int PT_AT = STAGE_FLOATS, RED_AT = STAGE_FLOATS + PT_FLOATS;
    /** Four spare floats let the kernel align its base to 16 bytes whatever the runtime's alignment. */
    static final int LDS_FLOATS = RED_AT + RED_FLOATS + 4;

    /**
     * How local float4 accesses are written: "vload" (vload4/vstore4, which need only 4-byte
     * alignment; the compiler still emits 16-byte accesses where it can prove alignment) or "vec"
     * (float4 pointer casts). A diagnostic switch, {@code -Dlongsight.tiled.lds}: the H100 numbers
     * (kernels/BENCHMARKS.md) were measured with "vload"; "vec" ran correctly at 1K tokens there but
     * was not measured at scale.
     */
    static final String LDS_ACCESS = System.getProperty("longsight.tiled.lds", "vload");

    /**
     * Code-level options of the OpenCL C (the algorithm and the geometry are the same in all): "unroll"
     * (fully unrolled inner loops), "nexp" (native_exp2), "onebar" (no barrier after the last head-dim
     * chunk), "prefetch" (the next Q/K chunk's global loads overlap this chunk's FMAs), "qreg" (this
     * item's share of the Q tile stays in registers across key tiles), "vprefetch" (likewise for V).
     * {@code -Dlongsight.tiled.opts=a,b} overrides the default, for comparing them on a device.
     *
     * <p>Default "unroll,onebar,prefetch,qreg": measured on the H100 (kernels/BENCHMARKS.md, "Code-level
     * options"), 8 heads, d 128, block 128, in one device call against the kernel without options:
     * full 32K 33.4 TFLOP/s (29.4-29.7 before), paper-sliding 128K 31.8 (28.3), paper-power 128K 30.5
     * (28.0), same max error. "nexp" gained nothing (31.13 vs 31.14 alone) and is left off so that
     * exp2 stays the correctly rounded one; "vprefetch" alone with "prefetch" lost 22%.
     */
    static final List<String> OPTION_NAMES = List.of("unroll", "nexp", "onebar", "prefetch", "qreg", "vprefetch");
    static final String DEFAULT_OPTS = "unroll,onebar,prefetch,qreg";
    static final Set<String> OPTS = options(System.getProperty("longsight.tiled.opts", DEFAULT_OPTS));

    static Set<String> options(String spec) { return SourceOptions.parse("longsight.tiled.opts", OPTION_NAMES, spec); }

    /** The kernel function's body source; {@code ls_tiled_prefill} is called from Aparapi's {@code run}. */
    static String helper() {
        return helper(OPTS);
    }

    static String helper(Set<String> opts) {
        StringBuilder defs = new StringBuilder();
        for (String o : OPTION_NAMES) defs.append("#define LS_").append(o.toUpperCase(Locale.ROOT)).append(opts.contains(o) ? " 1\n" : " 0\n");
        return defs + "#define BM " + BM + "\n#define BN " + BN + "\n#define DK " + DK + "\n#define VK " + VK
                + (LDS_ACCESS.equals("vload") ? "\n#define LD4(p) vload4(0, (p))\n#define ST4(p, v) vstore4((v), 0, (p))"
                        : "\n#define LD4(p) (*(__local float4 *)(p))\n#define ST4(p, v) (*(__local float4 *)(p) = (v))")
                + "\n#define LDT " + LDT + "\n#define PT_AT " + PT_AT + "\n#define RED_AT " + RED_AT + "\n#define DMAX " + AttentionShape.MAX_HEAD_DIM + "\n" + BODY;
    }

    /** Parameters of {@code ls_tiled_prefill}, in order: each names a field of the kernel. */
    static final String[] PARAMS = {"qIn", "kIn", "vIn", "rowOffsets", "rowBlocks", "oOut", "lseOut", "seqLen",
        "headDim", "blockSize", "groupSize", "qStart", "qEnd", "scale", "lds"};

    private static final String BODY = """
        #define NEG_BIG (-3.0e38f)
        #define NCH (DMAX / DK)
        #if LS_NEXP
        #define EXP2(x) native_exp2(x)
        #else
        #define EXP2(x) exp2(x)
        #endif

        /* Four consecutive rows of one column of a row-major (rows, d) tensor; zero past the column or row end. */
        float4 ls_col4(__global const float *src, int gi, int d, bool colOk, int left) {
          float4 v;
          v.x = (colOk && 0 < left) ? src[gi] : 0.f;
          v.y = (colOk && 1 < left) ? src[gi + d] : 0.f;
          v.z = (colOk && 2 < left) ? src[gi + 2 * d] : 0.f;
          v.w = (colOk && 3 < left) ? src[gi + 3 * d] : 0.f;
          return v;
        }

        /* Four consecutive head-dim columns of one V row; zero past the row or column end. */
        float4 ls_row4(__global const float *vIn, int gi, int d, int c4, bool rowOk) {
          float4 val = (float4)(0.f);
          if (rowOk) {
            if (c4 + 4 <= d) {
              val = vload4(0, vIn + gi);
            } else {
              if (c4 + 0 < d) val.x = vIn[gi];
              if (c4 + 1 < d) val.y = vIn[gi + 1];
              if (c4 + 2 < d) val.z = vIn[gi + 2];
            }
          }
          return val;
        }

        /* Item p of 512 stages 4 consecutive rows (r4..r4+3) at column c of a DK-wide chunk. */
        #define LOADQ(dst, ci) for (int u = 0; u < 2; u++) { const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4; \\
            dst[u] = ls_col4(qIn, qBase + (row0 + r4) * d + (ci) * DK + c, d, (ci) * DK + c < d, rowEnd - row0 - r4) * qscale; }
        #define LOADK(dst, ci) for (int u = 0; u < 2; u++) { const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4; \\
            dst[u] = ls_col4(kIn, kvBase + (t0 + r4) * d + (ci) * DK + c, d, (ci) * DK + c < d, n - r4); }
        /* V chunk v0: item p of VK * DMAX / 4 stages 4 columns of one key row. */
        #define LOADV(dst, v0) for (int u = 0; u < (VK * DMAX / 4) / 256; u++) { const int p = tid + 256 * u, j = p >> 5, c4 = (p & 31) * 4; \\
            dst[u] = ls_row4(vIn, kvBase + (t0 + (v0) + j) * d + c4, d, c4, (v0) + j < n); }

        void ls_tiled_prefill(__global float *qIn, __global float *kIn, __global float *vIn,
                              __global int *rowOffsets, __global int *rowBlocks,
                              __global float *oOut, __global float *lseOut,
                              int seqLen, int headDim, int blockSize, int groupSize, int qStart, int qEnd,
                              float scale, __local float *lds) {
          __local float *base = (__local float *)(((size_t)lds + 15) & ~(size_t)15);
          __local float *stage = base, *pT = base + PT_AT, *red = base + RED_AT;
          const int tid = get_local_id(0);
          const int tx = tid & 15, ty = tid >> 4;
          const int head = get_global_id(1);
          /* Query tiles of the chunk, longest layout rows (latest blocks) first. */
          const int tilesPerBlock = (blockSize + BM - 1) / BM;
          const int g = get_num_groups(0) - 1 - get_group_id(0);
          const int qBlock = qStart / blockSize + g / tilesPerBlock;
          const int row0 = qBlock * blockSize + (g % tilesPerBlock) * BM;
          const int rowEnd = min(min(row0 + BM, qBlock * blockSize + blockSize), qEnd);
          if (row0 >= rowEnd) return; /* the whole group: uniform */
          const int d = headDim;
          const int qBase = head * seqLen * d;
          const int kvBase = (head / groupSize) * seqLen * d;
          const float qscale = scale * 1.4426950408889634f;
          __local float *qT = stage;            /* (DK, LDT): Q chunk transposed, scaled */
          __local float *kT = stage + DK * LDT; /* (DK, LDT): K chunk transposed */
          __local float *vS = stage;            /* (VK, DMAX): V chunk, row-major */

          float acc[4][8]; /* O rows ty*4+i; columns tx*4+c (c<4) and 64+tx*4+(c-4) */
          float m[4], l[4];
          for (int i = 0; i < 4; i++) {
            m[i] = NEG_BIG; l[i] = 0.f;
            for (int c = 0; c < 8; c++) acc[i][c] = 0.f;
          }
        #if LS_QREG
          /* This item's share of the scaled Q tile, all head-dim chunks: staged from registers for every key tile. */
          float4 qr[NCH][2];
          #pragma unroll
          for (int ci = 0; ci < NCH; ci++) { LOADQ(qr[ci], ci) }
        #endif
          const int lastRow = rowEnd - 1;
          for (int b = rowOffsets[qBlock]; b < rowOffsets[qBlock + 1]; b++) {
            const int kStart = rowBlocks[b] * blockSize;
            const int kEnd = min(min(kStart + blockSize, seqLen), lastRow + 1);
            for (int t0 = kStart; t0 < kEnd; t0 += BN) {
              const int n = min(BN, kEnd - t0);
              float s[4][4];
              for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) s[i][j] = 0.f;
              float4 sq[2], sk[2]; /* this item's share of the Q and K chunks (next chunk's, with prefetch) */
        #if LS_PREFETCH
              LOADK(sk, 0)
        #if !LS_QREG
              LOADQ(sq, 0)
        #endif
        #endif
              #pragma unroll
              for (int ci = 0; ci < NCH; ci++) {
                if (ci * DK >= d) break; /* uniform */
        #if !LS_PREFETCH
                LOADK(sk, ci)
        #if !LS_QREG
                LOADQ(sq, ci)
        #endif
        #endif
        #if LS_QREG
                sq[0] = qr[ci][0]; sq[1] = qr[ci][1];
        #endif
                /* Stored transposed: item p covers 4 consecutive rows at one column. */
                for (int u = 0; u < 2; u++) {
                  const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4;
                  ST4(qT + c * LDT + r4, sq[u]);
                  ST4(kT + c * LDT + r4, sk[u]);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
        #if LS_PREFETCH
                if ((ci + 1) * DK < d) { /* the next chunk's loads overlap this chunk's FMAs */
                  LOADK(sk, ci + 1)
        #if !LS_QREG
                  LOADQ(sq, ci + 1)
        #endif
                }
        #endif
        #if LS_UNROLL
                #pragma unroll
        #else
                #pragma unroll 8
        #endif
                for (int c = 0; c < DK; c++) {
                  const float4 a = LD4(qT + c * LDT + ty * 4);
                  const float4 k4 = LD4(kT + c * LDT + tx * 4);
                  s[0][0] += a.x * k4.x; s[0][1] += a.x * k4.y; s[0][2] += a.x * k4.z; s[0][3] += a.x * k4.w;
                  s[1][0] += a.y * k4.x; s[1][1] += a.y * k4.y; s[1][2] += a.y * k4.z; s[1][3] += a.y * k4.w;
                  s[2][0] += a.z * k4.x; s[2][1] += a.z * k4.y; s[2][2] += a.z * k4.z; s[2][3] += a.z * k4.w;
                  s[3][0] += a.w * k4.x; s[3][1] += a.w * k4.y; s[3][2] += a.w * k4.z; s[3][3] += a.w * k4.w;
                }
        #if LS_ONEBAR
                /* After the last chunk the next writes to the stage follow the row-max barrier below. */
                if ((ci + 1) * DK < d) barrier(CLK_LOCAL_MEM_FENCE);
        #else
                barrier(CLK_LOCAL_MEM_FENCE);
        #endif
              }
        #if LS_VPREFETCH
              float4 vr[(VK * DMAX / 4) / 256]; /* V chunk loads issued before the softmax, stored after it */
              LOADV(vr, 0)
        #endif
              /* Causal and tile-end mask, then the row max across the 16 work-items of a row. */
              for (int i = 0; i < 4; i++) {
                const int row = row0 + ty * 4 + i;
                float pm = NEG_BIG;
                for (int j = 0; j < 4; j++) {
                  const int kj = tx * 4 + j;
                  if (kj >= n || t0 + kj > row) s[i][j] = NEG_BIG;
                  pm = fmax(pm, s[i][j]);
                }
                red[(ty * 4 + i) * 16 + tx] = pm;
              }
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int i = 0; i < 4; i++) {
                const int r = ty * 4 + i;
                float mx = m[i];
                for (int q = 0; q < 4; q++) {
                  const float4 r4v = LD4(red + r * 16 + q * 4);
                  mx = fmax(mx, fmax(fmax(r4v.x, r4v.y), fmax(r4v.z, r4v.w)));
                }
                const float corr = EXP2(m[i] - mx);
                m[i] = mx;
                l[i] *= corr;
                for (int c = 0; c < 8; c++) acc[i][c] *= corr;
                for (int j = 0; j < 4; j++) {
                  const float p = EXP2(s[i][j] - mx);
                  l[i] += p;
                  s[i][j] = p;
                }
              }
              for (int j = 0; j < 4; j++) {
                ST4(pT + (tx * 4 + j) * LDT + ty * 4, (float4)(s[0][j], s[1][j], s[2][j], s[3][j]));
              }
              /* O += P V, V staged VK keys at a time. */
              for (int v0 = 0; v0 < n; v0 += VK) {
        #if !LS_VPREFETCH
                float4 vr[(VK * DMAX / 4) / 256];
                LOADV(vr, v0)
        #endif
                for (int u = 0; u < (VK * DMAX / 4) / 256; u++) {
                  const int p = tid + 256 * u, j = p >> 5, c4 = (p & 31) * 4;
                  ST4(vS + j * DMAX + c4, vr[u]);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
        #if LS_VPREFETCH
                if (v0 + VK < n) { LOADV(vr, v0 + VK) } /* the next V chunk's loads overlap this chunk's FMAs */
        #endif
        #if LS_UNROLL
                #pragma unroll
        #else
                #pragma unroll 8
        #endif
                for (int j = 0; j < VK; j++) {
                  const float4 p4 = LD4(pT + (v0 + j) * LDT + ty * 4);
                  const float4 va = LD4(vS + j * DMAX + tx * 4);
                  const float4 vb = LD4(vS + j * DMAX + 64 + tx * 4);
                  acc[0][0] += p4.x * va.x; acc[0][1] += p4.x * va.y; acc[0][2] += p4.x * va.z; acc[0][3] += p4.x * va.w;
                  acc[0][4] += p4.x * vb.x; acc[0][5] += p4.x * vb.y; acc[0][6] += p4.x * vb.z; acc[0][7] += p4.x * vb.w;
                  acc[1][0] += p4.y * va.x; acc[1][1] += p4.y * va.y; acc[1][2] += p4.y * va.z; acc[1][3] += p4.y * va.w;
                  acc[1][4] += p4.y * vb.x; acc[1][5] += p4.y * vb.y; acc[1][6] += p4.y * vb.z; acc[1][7] += p4.y * vb.w;
                  acc[2][0] += p4.z * va.x; acc[2][1] += p4.z * va.y; acc[2][2] += p4.z * va.z; acc[2][3] += p4.z * va.w;
                  acc[2][4] += p4.z * vb.x; acc[2][5] += p4.z * vb.y; acc[2][6] += p4.z * vb.z; acc[2][7] += p4.z * vb.w;
                  acc[3][0] += p4.w * va.x; acc[3][1] += p4.w * va.y; acc[3][2] += p4.w * va.z; acc[3][3] += p4.w * va.w;
                  acc[3][4] += p4.w * vb.x; acc[3][5] += p4.w * vb.y; acc[3][6] += p4.w * vb.z; acc[3][7] += p4.w * vb.w;
                }
                barrier(CLK_LOCAL_MEM_FENCE);
              }
            }
          }
          /* Row sums: reduce the 16 partial sums of each row, then write O and LSE. */
          for (int i = 0; i < 4; i++) red[(ty * 4 + i) * 16 + tx] = l[i];
          barrier(CLK_LOCAL_MEM_FENCE);
          for (int i = 0; i < 4; i++) {
            const int r = ty * 4 + i;
            const int row = row0 + r;
            float sum = 0.f;
            for (int q = 0; q < 16; q++) sum += red[r * 16 + q];
            if (row < rowEnd) {
              const float inv = 1.f / sum;
              const int o = qBase + row * d;
              for (int c = 0; c < 4; c++) {
                const int c0 = tx * 4 + c, c1 = 64 + tx * 4 + c;
                if (c0 < d) oOut[o + c0] = acc[i][c] * inv;
                if (c1 < d) oOut[o + c1] = acc[i][4 + c] * inv;
              }
              if (tx == 0) lseOut[head * seqLen + row] = (m[i] + log2(sum)) * 0.6931471805599453f;
            }
          }
        }
        """;
}
