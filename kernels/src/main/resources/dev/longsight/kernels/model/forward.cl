/* The stages of the resident Llama forward (DeviceLlama / ForwardKernel): one launch runs one stage over
   one chunk of rows [r0, r0 + rows) of one layer. Follows mma_prefill.cl (ls_mma_prefill, the attention)
   and gemm_bf16.cl (ls_gemm_bf16, every projection) in the same program. Needs FWD_NORM_THREADS.

   bf16 tensors are 16-bit patterns two to an int, the even element in the low half; a work-item always
   writes whole ints, so no two work-items share a word. Shapes (H hidden, D head dim, F intermediate):
     x      (seqPad, H / 2)         the residual stream, bf16 (as transformers keeps it for a bf16 model)
     act16  (chunk, maxIn / 2)      the next GEMM's A operand, bf16
     act    (chunk, maxOut)         the last GEMM's C, fp32
     qH     (heads, seqPad, D' / 2) Q in the attention kernel's fragment order (MmaOperands.element)
     kH     (kvHeads, seqPad, D'/2) K row-major; vH (kvHeads, D', seqPad / 2) V transposed; D' = dPad
     attnO  (heads, chunk, D)       the attention's output for the chunk, fp32; lse (heads, chunk)
   slab0..slab15 hold whole layers' matrices (bf16, DeviceWeights' layout); vectors every layer's fp32 norms
   and biases: input norm (H), post-attention norm (H), q/k/v bias (heads * D + 2 * kvHeads * D, zeros when
   the family has none), o bias (H, zeros), zeros (H). Offsets (wOffset, fOffset) are absolute. */

#define LS_SLAB(i) ((i) == 0 ? slab0 : (i) == 1 ? slab1 : (i) == 2 ? slab2 : (i) == 3 ? slab3 : (i) == 4 ? slab4 : \
  (i) == 5 ? slab5 : (i) == 6 ? slab6 : (i) == 7 ? slab7 : (i) == 8 ? slab8 : (i) == 9 ? slab9 : (i) == 10 ? slab10 : \
  (i) == 11 ? slab11 : (i) == 12 ? slab12 : (i) == 13 ? slab13 : (i) == 14 ? slab14 : slab15)

#define ST_EMBED 0
#define ST_NORM 1
#define ST_GEMM 2
#define ST_QKV 3
#define ST_ATTENTION 4
#define ST_PACK_O 5
#define ST_RESIDUAL 6
#define ST_SWIGLU 7

float ls_bf(uint pair, int hi) { return as_float(hi ? pair & 0xffff0000u : pair << 16); }

/* fp32 -> bf16, round to nearest even (finite inputs) */
uint ls_bf16_bits(float f) { uint u = as_uint(f); return (u + 0x7fffu + ((u >> 16) & 1u)) >> 16; }

uint ls_bf16_pair(float lo, float hi) { return ls_bf16_bits(lo) | (ls_bf16_bits(hi) << 16); }

/* Q's word for (head, row t, dims c, c + 1), c even: MmaOperands.element with fragment order. */
int ls_q_word(int seqPad, int dPad, int h, int t, int c) {
  const int word = c >> 1, i = word & 3, e = (t >> 3) & 1;
  const int row = (t & ~15) | ((i >> 1) << 3) | (t & 7);
  const int col = (((word & ~3) | ((i & 1) << 1) | e) << 1);
  return ((h * seqPad + row) * dPad + col) >> 1;
}

