/* The tensor-core causal block-sparse prefill: one text for every device. MmaPrefillSource puts the variant's
   traits before it as constants (LS_BF16, MT, WARPS, BM, THREADS, BN, DMAX, STAGES, DIAGONAL_STEP, Q_FROM_L1,
   WARP_EPILOGUE, TAIL_MIX, TAIL_MIX_TILES, PASS_ROWS) and one helper file (mma_helpers_ptx.cl or
   mma_helpers_portable.cl: MMA, shuffles, copies); the algorithm is described in MmaPrefillSource's Javadoc. */
#define NEG_BIG (-3.0e38f)
#define NQ (DMAX / 32)   /* 32-dim groups of the head dim */
#define NT (DMAX / 8)    /* 8-column n-tiles of O */
#define NJ (BN / 8)      /* 8-key n-tiles of S */
#if LS_BF16
#define ES 2             /* bytes per element */
#define SW 4             /* swizzle: 64 bytes apart for the two rows of a load phase */
#define QV 1             /* 16-byte chunks per row per 32-dim group held by a lane */
#else
#define ES 4
#define SW 1
#define QV 2
#endif
#define EPC (16 / ES)            /* elements per 16-byte chunk */
#define KRC (DMAX * ES / 16)     /* chunks per K row in local memory */
#define VRC (BN * ES / 16)       /* chunks per V^T row in local memory */
#define TILE_UINTS (BN * DMAX * ES / 4)
#define STAGE_PER_ITEM (TILE_UINTS / 4 / THREADS) /* 16-byte chunks per work-item per tile */
/* uint offset of 16-byte chunk c of row r in a swizzled tile with rc chunks per row */
#define CHUNK(rc, r, c) (((r) * (rc) + ((c) ^ (((r) & 1) * ((rc) >= 8 ? SW : 0)))) * 4)
/* (rows of 64 bytes, bf16 V^T at BN 32: the two rows of a phase are disjoint banks unswizzled) */
#define LDS16(tile, rc, r, c) (*(__local const uint4 *)((tile) + CHUNK(rc, r, c)))
#define RW (16 * MT)                /* query rows per warp: MT m-tiles of 16 */
/* The group's m-tile (of 16 rows) that is the warp's mi-th: with the diagonal step warp w owns m-tiles w and
   2 WARPS - 1 - w, so that every warp's first m-tile lies in the tile's first half of rows and its
   second in the second half; otherwise its MT m-tiles are consecutive. */
#if DIAGONAL_STEP
#define MROW(mi) ((mi) == 0 ? warp : 2 * WARPS - 1 - warp)
#else
#define MROW(mi) (warp * MT + (mi))
#endif
#define R0(mi) (row0 + 16 * MROW(mi) + gid) /* this lane's first row in m-tile mi; the other is 8 below */

/* The two mma of one K fragment. Q's A-fragments mix rows R0 and R0 + 8: from row-major Q they are
   gathered from two 16-byte loads (qa: row R0, qb: row R0 + 8); with Q_FROM_L1 Q is stored in fragment
   order (MmaOperands), so each load is one mma's A-fragment as it stands. */
#if Q_FROM_L1
#define S_MMA2(c, qa, qb, kf) MMA(c, qa.x, qa.y, qa.z, qa.w, kf.x, kf.y) MMA(c, qb.x, qb.y, qb.z, qb.w, kf.z, kf.w)
#else
#define S_MMA2(c, qa, qb, kf) MMA(c, qa.x, qb.x, qa.y, qb.y, kf.x, kf.y) MMA(c, qa.z, qb.z, qa.w, qb.w, kf.z, kf.w)
#endif
/* ---- Q K^T for one 32-dim group q: A from registers, B (K rows kappa(j, gid)) from local memory;
   each K fragment serves the warp's MT m-tiles ---- */
#if LS_BF16
#define S_GROUP(sv, q, mf) UNROLL for (int j = 0; j < NJ; j++) { \
    const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \
    const uint4 kf = LDS16(kS, KRC, kr, 4 * (q) + tig); \
    UNROLL for (int mi = (mf); mi < MT; mi++) { \
      S_MMA2(sv[mi][j], qf[mi][q][0], qf[mi][q][1], kf) } }
