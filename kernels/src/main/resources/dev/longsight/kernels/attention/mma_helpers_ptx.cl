/* Warp-level helpers of the tensor-core prefill for NVIDIA's OpenCL compiler (sm_80 and later): tensor
   cores, warp shuffles and asynchronous copies through inline PTX. mma_helpers_portable.cl defines the same
   names with the same semantics in plain OpenCL C; mma_prefill.cl uses nothing else that is NVIDIA's.
   Needs LS_BF16. */

#if LS_BF16
#define MMA(c, a0, a1, a2, a3, b0, b1) { float d0_, d1_, d2_, d3_; \
  asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};" \
      : "=f"(d0_), "=f"(d1_), "=f"(d2_), "=f"(d3_) \
      : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1), "f"((c)[0]), "f"((c)[1]), "f"((c)[2]), "f"((c)[3])); \
  (c)[0] = d0_; (c)[1] = d1_; (c)[2] = d2_; (c)[3] = d3_; }
/* two floats -> bf16x2, round to nearest even; lo in the low half */
uint ls_pack(float lo, float hi) { uint r; asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo)); return r; }
#else
#define MMA(c, a0, a1, a2, a3, b0, b1) { float d0_, d1_, d2_, d3_; \
  asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};" \
      : "=f"(d0_), "=f"(d1_), "=f"(d2_), "=f"(d3_) \
      : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1), "f"((c)[0]), "f"((c)[1]), "f"((c)[2]), "f"((c)[3])); \
  (c)[0] = d0_; (c)[1] = d1_; (c)[2] = d2_; (c)[3] = d3_; }
/* fp32 -> tf32, round to nearest, ties away */
uint ls_tf32(float x) { uint r; asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x)); return r; }
#endif
/* Not volatile: a pure function of the lanes' values (every lane runs it, control flow is uniform), free to schedule. */
float ls_shfl_xor(float x, int m) { float y; asm("shfl.sync.bfly.b32 %0, %1, %2, 0x1f, 0xffffffff;" : "=f"(y) : "f"(x), "r"(m)); return y; }
/* One MUFU.EX2: results below 2^-126 flush to zero (weights that small vanish next to the row's max, which is 1). */
float ls_exp2(float x) { float y; asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x)); return y; }
#define EXP2(x) ls_exp2(x)
/* max and sum over the 4 lanes that hold one row of an mma fragment */
#define QUAD_MAX(x) { x = fmax(x, ls_shfl_xor(x, 1)); x = fmax(x, ls_shfl_xor(x, 2)); }
#define QUAD_SUM(x) { x += ls_shfl_xor(x, 1); x += ls_shfl_xor(x, 2); }
/* orders the warp's local-memory accesses (__syncwarp) */
#define WARP_SYNC() asm volatile("bar.warp.sync -1;" ::: "memory")
/* Local memory the helpers exchange fragments through: none. */
#define HELPER_SCRATCH_UINTS 0

/* 16-byte global loads and stores: device allocations are aligned on NVIDIA. */
#define GLD16(g, i) (((__global const uint4 *)(g))[i])
#define GST16(p, v) (*(__global float4 *)(p) = (v))

/* Asynchronous global -> local copies of 16 bytes, committed in groups; CP_WAIT1 waits for all but the newest group. */
#define CP16(dst, g, i) asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" :: "r"((uint)(size_t)(dst)), "l"((ulong)(size_t)((g) + 4 * (i))))
#define CP_COMMIT() asm volatile("cp.async.commit_group;")
#define CP_WAIT() asm volatile("cp.async.wait_group 0;" ::: "memory")
#define CP_WAIT1() asm volatile("cp.async.wait_group 1;" ::: "memory")

/* Full unrolling keeps fragments and accumulators in registers. */
#define UNROLL _Pragma("unroll")

/* The kernel body with a literal dPad for the common paddings: the head-dim loops then unroll without exit
   branches, which would otherwise cut every O tile's fragment load and mma pair into its own basic block (no
   overlap of their latencies). */
#define DPAD_SPECIALISED(body, args) \
  if (dPad == DMAX) body(args(DMAX)); \
  else if (dPad == DMAX / 2) body(args(DMAX / 2)); \
  else body(args(dPad));
