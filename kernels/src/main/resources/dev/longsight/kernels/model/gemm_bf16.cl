/* Placeholder: one work-item per element of C (GEMM_BM x GEMM_BN per group). */
void ls_gemm_bf16(const __global int *a, int lda, const __global int *w, int ldw, __global float *c, int ldc,
                  int m, int n, int k, __local int *lds) {
  const int lid = get_local_id(0);
  for (int e = lid; e < GEMM_BM * GEMM_BN; e += GEMM_THREADS) {
    const int r = get_group_id(1) * GEMM_BM + e / GEMM_BN, j = get_group_id(0) * GEMM_BN + e % GEMM_BN;
    if (r < m && j < n) {
      float s = 0.0f;
      for (int i = 0; i < k; i += 2) {
        const uint x = ((__global const uint *)a)[(r * lda + i) >> 1], y = ((__global const uint *)w)[(j * ldw + i) >> 1];
        s += as_float(x << 16) * as_float(y << 16) + as_float(x & 0xffff0000u) * as_float(y & 0xffff0000u);
      }
      c[(size_t)r * ldc + j] = s;
    }
  }
}