#else
#define S_GROUP(sv, q, mf) UNROLL for (int j = 0; j < NJ; j++) { \
    const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \
    const uint4 k0 = LDS16(kS, KRC, kr, 8 * (q) + 2 * tig), k1 = LDS16(kS, KRC, kr, 8 * (q) + 2 * tig + 1); \
    UNROLL for (int mi = (mf); mi < MT; mi++) { \
      MMA(sv[mi][j], qf[mi][q][0].x, qf[mi][q][2].x, qf[mi][q][0].y, qf[mi][q][2].y, k0.x, k0.y) \
      MMA(sv[mi][j], qf[mi][q][0].z, qf[mi][q][2].z, qf[mi][q][0].w, qf[mi][q][2].w, k0.z, k0.w) \
      MMA(sv[mi][j], qf[mi][q][1].x, qf[mi][q][3].x, qf[mi][q][1].y, qf[mi][q][3].y, k1.x, k1.y) \
      MMA(sv[mi][j], qf[mi][q][1].z, qf[mi][q][3].z, qf[mi][q][1].w, qf[mi][q][3].w, k1.z, k1.w) } }
#endif
#if Q_FROM_L1
/* Q_FROM_L1: Q fragments are read from global memory (L1) for each key tile, one 32-dim group at a time,
   so that they hold 16 registers instead of 64 across the loop; Q is in fragment order (S_MMA2). */
#define Q_FRAGS(q, mf) UNROLL for (int mi = (mf); mi < MT; mi++) { \
    qf[mi][q][0] = GLD16(qG, qOff[mi] + (32 * (q)) / EPC); \
    qf[mi][q][1] = GLD16(qG, qOff[mi] + (8 * dPad + 32 * (q)) / EPC); }
#else
#define Q_FRAGS(q, mf)
#endif
/* sv = Q K^T for the key tile in local memory */
#define S_TILE(sv, mf) { \
    UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int j = 0; j < NJ; j++) { sv[mi][j][0] = 0.f; sv[mi][j][1] = 0.f; sv[mi][j][2] = 0.f; sv[mi][j][3] = 0.f; } \
    UNROLL for (int q = 0; q < NQ; q++) { \
      if (32 * q >= dPad) break; /* uniform */ \
      Q_FRAGS(q, mf) \
      S_GROUP(sv, q, mf) } }
/* Mask keys past the block's end or after the row (only tiles that reach this warp's diagonal or the end). */
#define MASK_S(sv, t, ke, mf) if ((t) + BN > (ke) || (t) + BN - 1 > wrow0) { \
    UNROLL for (int mi = (mf); mi < MT; mi++) MASK_MT(sv[mi], t, ke, mi) }
/* One m-tile's scores (svm: its NJ n-tiles of keys from t); also the diagonal step's. */
#define MASK_MT(svm, t, ke, mi) { \
      const int ra = R0(mi), rb = ra + 8; \
      UNROLL for (int j = 0; j < NJ; j++) { \
        const int key = (t) + 32 * (j >> 2) + 8 * tig + 2 * (j & 3); \
        if (key >= (ke) || key > ra) svm[j][0] = NEG_BIG; \
        if (key + 1 >= (ke) || key + 1 > ra) svm[j][1] = NEG_BIG; \
        if (key >= (ke) || key > rb) svm[j][2] = NEG_BIG; \
        if (key + 1 >= (ke) || key + 1 > rb) svm[j][3] = NEG_BIG; } }
/* Online softmax of one tile: sv becomes P (unnormalised); O and the row sums are rescaled to the new max. */
#define SOFTMAX(sv, mf) UNROLL for (int mi = (mf); mi < MT; mi++) { \
    float mx0 = m0[mi], mx1 = m1[mi]; \
    UNROLL for (int j = 0; j < NJ; j++) { mx0 = fmax(mx0, fmax(sv[mi][j][0], sv[mi][j][1])); mx1 = fmax(mx1, fmax(sv[mi][j][2], sv[mi][j][3])); } \
    QUAD_MAX(mx0) \
    QUAD_MAX(mx1) \
    const float c0 = EXP2((m0[mi] - mx0) * sl2), c1 = EXP2((m1[mi] - mx1) * sl2); \
    m0[mi] = mx0; m1[mi] = mx1; \
    const float ms0 = mx0 * sl2, ms1 = mx1 * sl2; \
    l0[mi] *= c0; l1[mi] *= c1; \
    UNROLL for (int j = 0; j < NJ; j++) { \
      sv[mi][j][0] = EXP2(fma(sv[mi][j][0], sl2, -ms0)); sv[mi][j][1] = EXP2(fma(sv[mi][j][1], sl2, -ms0)); \
      sv[mi][j][2] = EXP2(fma(sv[mi][j][2], sl2, -ms1)); sv[mi][j][3] = EXP2(fma(sv[mi][j][3], sl2, -ms1)); \
      l0[mi] += sv[mi][j][0] + sv[mi][j][1]; l1[mi] += sv[mi][j][2] + sv[mi][j][3]; } \
    UNROLL for (int nt = 0; nt < NT; nt++) { o[mi][nt][0] *= c0; o[mi][nt][1] *= c0; o[mi][nt][2] *= c1; o[mi][nt][3] *= c1; } }
