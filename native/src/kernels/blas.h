// The BLAS calls the project makes, behind one header so the vendor (OpenBLAS, Accelerate) is a
// build detail. Row-major throughout.
#pragma once

#include <cstdint>
#include <string>

namespace svm {

// C (m×n) = alpha · op(A) · op(B) + beta · C, with op(A) m×k and op(B) k×n; lda/ldb/ldc are the
// row strides of A, B and C as stored.
void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc);
void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
          const double* b, int64_t ldb, double beta, double* c, int64_t ldc);

void blas_set_threads(int threads);
// e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SapphireRapids MAX_THREADS=64"
std::string blas_info();

}  // namespace svm
