/* bf16 tensor-core GEMM as a function a kernel body calls: C (m, n) fp32 = A (m, k) bf16 x W (n, k)^T bf16,
   fp32 accumulation. One text for every device: GemmSource puts its tile constants before it (GEMM_BM, GEMM_BN,
   GEMM_BK, GEMM_WM, GEMM_WN, GEMM_WARPS, GEMM_THREADS) and, earlier, one helper file of the attention kernel
   (mma_helpers_ptx.cl or mma_helpers_portable.cl, with LS_BF16 1): MMA, CP16, CP_COMMIT, CP_WAIT, CP_WAIT1,
   UNROLL. Its own names all start with GEMM_ or ls_gemm, so it sits beside mma_prefill.cl in one program.

   Algorithm: a work-group computes one GEMM_BM x GEMM_BN tile of C, walking k in steps of GEMM_BK = 32 with
   the A and W tiles of the next step copied asynchronously into local memory while the current step's mma run
   (two stages). The group's warps form a (GEMM_BM / GEMM_WM) x (GEMM_BN / GEMM_WN) grid; a warp holds a
   GEMM_WM x GEMM_WN block of C as m16n8 fp32 accumulators and runs m16n8k16 bf16 mma on it.

   k permutation (the attention kernel's, see MmaPrefillSource): within each 32-element step, lane t's A and B
   k-slots of both k16 mma are elements 8t..8t+7, so one 16-byte local load of a row feeds two mma. A and W
   use the same permutation, so the sum over k is unchanged. Rows in local memory are 64 bytes (4 chunks);
   the 8 lanes of a 128-bit load phase read two consecutive rows, 128 contiguous bytes: no bank conflicts
   without a swizzle.

   Bounds: rows of A past m and of W past n are clamped to the last row (read, never stored), so every work-
   item runs the same loads, mma and barriers; C is stored only inside (m, n). k must be a multiple of 32,
   lda and ldw multiples of 8, and a, w 16-byte aligned (GemmKernel checks this on the Java side). */

#define GEMM_MT (GEMM_WM / 16)                    /* m16 tiles per warp */
#define GEMM_NT (GEMM_WN / 8)                     /* n8 tiles per warp */
#define GEMM_ROW_UINTS (GEMM_BK / 2)              /* one local row: GEMM_BK bf16 */
#define GEMM_A_UINTS (GEMM_BM * GEMM_ROW_UINTS)
#define GEMM_STAGE_UINTS ((GEMM_BM + GEMM_BN) * GEMM_ROW_UINTS)
#define GEMM_ROW_CHUNKS (GEMM_BK / 8)             /* 16-byte chunks per row */
#define GEMM_ROWS_PER_PASS (GEMM_THREADS / GEMM_ROW_CHUNKS)
#define GEMM_A_PASSES (GEMM_BM / GEMM_ROWS_PER_PASS)
#define GEMM_W_PASSES (GEMM_BN / GEMM_ROWS_PER_PASS)
#if GEMM_BK != 32 || GEMM_BM % GEMM_ROWS_PER_PASS != 0 || GEMM_BN % GEMM_ROWS_PER_PASS != 0
#error "gemm_bf16.cl: the k permutation needs GEMM_BK 32, and the copies whole passes over the tiles"
#endif
#define GEMM_LDS16(p, row, chunk) (*(__local const uint4 *)((p) + (row) * GEMM_ROW_UINTS + 4 * (chunk)))

/* Copies k-step k0 of A's and W's tiles into stage s (asynchronous where the helpers are), one commit group. */
#define GEMM_COPY(s, k0) { \
    __local uint *dA_ = tiles + (s) * GEMM_STAGE_UINTS, *dW_ = dA_ + GEMM_A_UINTS; \
    const int c_ = (k0) / 8 + cc; \
    UNROLL for (int p_ = 0; p_ < GEMM_A_PASSES; p_++) \
      CP16(dA_ + (cr + p_ * GEMM_ROWS_PER_PASS) * GEMM_ROW_UINTS + 4 * cc, aRow[p_], c_); \
    UNROLL for (int p_ = 0; p_ < GEMM_W_PASSES; p_++) \
      CP16(dW_ + (cr + p_ * GEMM_ROWS_PER_PASS) * GEMM_ROW_UINTS + 4 * cc, wRow[p_], c_); \
    CP_COMMIT(); }