/* O += P V for the tile: P (sv) becomes A-fragments in registers, V^T from local memory; each V
   fragment serves the warp's MT m-tiles. */
#if LS_BF16
#define PV(sv, mf) { \
    UNROLL for (int s2 = 0; s2 < BN / 32; s2++) { \
      uint a[MT][2][4]; \
      UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int h = 0; h < 2; h++) { \
        const int j0 = 4 * s2 + 2 * h, j1 = j0 + 1; \
        a[mi][h][0] = ls_pack(sv[mi][j0][0], sv[mi][j0][1]); a[mi][h][1] = ls_pack(sv[mi][j0][2], sv[mi][j0][3]); \
        a[mi][h][2] = ls_pack(sv[mi][j1][0], sv[mi][j1][1]); a[mi][h][3] = ls_pack(sv[mi][j1][2], sv[mi][j1][3]); } \
      UNROLL for (int nt = 0; nt < NT; nt++) { \
        if (8 * nt >= dPad) break; /* uniform */ \
        const uint4 vf = LDS16(vS, VRC, 8 * nt + gid, 4 * s2 + tig); \
        UNROLL for (int mi = (mf); mi < MT; mi++) { \
          MMA(o[mi][nt], a[mi][0][0], a[mi][0][1], a[mi][0][2], a[mi][0][3], vf.x, vf.y) \
          MMA(o[mi][nt], a[mi][1][0], a[mi][1][1], a[mi][1][2], a[mi][1][3], vf.z, vf.w) } } } }
#else
#define PV(sv, mf) { \
    uint a[MT][4][4]; \
    UNROLL for (int mi = (mf); mi < MT; mi++) UNROLL for (int j = 0; j < 4; j++) { \
      a[mi][j][0] = ls_tf32(sv[mi][j][0]); a[mi][j][1] = ls_tf32(sv[mi][j][2]); a[mi][j][2] = ls_tf32(sv[mi][j][1]); a[mi][j][3] = ls_tf32(sv[mi][j][3]); } \
    UNROLL for (int nt = 0; nt < NT; nt++) { \
      if (8 * nt >= dPad) break; /* uniform */ \
      const uint4 v0 = LDS16(vS, VRC, 8 * nt + gid, 2 * tig), v1 = LDS16(vS, VRC, 8 * nt + gid, 2 * tig + 1); \
      UNROLL for (int mi = (mf); mi < MT; mi++) { \
        MMA(o[mi][nt], a[mi][0][0], a[mi][0][1], a[mi][0][2], a[mi][0][3], v0.x, v0.y) \
        MMA(o[mi][nt], a[mi][1][0], a[mi][1][1], a[mi][1][2], a[mi][1][3], v0.z, v0.w) \
        MMA(o[mi][nt], a[mi][2][0], a[mi][2][1], a[mi][2][2], a[mi][2][3], v1.x, v1.y) \
        MMA(o[mi][nt], a[mi][3][0], a[mi][3][1], a[mi][3][2], a[mi][3][3], v1.z, v1.w) } } }
#endif
/* Moves (t, ke, bb, ns) to the next key tile of the layout row; bb == bEnd past the last. */
#if DIAGONAL_STEP
/* (the diagonal's second part, which starts at tFirst, ends at dEnd) */
#define BLOCK_END(t) ((t) == tFirst ? dEnd : min((t) + blockSize, lastRow + 1))
#else
#define BLOCK_END(t) min((t) + blockSize, lastRow + 1)
#endif
#define ADVANCE(t, ke, bb, ns) { (t) += BN; \
    if ((t) >= (ke)) { (bb)++; \
      if ((bb) < bEnd) { (t) = (ns); (ke) = BLOCK_END(t); (ns) = (bb) + 1 < bEnd ? rowBlocks[(bb) + 1] * blockSize : 0; } } }

