/* Warp-level helpers of the tensor-core prefill in plain OpenCL C, for any OpenCL device (PoCL in the tests):
   the names and semantics of mma_helpers_ptx.cl, with the lanes of a warp exchanging mma fragments and row
   values through local memory between group barriers. Every warp of a group runs the same helper calls (the
   kernel's control flow is uniform per group), so the barriers are reached alike. Needs LS_BF16, WARPS,
   THREADS and the kernel's scr, warp, lane and tid. */

#if LS_BF16
#define MK 16
float ls_elem(uint w, int upper) { return as_float(((w >> (16 * upper)) & 0xffffu) << 16); }
/* A (16 x 16, row): lane (r%8)*4 + (k%8)/2, register r/8 + 2*(k/8), half k%2; B (16 x 8, col): lane n*4 + (k%8)/2, register k/8 */
#define A_AT(x, r, k) ls_elem(x[(((r) >> 3) + 2 * ((k) >> 3)) * 32 + ((r) & 7) * 4 + (((k) & 7) >> 1)], (k) & 1)
#define B_AT(x, k, n) ls_elem(x[128 + ((k) >> 3) * 32 + (n) * 4 + (((k) & 7) >> 1)], (k) & 1)
uint ls_bf16(float x) { uint u = as_uint(x); return (u + 0x7fffu + ((u >> 16) & 1u)) >> 16; }
uint ls_pack(float lo, float hi) { return ls_bf16(lo) | (ls_bf16(hi) << 16); }
#else
#define MK 8
/* tensor cores read tf32: the low 13 mantissa bits are ignored */
float ls_elem(uint w) { return as_float(w & 0xffffe000u); }
/* A (16 x 8, row): lane (r%8)*4 + k%4, register r/8 + 2*(k/4); B (8 x 8, col): lane n*4 + k%4, register k/4 */
#define A_AT(x, r, k) ls_elem(x[(((r) >> 3) + 2 * ((k) >> 2)) * 32 + ((r) & 7) * 4 + ((k) & 3)])
#define B_AT(x, k, n) ls_elem(x[128 + ((k) >> 2) * 32 + (n) * 4 + ((k) & 3)])
uint ls_tf32(float x) { uint u = as_uint(x); return (u + 0x1000u) & 0xffffe000u; }
#endif
/* One warp's mma: every lane publishes its fragments, then computes its four accumulators. */
void ls_mma(float *c, uint a0, uint a1, uint a2, uint a3, uint b0, uint b1, __local uint *x, int lane) {
  x[lane] = a0; x[32 + lane] = a1; x[64 + lane] = a2; x[96 + lane] = a3; x[128 + lane] = b0; x[160 + lane] = b1;
  barrier(CLK_LOCAL_MEM_FENCE);
  const int g = lane >> 2, t = lane & 3;
  for (int e = 0; e < 4; e++) {
    const int r = g + 8 * (e >> 1), n = 2 * t + (e & 1);
    float acc = c[e];
    for (int k = 0; k < MK; k++) acc += A_AT(x, r, k) * B_AT(x, k, n);
    c[e] = acc;
  }
  barrier(CLK_LOCAL_MEM_FENCE);
}
#define MMA(c, a0, a1, a2, a3, b0, b1) { ls_mma((c), (a0), (a1), (a2), (a3), (b0), (b1), scr + warp * 192, lane); }
float ls_quad(float v, __local float *x, int tid, int isMax) {
  x[tid] = v;
  barrier(CLK_LOCAL_MEM_FENCE);
  const int b = tid & ~3;
  const float r = isMax ? fmax(fmax(x[b], x[b + 1]), fmax(x[b + 2], x[b + 3])) : (x[b] + x[b + 1]) + (x[b + 2] + x[b + 3]);
  barrier(CLK_LOCAL_MEM_FENCE);
  return r;
}
#define EXP2(x) exp2(x)
#define QUAD_MAX(v) { v = ls_quad(v, (__local float *)(scr + WARPS * 192), tid, 1); }
#define QUAD_SUM(v) { v = ls_quad(v, (__local float *)(scr + WARPS * 192), tid, 0); }
/* every warp runs the same passes, so a group barrier is uniform */
#define WARP_SYNC() barrier(CLK_LOCAL_MEM_FENCE)
/* Local memory the helpers exchange through: per warp A and B fragments (192), per work-item one float. */
#define HELPER_SCRATCH_UINTS (WARPS * 192 + THREADS)

/* 16-byte global loads and stores: PoCL may run on the Java arrays themselves (8-byte aligned), where an
   aligned vector load faults. */
#define GLD16(g, i) vload4((i), (__global const uint *)(g))
#define GST16(p, v) vstore4((v), 0, (p))

/* Copies are synchronous: a group is complete when it is committed. */
#define CP16(dst, g, i) (*(__local uint4 *)(dst) = GLD16(g, i))
#define CP_COMMIT()
#define CP_WAIT()
#define CP_WAIT1()

/* Loops whose bodies hold barriers stay loops: unrolled, PoCL's compiler spends minutes on them. */
#define UNROLL _Pragma("nounroll")

/* One body: three inlined copies would triple PoCL's compile time for no gain on a CPU. */
#define DPAD_SPECIALISED(body, args) body(args(dPad));