void ls_forward(int stage, __global int *tokens, __global int *embed, __global int *head,
                __global int *slab0, __global int *slab1, __global int *slab2, __global int *slab3, __global int *slab4,
                __global int *slab5, __global int *slab6, __global int *slab7, __global int *slab8, __global int *slab9,
                __global int *slab10, __global int *slab11, __global int *slab12, __global int *slab13, __global int *slab14,
                __global int *slab15, __global float *vectors, __global float *finalNorm, __global float *invFreq, __global int *x,
                __global int *qH, __global int *kH, __global int *vH, __global float *fPad,
                __global int *rowOffsets, __global int *rowBlocks, __global float *attnO, __global float *lse,
                __global int *act16, __global float *act, __global int *positions, __global float *logits,
                int rows, int r0, int hidden, int heads, int kvHeads, int headDim, int dPad, int seqPad, int chunk,
                int blockSize, float scale, float eps, int gm, int gn, int gk, int lda, int wOffset, int wSel, int cSel,
                int fOffset, __local int *lds) {
  const int gid = get_global_id(0);
  const int hp = hidden >> 1;
  if (stage == ST_EMBED) {
    /* x[r0 + i] = embed[tokens[r0 + i]]: one work-item per word */
    if (gid < rows * hp) x[(r0 + gid / hp) * hp + gid % hp] = embed[tokens[r0 + gid / hp] * hp + gid % hp];
  } else if (stage == ST_NORM) {
    /* act16[i] = bf16(x[src] / rms(x[src]) * w), one group per row; src = r0 + i, or positions[i] with cSel;
       w = vectors + fOffset, or finalNorm with cSel */
    const int i = get_group_id(0), lid = get_local_id(0);
    const int src = cSel ? positions[i] : r0 + i;
    __global const uint *row = (__global const uint *)x + (size_t)src * hp;
    __global const float *w = cSel ? finalNorm : vectors + fOffset;
    __local float *part = (__local float *)lds;
    float ss = 0.0f;
    for (int j = lid; j < hp; j += FWD_NORM_THREADS) {
      const uint p = row[j];
      const float a = ls_bf(p, 0), b = ls_bf(p, 1);
      ss += a * a + b * b;
    }
    part[lid] = ss;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = FWD_NORM_THREADS / 2; s > 0; s >>= 1) {
      if (lid < s) part[lid] += part[lid + s];
      barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float inv = rsqrt(part[0] / hidden + eps);
    for (int j = lid; j < hp; j += FWD_NORM_THREADS) {
      const uint p = row[j];
      /* transformers: weight * (x * inv).to(bf16) */
      const float a = as_float(ls_bf16_bits(ls_bf(p, 0) * inv) << 16), b = as_float(ls_bf16_bits(ls_bf(p, 1) * inv) << 16);
      act16[i * (lda >> 1) + j] = ls_bf16_pair(w[2 * j] * a, w[2 * j + 1] * b);
    }
  } else if (stage == ST_GEMM) {
    /* act or logits (gm, gn) = act16 (gm, gk) x W (gn, gk)^T; W = slab wSel + wOffset, head (wSel -1) or embed (-2) */
    __global const int *w = wSel == -1 ? head : wSel == -2 ? embed : LS_SLAB(wSel) + wOffset;
    ls_gemm_bf16(act16, lda, w, gk, cSel ? logits : act, gn, gm, gn, gk, lds);
  } else if (stage == ST_QKV) {
    /* act (rows, heads*D | kvHeads*D | kvHeads*D) + bias -> RoPE on q and k -> bf16 into qH, kH, vH.
       Items: Q and K words (row, head, dim pair), then V words (kvHead, dim, row pair). */
    const int hd2 = headDim >> 1, qk = rows * (heads + kvHeads) * hd2, width = (heads + 2 * kvHeads) * headDim;
    __global const float *bias = vectors + fOffset;
    if (gid < qk) {
      const int i = gid / ((heads + kvHeads) * hd2), rest = gid % ((heads + kvHeads) * hd2);
      const int hh = rest / hd2, c = 2 * (rest % hd2), t = r0 + i;
      const int col = hh * headDim;            /* q heads first, then k heads: the same order as the columns */
      __global const float *v = act + (size_t)i * width + col;
      float out[2];
      for (int e = 0; e < 2; e++) {
        const int d = c + e, j = d < hd2 ? d : d - hd2;     /* rotate_half pairs d with d +- D/2 */
        const float a = v[d] + bias[col + d];
        const float b = d < hd2 ? -(v[d + hd2] + bias[col + d + hd2]) : v[d - hd2] + bias[col + d - hd2];
        const float ang = (float)t * invFreq[j];
        out[e] = a * cos(ang) + b * sin(ang);
      }
      const uint word = ls_bf16_pair(out[0], out[1]);
      if (hh < heads) qH[ls_q_word(seqPad, dPad, hh, t, c)] = word;
      else kH[(((hh - heads) * seqPad + t) * dPad + c) >> 1] = word;
    } else if (gid < qk + kvHeads * headDim * ((rows + 1) >> 1)) {
      /* r0 is even (a multiple of the block size); an odd last row pairs with a zero */
      const int g = gid - qk, rp = (rows + 1) >> 1;
      const int kvh = g / (headDim * rp), d = (g / rp) % headDim, i = 2 * (g % rp);
      const int col = (heads + kvHeads + kvh) * headDim + d;
      const float a = act[(size_t)i * width + col] + bias[col];
      const float b = i + 1 < rows ? act[(size_t)(i + 1) * width + col] + bias[col] : 0.0f;
      vH[((kvh * dPad + d) * seqPad + r0 + i) >> 1] = ls_bf16_pair(a, b);
    }
  } else if (stage == ST_ATTENTION) {
    /* O and LSE of the chunk only: the kernel indexes them by absolute row with stride seqLen = chunk */
    ls_mma_prefill(qH, kH, vH, fPad, fPad, fPad, rowOffsets, rowBlocks, attnO - (size_t)r0 * headDim, lse - r0,
                   chunk, seqPad, headDim, dPad, blockSize, heads / kvHeads, r0, r0 + rows, scale, lds);
  } else if (stage == ST_PACK_O) {
    /* attnO (heads, chunk, D) fp32 -> act16 (rows, heads * D) bf16, o_proj's input */
    const int hd2 = headDim >> 1, per = heads * hd2;
    if (gid < rows * per) {
      const int i = gid / per, hh = (gid % per) / hd2, c = 2 * (gid % hd2);
      __global const float *o = attnO + ((size_t)hh * chunk + i) * headDim + c;
      act16[i * (lda >> 1) + ((hh * headDim + c) >> 1)] = ls_bf16_pair(o[0], o[1]);
    }
  } else if (stage == ST_RESIDUAL) {
    /* x[r0 + i] = bf16(x + bf16(act + bias)): the projection's output in bf16, then the add, as transformers does */
    if (gid < rows * hp) {
      const int i = gid / hp, j = gid % hp;
      __global const float *bias = vectors + fOffset;
      const uint p = x[(r0 + i) * hp + j];
      const float a = as_float(ls_bf16_bits(act[(size_t)i * hidden + 2 * j] + bias[2 * j]) << 16);
      const float b = as_float(ls_bf16_bits(act[(size_t)i * hidden + 2 * j + 1] + bias[2 * j + 1]) << 16);
      x[(r0 + i) * hp + j] = ls_bf16_pair(ls_bf(p, 0) + a, ls_bf(p, 1) + b);
    }
  } else if (stage == ST_SWIGLU) {
    /* act (rows, gate F | up F) -> act16 (rows, F) = bf16(silu(bf16(gate)) * bf16(up)) */
    const int fp = gn >> 1;
    if (gid < rows * fp) {
      const int i = gid / fp, j = 2 * (gid % fp);
      float out[2];
      for (int e = 0; e < 2; e++) {
        const float g = as_float(ls_bf16_bits(act[(size_t)i * 2 * gn + j + e]) << 16);
        const float u = as_float(ls_bf16_bits(act[(size_t)i * 2 * gn + gn + j + e]) << 16);
        out[e] = as_float(ls_bf16_bits(g / (1.0f + exp(-g))) << 16) * u;
      }
      act16[i * (lda >> 1) + (j >> 1)] = ls_bf16_pair(out[0], out[1]);
    }
  }
}