/* Chunks past dPad are skipped (never read). */
/* The first tile's copies (V^T's too with two stages; with one, the loop copies it) */
#define FIRST_COPIES(t) { COPY_K(t) if (STAGES == 2) COPY_V(t) }
#define COPY_K(t) COPY_K_TO(kS, t)
#define COPY_V(t) COPY_V_TO(vS, t)
#define COPY_K_TO(dst, t) { for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / KRC, c = i % KRC; \
    if (c * EPC < dPad) CP16((dst) + CHUNK(KRC, r, c), kG, ((kvh * seqPad + (t) + r) * dPad) / EPC + c); } CP_COMMIT(); }
#define COPY_V_TO(dst, t) { for (int u = 0; u < STAGE_PER_ITEM; u++) { const int i = tid + THREADS * u, r = i / VRC, c = i % VRC; \
    if (r < dPad) CP16((dst) + CHUNK(VRC, r, c), vG, ((kvh * dPad + r) * seqPad + (t)) / EPC + c); } CP_COMMIT(); }

/* One key tile with two stages (see the loop); the loop is left after the last tile. */
#define TILE_2STAGE \
    CP_WAIT1(); /* K(i); V(i) may be in flight */ \
    barrier(CLK_LOCAL_MEM_FENCE); /* K(i) visible; every warp is done with tile i - 1, whose stage the next copies reuse */ \
    int nt0 = t0, nkEnd = kEnd, nb = b; /* the next tile of the layout row (uniform) */ \
    ADVANCE(nt0, nkEnd, nb, nextStart) \
    const bool more = nb < bEnd; \
    if (more) COPY_K_TO(kN, nt0) else { CP_COMMIT(); } \
    S_TILE(s, 0) MASK_S(s, t0, kEnd, 0) SOFTMAX(s, 0) \
    CP_WAIT1(); /* V(i); K(i + 1) may be in flight */ \
    barrier(CLK_LOCAL_MEM_FENCE); /* V^T(i) visible */ \
    if (more) COPY_V_TO(vN, nt0) else { CP_COMMIT(); } \
    PV(s, 0) \
    if (!more) break; \
    t0 = nt0; kEnd = nkEnd; b = nb; \
    { __local uint *x = kS; kS = kN; kN = x; x = vS; vS = vN; vN = x; }

/* The diagonal step: the diagonal's second half (keys [hStart, hStart + 2 BN), rows from hStart: the warps' second
   m-tiles) in one step of 64 keys instead of two tiles of 32. A tile's time is set by its chains of
   dependent mma, shuffles and exponentials, not by how many m-tiles a warp runs, so two tiles of
   one m-tile cost about what two of two m-tiles do; here S slot u holds key tile u (K in kS, kN)
   for the warp's m-tile 1, the softmax spans both, and P V runs over both V^T tiles. */
#define DSTEP_S { \
    UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { s[u][j][0] = 0.f; s[u][j][1] = 0.f; s[u][j][2] = 0.f; s[u][j][3] = 0.f; } \
    UNROLL for (int q = 0; q < NQ; q++) { \
      if (32 * q >= dPad) break; /* uniform */ \
      Q_FRAGS(q, 1) \
      UNROLL for (int j = 0; j < NJ; j++) { \
        const int kr = 32 * (j >> 2) + 8 * (gid >> 1) + 2 * (j & 3) + (gid & 1); \
        const uint4 ka = LDS16(kS, KRC, kr, 4 * q + tig), kb = LDS16(kN, KRC, kr, 4 * q + tig); \
        S_MMA2(s[0][j], qf[1][q][0], qf[1][q][1], ka) \
        S_MMA2(s[1][j], qf[1][q][0], qf[1][q][1], kb) } } }
#define DSTEP_MASK(ke) UNROLL for (int u = 0; u < 2; u++) MASK_MT(s[u], hStart + BN * u, ke, 1)
#define DSTEP_SOFTMAX { \
    float mx0 = m0[1], mx1 = m1[1]; \
    UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { \
      mx0 = fmax(mx0, fmax(s[u][j][0], s[u][j][1])); mx1 = fmax(mx1, fmax(s[u][j][2], s[u][j][3])); } \
    QUAD_MAX(mx0) \
    QUAD_MAX(mx1) \
    const float c0 = EXP2((m0[1] - mx0) * sl2), c1 = EXP2((m1[1] - mx1) * sl2); \
    m0[1] = mx0; m1[1] = mx1; \
    const float ms0 = mx0 * sl2, ms1 = mx1 * sl2; \
    l0[1] *= c0; l1[1] *= c1; \
    UNROLL for (int u = 0; u < 2; u++) UNROLL for (int j = 0; j < NJ; j++) { \
      s[u][j][0] = EXP2(fma(s[u][j][0], sl2, -ms0)); s[u][j][1] = EXP2(fma(s[u][j][1], sl2, -ms0)); \
      s[u][j][2] = EXP2(fma(s[u][j][2], sl2, -ms1)); s[u][j][3] = EXP2(fma(s[u][j][3], sl2, -ms1)); \
      l0[1] += s[u][j][0] + s[u][j][1]; l1[1] += s[u][j][2] + s[u][j][3]; } \
    UNROLL for (int nt = 0; nt < NT; nt++) { o[1][nt][0] *= c0; o[1][nt][1] *= c0; o[1][nt][2] *= c1; o[1][nt][3] *= c1; } }
