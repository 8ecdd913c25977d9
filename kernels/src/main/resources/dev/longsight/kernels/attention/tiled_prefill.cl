/* The fp32 register-tiled causal block-sparse prefill (FlashAttention-2 style); TiledPrefillSource has the
   algorithm, TiledPrefillKernel.run() the same computation for Java threads. Java defines BM, BN, DK, VK,
   LDT, PT_AT, RED_AT and DMAX before this text. */
/* Local float4 accesses through vload4/vstore4 (4-byte alignment suffices; the compiler still emits 16-byte
   accesses where it can prove alignment). */
#define LD4(p) vload4(0, (p))
#define ST4(p, v) vstore4((v), 0, (p))
#define NEG_BIG (-3.0e38f)
#define NCH (DMAX / DK)
#define EXP2(x) exp2(x)

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
#define LOADQ(dst, ci) for (int u = 0; u < 2; u++) { const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4; \
    dst[u] = ls_col4(qIn, qBase + (row0 + r4) * d + (ci) * DK + c, d, (ci) * DK + c < d, rowEnd - row0 - r4) * qscale; }
#define LOADK(dst, ci) for (int u = 0; u < 2; u++) { const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4; \
    dst[u] = ls_col4(kIn, kvBase + (t0 + r4) * d + (ci) * DK + c, d, (ci) * DK + c < d, n - r4); }
/* V chunk v0: item p of VK * DMAX / 4 stages 4 columns of one key row. */
#define LOADV(dst, v0) for (int u = 0; u < (VK * DMAX / 4) / 256; u++) { const int p = tid + 256 * u, j = p >> 5, c4 = (p & 31) * 4; \
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
  /* This item's share of the scaled Q tile, all head-dim chunks: staged from registers for every key tile. */
  float4 qr[NCH][2];
  #pragma unroll
  for (int ci = 0; ci < NCH; ci++) { LOADQ(qr[ci], ci) }
  const int lastRow = rowEnd - 1;
  for (int b = rowOffsets[qBlock]; b < rowOffsets[qBlock + 1]; b++) {
    const int kStart = rowBlocks[b] * blockSize;
    const int kEnd = min(min(kStart + blockSize, seqLen), lastRow + 1);
    for (int t0 = kStart; t0 < kEnd; t0 += BN) {
      const int n = min(BN, kEnd - t0);
      float s[4][4];
      for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) s[i][j] = 0.f;
      float4 sq[2], sk[2]; /* this item's share of the Q and K chunks (next chunk's, with prefetch) */
      LOADK(sk, 0)
      #pragma unroll
      for (int ci = 0; ci < NCH; ci++) {
        if (ci * DK >= d) break; /* uniform */
        sq[0] = qr[ci][0]; sq[1] = qr[ci][1];
        /* Stored transposed: item p covers 4 consecutive rows at one column. */
        for (int u = 0; u < 2; u++) {
          const int p = tid + 256 * u, c = p & 31, r4 = (p >> 5) * 4;
          ST4(qT + c * LDT + r4, sq[u]);
          ST4(kT + c * LDT + r4, sk[u]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if ((ci + 1) * DK < d) { /* the next chunk's loads overlap this chunk's FMAs */
          LOADK(sk, ci + 1)
        }
        #pragma unroll
        for (int c = 0; c < DK; c++) {
          const float4 a = LD4(qT + c * LDT + ty * 4);
          const float4 k4 = LD4(kT + c * LDT + tx * 4);
          s[0][0] += a.x * k4.x; s[0][1] += a.x * k4.y; s[0][2] += a.x * k4.z; s[0][3] += a.x * k4.w;
          s[1][0] += a.y * k4.x; s[1][1] += a.y * k4.y; s[1][2] += a.y * k4.z; s[1][3] += a.y * k4.w;
          s[2][0] += a.z * k4.x; s[2][1] += a.z * k4.y; s[2][2] += a.z * k4.z; s[2][3] += a.z * k4.w;
          s[3][0] += a.w * k4.x; s[3][1] += a.w * k4.y; s[3][2] += a.w * k4.z; s[3][3] += a.w * k4.w;
        }
        /* After the last chunk the next writes to the stage follow the row-max barrier below. */
        if ((ci + 1) * DK < d) barrier(CLK_LOCAL_MEM_FENCE);
      }
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
        float4 vr[(VK * DMAX / 4) / 256];
        LOADV(vr, v0)
        for (int u = 0; u < (VK * DMAX / 4) / 256; u++) {
          const int p = tid + 256 * u, j = p >> 5, c4 = (p & 31) * 4;
          ST4(vS + j * DMAX + c4, vr[u]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        #pragma unroll
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
