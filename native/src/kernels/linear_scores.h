// Scores S = X·W and predictions argmax_c S for a linear classifier, with the same register-tiled
// loop as the fused loss (skinny C makes a general gemm slow here).
#pragma once

#include <cstdint>

namespace svm {

// S (N × C) = X (N × D) · W (D × C).
template <typename T>
void linear_scores(const T* X, int64_t N, int64_t D, const T* W, int64_t C, T* S);

// out[i] = the first c with the highest score of row i, or -1 where a score is NaN (a NaN has no
// place in an order; the caller explains it).
template <typename T>
void linear_predict(const T* X, int64_t N, int64_t D, const T* W, int64_t C, int32_t* out);

// Index of the first NaN or ±Inf in p[0..n), or -1.
template <typename T>
int64_t first_non_finite(const T* p, int64_t n);

}  // namespace svm
