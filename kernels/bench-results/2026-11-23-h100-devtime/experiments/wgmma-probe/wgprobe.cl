/* One warpgroup: D(64x N) = A(64x16, registers) * B(16 x N, local memory, K-major no-swizzle core matrices). */
#ifndef LBO_K
#define LBO_K 1
#endif
#define N NN
__kernel void probe(__global const uint *a, __global const uint *b, __global float *d) {
  __local uint4 bs[N * 2];
  const int tid = get_local_id(0), warp = tid >> 5, lane = tid & 31, gid = lane >> 2, tig = lane & 3;
  for (int i = tid; i < N * 2; i += 128) { const int n = i >> 1, c = i & 1; bs[((n >> 3) * 2 + c) * 8 + (n & 7)] = vload4(n * 2 + c, b); }
  barrier(CLK_LOCAL_MEM_FENCE);
  asm volatile("fence.proxy.async.shared::cta;" ::: "memory");
  const int r0 = 16 * warp + gid;
  uint a0 = a[r0 * 8 + tig], a1 = a[(r0 + 8) * 8 + tig], a2 = a[r0 * 8 + 4 + tig], a3 = a[(r0 + 8) * 8 + 4 + tig];
  float acc[N / 2];
  for (int i = 0; i < N / 2; i++) acc[i] = 0.f;
  const uint addr = (uint)(size_t)bs;
#if LBO_K
  const ulong desc = (ulong)((addr & 0x3FFFF) >> 4) | ((ulong)(128 >> 4) << 16) | ((ulong)(256 >> 4) << 32);
#else
  const ulong desc = (ulong)((addr & 0x3FFFF) >> 4) | ((ulong)(256 >> 4) << 16) | ((ulong)(128 >> 4) << 32);
#endif
  asm volatile("wgmma.fence.sync.aligned;" ::: "memory");
  WGMMA
  asm volatile("wgmma.commit_group.sync.aligned;" ::: "memory");
  asm volatile("wgmma.wait_group.sync.aligned 0;" ::: "memory");
  for (int j = 0; j < N / 8; j++) for (int e = 0; e < 2; e++) {
    d[r0 * N + 8 * j + 2 * tig + e] = acc[4 * j + e];
    d[(r0 + 8) * N + 8 * j + 2 * tig + e] = acc[4 * j + 2 + e];
  }
}