/* O (m-tile 1) += P (slot u) V^T (tile vt) */
#define DSTEP_PV(u, vt) { \
    uint a[2][4]; \
    UNROLL for (int h = 0; h < 2; h++) { \
      const int j0 = 2 * h, j1 = j0 + 1; \
      a[h][0] = ls_pack(s[u][j0][0], s[u][j0][1]); a[h][1] = ls_pack(s[u][j0][2], s[u][j0][3]); \
      a[h][2] = ls_pack(s[u][j1][0], s[u][j1][1]); a[h][3] = ls_pack(s[u][j1][2], s[u][j1][3]); } \
    UNROLL for (int nt = 0; nt < NT; nt++) { \
      if (8 * nt >= dPad) break; /* uniform */ \
      const uint4 vf = LDS16((vt), VRC, 8 * nt + gid, tig); \
      MMA(o[1][nt], a[0][0], a[0][1], a[0][2], a[0][3], vf.x, vf.y) \
      MMA(o[1][nt], a[1][0], a[1][1], a[1][2], a[1][3], vf.z, vf.w) } }
/* The step. On entry K and V^T of key tile hStart are being copied into kS, vS (FIRST_COPIES); the
   second tile's go to kN, vN, and the diagonal's first part's K to kX, so that it arrives during
   the step. Its V^T goes to vS once every warp is done with that tile; then the loop takes over
   at tFirst with kS and kX exchanged. */
#define DIAGONAL_STEP_TILES { \
    const int tB = hStart + BN; \
    const bool two = tB < kEnd; /* uniform */ \
    if (two) { COPY_K_TO(kN, tB) COPY_V_TO(vN, tB) } else { CP_COMMIT(); CP_COMMIT(); } \
    COPY_K_TO(kX, tFirst) \
    CP_WAIT1(); /* all but kX's copy */ \
    barrier(CLK_LOCAL_MEM_FENCE); \
    DSTEP_S DSTEP_MASK(kEnd) DSTEP_SOFTMAX \
    DSTEP_PV(0, vS) \
    barrier(CLK_LOCAL_MEM_FENCE); /* every warp is done with vS */ \
    COPY_V_TO(vS, tFirst) \
    if (two) DSTEP_PV(1, vN) /* (uncopied, kN and vN hold stale data: masked S, but 0 * NaN would not be 0) */ \
    { __local uint *x = kS; kS = kX; kX = x; } \
    t0 = tFirst; kEnd = dEnd; b++; \
    nextStart = b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0; }

