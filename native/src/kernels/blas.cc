#include "kernels/blas.h"

#include <climits>
#include <stdexcept>

#if defined(SVM_ACCELERATE)
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

namespace svm {

namespace {
int checked_int(int64_t v, const char* what) {
  if (v < 0 || v > INT_MAX) throw std::invalid_argument(std::string("BLAS dimension out of range: ") + what);
  return static_cast<int>(v);
}
}  // namespace

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans,
              checked_int(m, "m"), checked_int(n, "n"), checked_int(k, "k"), alpha, a, checked_int(lda, "lda"), b,
              checked_int(ldb, "ldb"), beta, c, checked_int(ldc, "ldc"));
}

void gemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
          const double* b, int64_t ldb, double beta, double* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  cblas_dgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans,
              checked_int(m, "m"), checked_int(n, "n"), checked_int(k, "k"), alpha, a, checked_int(lda, "lda"), b,
              checked_int(ldb, "ldb"), beta, c, checked_int(ldc, "ldc"));
}

void blas_set_threads(int threads) {
#if defined(OPENBLAS_VERSION)
  openblas_set_num_threads(threads);
#else
  (void)threads;
#endif
}

std::string blas_info() {
#if defined(OPENBLAS_VERSION)
  return openblas_get_config();
#elif defined(SVM_ACCELERATE)
  return "Apple Accelerate";
#else
  return "BLAS (unknown vendor)";
#endif
}

}  // namespace svm