void ls_gemm_bf16(const __global int *a, int lda, const __global int *w, int ldw, __global float *c, int ldc,
                  int m, int n, int k, __local int *lds) {
  /* the local buffer's base is not always 16-byte aligned (MmaPrefillSource.ldsInts): align it */
  __local uint *const tiles = (__local uint *)(((size_t)lds + 15) & ~(size_t)15);   /* 2 stages: A tile, W tile */
  __local uint *scr = tiles + 2 * GEMM_STAGE_UINTS;                                 /* the portable MMA's exchange */
  const int tid = get_local_id(0), warp = tid >> 5, lane = tid & 31, gid = lane >> 2, tig = lane & 3;
  const int row0 = get_group_id(1) * GEMM_BM, col0 = get_group_id(0) * GEMM_BN;
  const int wr = (warp / (GEMM_BN / GEMM_WN)) * GEMM_WM, wc = (warp % (GEMM_BN / GEMM_WN)) * GEMM_WN;

  /* this work-item's copy slots: chunk cc of rows cr + p * GEMM_ROWS_PER_PASS, rows clamped into the matrices */
  const int cr = tid / GEMM_ROW_CHUNKS, cc = tid % GEMM_ROW_CHUNKS;
  const __global uint *aRow[GEMM_A_PASSES];
  const __global uint *wRow[GEMM_W_PASSES];
  UNROLL for (int p = 0; p < GEMM_A_PASSES; p++)
    aRow[p] = (const __global uint *)a + (size_t)min(row0 + cr + p * GEMM_ROWS_PER_PASS, m - 1) * (size_t)(lda / 2);
  UNROLL for (int p = 0; p < GEMM_W_PASSES; p++)
    wRow[p] = (const __global uint *)w + (size_t)min(col0 + cr + p * GEMM_ROWS_PER_PASS, n - 1) * (size_t)(ldw / 2);

  float acc[GEMM_MT][GEMM_NT][4];
  UNROLL for (int i = 0; i < GEMM_MT; i++) UNROLL for (int j = 0; j < GEMM_NT; j++) {
    acc[i][j][0] = 0.f; acc[i][j][1] = 0.f; acc[i][j][2] = 0.f; acc[i][j][3] = 0.f;
  }

  const int steps = k / GEMM_BK;
  GEMM_COPY(0, 0)
  for (int s = 0; s < steps; s++) {
    if (s + 1 < steps) { /* uniform */
      GEMM_COPY((s + 1) & 1, (s + 1) * GEMM_BK)
      CP_WAIT1(); /* step s is in; s + 1 may be in flight */
    } else {
      CP_WAIT();
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    __local const uint *tA = tiles + (s & 1) * GEMM_STAGE_UINTS, *tW = tA + GEMM_A_UINTS;
    uint4 wf[GEMM_NT];   /* W rows wc + 8j + gid, k-slots of lane tig */
    UNROLL for (int j = 0; j < GEMM_NT; j++) wf[j] = GEMM_LDS16(tW, wc + 8 * j + gid, tig);
    UNROLL for (int i = 0; i < GEMM_MT; i++) {
      const uint4 fa = GEMM_LDS16(tA, wr + 16 * i + gid, tig), fb = GEMM_LDS16(tA, wr + 16 * i + 8 + gid, tig);
      UNROLL for (int j = 0; j < GEMM_NT; j++) {
        MMA(acc[i][j], fa.x, fb.x, fa.y, fb.y, wf[j].x, wf[j].y)
        MMA(acc[i][j], fa.z, fb.z, fa.w, fb.w, wf[j].z, wf[j].w)
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE); /* the next copy overwrites this stage */
  }

  /* accumulator e of tile (i, j): row wr + 16i + gid + 8(e / 2), column wc + 8j + 2 tig + e % 2 */
  const int pairs = (ldc & 1) == 0 && ((size_t)c & 7) == 0; /* 8-byte stores where every pair is aligned */
  UNROLL for (int i = 0; i < GEMM_MT; i++) UNROLL for (int h = 0; h < 2; h++) {
    const int r = row0 + wr + 16 * i + 8 * h + gid;
    if (r >= m) continue;
    __global float *cr_ = c + (size_t)r * (size_t)ldc;
    UNROLL for (int j = 0; j < GEMM_NT; j++) {
      const int col = col0 + wc + 8 * j + 2 * tig;
      const float x = acc[i][j][2 * h], y = acc[i][j][2 * h + 1];
      if (pairs && col + 1 < n) *(__global float2 *)(cr_ + col) = (float2)(x, y);
      else {
        if (col < n) cr_[col] = x;
        if (col + 1 < n) cr_[col + 1] = y;
      }
    }
  }
}