/* The kernel; dPad is a literal where it is inlined for the common paddings (see ls_mma_prefill). */
__attribute__((always_inline)) void ls_mma_body(__global int *qH, __global int *kH, __global int *vH,
                    __global float *qF, __global float *kF, __global float *vF,
                    __global int *rowOffsets, __global int *rowBlocks,
                    __global float *oOut, __global float *lseOut,
                    int seqLen, int seqPad, int headDim, const int dPad, int blockSize, int groupSize,
                    int qStart, int qEnd, float scale, __local int *lds) {
#if LS_BF16
  __global const uint *qG = (__global const uint *)qH, *kG = (__global const uint *)kH, *vG = (__global const uint *)vH;
#else
  __global const uint *qG = (__global const uint *)qF, *kG = (__global const uint *)kF, *vG = (__global const uint *)vF;
#endif
  __local uint *const tiles = (__local uint *)(((size_t)lds + 15) & ~(size_t)15); /* the tiles, then O in the epilogue */
  __local uint *kS = tiles;                                                /* (BN, DMAX) swizzled */
  __local uint *vS = kS + TILE_UINTS;                                      /* (DMAX, BN) swizzled, V^T */
#if STAGES == 2
  __local uint *kN = vS + TILE_UINTS, *vN = kN + TILE_UINTS;             /* the other stage: the next tile */
#if DIAGONAL_STEP
  __local uint *kX = vN + TILE_UINTS;                                    /* a third K tile: the diagonal step's */
  __local uint *scr = kX + TILE_UINTS;                                   /* HELPER_SCRATCH_UINTS */
#else
  __local uint *scr = vN + TILE_UINTS;                                   /* HELPER_SCRATCH_UINTS */
#endif
#else
  __local uint *scr = vS + TILE_UINTS;                                   /* HELPER_SCRATCH_UINTS */
#endif
  const int tid = get_local_id(0), warp = tid >> 5, lane = tid & 31, gid = lane >> 2, tig = lane & 3;
  /* Query tiles of the chunk, longest layout rows (latest blocks) first, head after head. */
  const int tilesPerBlock = blockSize / BM;
#if TAIL_MIX
  /* TAIL_MIX: the last TAIL_MIX_TILES query tiles of every head (its shortest rows) come at the end with the
     heads interleaved, so that the launch ends on the shortest rows of all heads rather than on one
     head's run of medium rows. Groups are dispatched x fastest. */
  const int nTiles = get_num_groups(0), heads = get_num_groups(1), lin = get_group_id(1) * nTiles + get_group_id(0);
  const int light = min(nTiles, TAIL_MIX_TILES), heavy = nTiles - light;
  const int head = lin < heavy * heads ? lin / heavy : (lin - heavy * heads) % heads;
  const int g = lin < heavy * heads ? nTiles - 1 - lin % heavy : light - 1 - (lin - heavy * heads) / heads;
#else
  const int head = get_global_id(1);
  const int g = get_num_groups(0) - 1 - get_group_id(0);
#endif
  const int qBlock = qStart / blockSize + g / tilesPerBlock;
  const int row0 = qBlock * blockSize + (g % tilesPerBlock) * BM;
  const int rowEnd = min(row0 + BM, qEnd);
  if (row0 >= rowEnd) return; /* the whole group: uniform */
  const int wrow0 = row0 + 16 * MROW(0); /* the warp's first row; its rows are R0(mi) and R0(mi) + 8 for each m-tile mi */
  const int kvh = head / groupSize;
  const float sl2 = scale * 1.4426950408889634f;

  const int lastRow = rowEnd - 1;
#if STAGES == 2
  /* The diagonal block first: every layout row ends with it (BlockLayout), so the first tile's
     copies are issued before anything else, without waiting on two dependent loads of the layout;
     the row's other blocks follow in order ("b" counts from one before the row, and bEnd leaves
     the diagonal out). */
  const int tFirst = qBlock * blockSize;
  int b = rowOffsets[qBlock] - 1;
  const int bEnd = rowOffsets[qBlock + 1] - 1;
#else
  int b = rowOffsets[qBlock];
  const int bEnd = rowOffsets[qBlock + 1];
  const int tFirst = rowBlocks[b] * blockSize;
#endif
  int t0 = tFirst;
  int kEnd = min(t0 + blockSize, lastRow + 1);
#if DIAGONAL_STEP
  /* The diagonal step: the diagonal block in two parts, keys [hStart, kEnd) first, for the warps' second
     m-tiles alone (the first m-tiles' rows all precede hStart), then [tFirst, dEnd) followed by the
     other blocks: b starts one further back for the first part, and ADVANCE ends the second at
     dEnd. Exact: a skipped m-tile's S would be masked to NEG_BIG, its P 0 and its rescale 1. */
  const int hStart = row0 + 16 * WARPS, dEnd = min(hStart, kEnd);
  const bool halfFirst = hStart < kEnd;
  if (halfFirst) { t0 = hStart; b--; }
#endif
#if STAGES == 2
  FIRST_COPIES(t0)
#endif

  uint4 qf[MT][NQ][2 * QV]; /* [m-tile][group][row R0 chunks..., row R0 + 8 chunks...]: dims 32q + 8 tig .. + 7 */
#if Q_FROM_L1
  int qOff[MT]; /* 16-byte units: row R0(mi), dims 8 tig .. */
  UNROLL
  for (int mi = 0; mi < MT; mi++) qOff[mi] = ((head * seqPad + R0(mi)) * dPad + 8 * tig) / EPC;
#else
  UNROLL
  for (int mi = 0; mi < MT; mi++) {
    UNROLL
    for (int q = 0; q < NQ; q++) {
      if (32 * q >= dPad) break; /* uniform */
      for (int v = 0; v < QV; v++) {
        qf[mi][q][v] = GLD16(qG, ((head * seqPad + R0(mi)) * dPad + 32 * q + 8 * tig) / EPC + v);
        qf[mi][q][QV + v] = GLD16(qG, ((head * seqPad + R0(mi) + 8) * dPad + 32 * q + 8 * tig) / EPC + v);
      }
    }
  }
#endif
  float o[MT][NT][4]; /* [m-tile][n-tile]: O rows R0 (0, 1) and R0 + 8 (2, 3), columns 8 nt + 2 tig + (0, 1) */
  float m0[MT], m1[MT], l0[MT], l1[MT]; /* raw-score max, this lane's share of the row sum (rows R0, R0 + 8) */
  UNROLL
  for (int mi = 0; mi < MT; mi++) {
    UNROLL
    for (int nt = 0; nt < NT; nt++) { o[mi][nt][0] = 0.f; o[mi][nt][1] = 0.f; o[mi][nt][2] = 0.f; o[mi][nt][3] = 0.f; }
    m0[mi] = NEG_BIG; m1[mi] = NEG_BIG; l0[mi] = 0.f; l1[mi] = 0.f;
  }

  /* The next block's start, loaded a block ahead: its global-load latency would otherwise stall the
     issue of the next K tile's copy at every block boundary. */
#if DIAGONAL_STEP
  int nextStart = halfFirst ? tFirst /* the diagonal's second part */ : b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0;
#else
  int nextStart = b + 1 < bEnd ? rowBlocks[b + 1] * blockSize : 0;
#endif
  float s[MT][NJ][4]; /* S of the warp's rows and the tile's BN keys (layout of S_GROUP) */
#if STAGES == 1
  FIRST_COPIES(t0)
#endif
#if STAGES == 2
  /* Two stages: tile i + 1's K is copied while tile i's S, softmax and P V run, its V^T while tile
     i's P V and tile i + 1's S run (a tile of lead each, against half a tile with one stage). Every
     commit is a group (empty past the last tile), so "all but the newest group" is always the one needed. */
#if DIAGONAL_STEP
  if (halfFirst) DIAGONAL_STEP_TILES
#endif
  while (true) { TILE_2STAGE }
#else
  while (true) {
    CP_WAIT();
    barrier(CLK_LOCAL_MEM_FENCE); /* K tile visible; every warp is done reading the V^T tile */
    COPY_V(t0)
    S_TILE(s, 0)
    MASK_S(s, t0, kEnd, 0)
    SOFTMAX(s, 0)
    CP_WAIT();
    barrier(CLK_LOCAL_MEM_FENCE); /* V^T tile visible; every warp is done reading the K tile */
    int nt0 = t0, nkEnd = kEnd, nb = b; /* the next tile of the layout row (uniform) */
    ADVANCE(nt0, nkEnd, nb, nextStart)
    const bool more = nb < bEnd;
    if (more) COPY_K(nt0)
    PV(s, 0)
    if (!more) break;
    t0 = nt0; kEnd = nkEnd; b = nb;
  }
#endif
  float inv0[MT], inv1[MT]; /* O's normalisers, rows R0 and R0 + 8 */
  UNROLL
  for (int mi = 0; mi < MT; mi++) {
    QUAD_SUM(l0[mi])
    QUAD_SUM(l1[mi])
    inv0[mi] = 1.f / l0[mi]; inv1[mi] = 1.f / l1[mi];
    if (tig == 0) {
      if (R0(mi) < rowEnd) lseOut[head * seqLen + R0(mi)] = m0[mi] * scale + log(l0[mi]);
      if (R0(mi) + 8 < rowEnd) lseOut[head * seqLen + R0(mi) + 8] = m1[mi] * scale + log(l1[mi]);
    }
  }
#if WARP_EPILOGUE
  /* Each warp passes its own rows through its own 4 KiB of the tiles' space, 8
     rows at a time, so the warps do not take turns (one group barrier: every warp is done with
     the V^T tile). */
  barrier(CLK_LOCAL_MEM_FENCE);
  __local float *oW = (__local float *)tiles + warp * 8 * DMAX; /* (8, DMAX) fp32, swizzled */
  UNROLL
  for (int mi = 0; mi < MT; mi++) {
    UNROLL
    for (int e = 0; e < 2; e++) {
      const float inv = e == 0 ? inv0[mi] : inv1[mi];
      WARP_SYNC(); /* the warp is done reading the previous pass */
      UNROLL
      for (int nt = 0; nt < NT; nt++) {
        const int u = 4 * nt + tig;
        *(__local float2 *)(oW + gid * DMAX + 2 * (u ^ (gid << 2))) = (float2)(o[mi][nt][2 * e] * inv, o[mi][nt][2 * e + 1] * inv);
      }
      WARP_SYNC();
      const int prow0 = R0(mi) - gid + 8 * e;
      if ((headDim & 3) == 0) {
        for (int i = lane; i < 8 * (DMAX / 4); i += 32) {
          const int r = i / (DMAX / 4), c4 = i % (DMAX / 4);
          if (prow0 + r < rowEnd && 4 * c4 < headDim)
            GST16(oOut + (head * seqLen + prow0 + r) * headDim + 4 * c4, *(__local const float4 *)(oW + r * DMAX + 2 * ((2 * c4) ^ (r << 2))));
        }
      } else {
        for (int i = lane; i < 8 * headDim; i += 32) {
          const int r = i / headDim, c = i % headDim;
          if (prow0 + r < rowEnd) oOut[(head * seqLen + prow0 + r) * headDim + c] = oW[r * DMAX + 2 * ((c >> 1) ^ (r << 2)) + (c & 1)];
        }
      }
    }
  }
#else
  /* O leaves through local memory (the K and V^T tiles' space, PASS_ROWS rows at a time) in rows
     of 16-byte stores: a warp instruction writes whole 128-byte lines, where the fragments
     themselves would be 4-byte stores spread over 8 rows. float2 unit u of local row r sits at u ^ ((r & 7) << 2)
     so that the fragment writes of 8 rows spread over the banks. */
  __local float *oS = (__local float *)tiles; /* (PASS_ROWS, DMAX) fp32, swizzled */
  for (int pass = 0; pass < BM / PASS_ROWS; pass++) {
    barrier(CLK_LOCAL_MEM_FENCE); /* every warp is done with the V^T tile, or with the previous pass */
    if (warp / (PASS_ROWS / RW) == pass) {
      UNROLL
      for (int mi = 0; mi < MT; mi++) {
        const int lr0 = (warp % (PASS_ROWS / RW)) * RW + 16 * mi + gid, lr1 = lr0 + 8;
        UNROLL
        for (int nt = 0; nt < NT; nt++) {
          const int u = 4 * nt + tig;
          *(__local float2 *)(oS + lr0 * DMAX + 2 * (u ^ ((lr0 & 7) << 2))) = (float2)(o[mi][nt][0] * inv0[mi], o[mi][nt][1] * inv0[mi]);
          *(__local float2 *)(oS + lr1 * DMAX + 2 * (u ^ ((lr1 & 7) << 2))) = (float2)(o[mi][nt][2] * inv1[mi], o[mi][nt][3] * inv1[mi]);
        }
      }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    const int prow0 = row0 + pass * PASS_ROWS;
    if ((headDim & 3) == 0) {
      for (int i = tid; i < PASS_ROWS * (DMAX / 4); i += THREADS) {
        const int r = i / (DMAX / 4), c4 = i % (DMAX / 4);
        if (prow0 + r < rowEnd && 4 * c4 < headDim)
          GST16(oOut + (head * seqLen + prow0 + r) * headDim + 4 * c4, *(__local const float4 *)(oS + r * DMAX + 2 * ((2 * c4) ^ ((r & 7) << 2))));
      }
    } else {
      for (int i = tid; i < PASS_ROWS * headDim; i += THREADS) {
        const int r = i / headDim, c = i % headDim;
        if (prow0 + r < rowEnd) oOut[(head * seqLen + prow0 + r) * headDim + c] = oS[r * DMAX + 2 * ((c >> 1) ^ ((r & 7) << 2)) + (c & 1)];
      }
    }
  }
#endif
}

#define LS_ARGS(dp) qH, kH, vH, qF, kF, vF, rowOffsets, rowBlocks, oOut, lseOut, seqLen, seqPad, headDim, dp, blockSize, groupSize, qStart, qEnd, scale, lds
void ls_mma_prefill(__global int *qH, __global int *kH, __global int *vH,
                    __global float *qF, __global float *kF, __global float *vF,
                    __global int *rowOffsets, __global int *rowBlocks,
                    __global float *oOut, __global float *lseOut,
                    int seqLen, int seqPad, int headDim, int dPad, int blockSize, int groupSize,
                    int qStart, int qEnd, float scale, __local int *lds) {
  DPAD_SPECIALISED(ls_mma_body, LS_ARGS)
}
