// Losses of a linear classifier over a grid of weights W + a·W1 + b·W2 — the lecture's 1-D and
// 2-D slices, and (with W1 = −∇L) the step-size sweep. Scores are linear in (a, b):
// S(a, b) = S0 + a·S1 + b·S2 with S0 = X·W, S1 = X·W1, S2 = X·W2, so the whole grid costs three
// score products plus cheap elementwise work, instead of one full pass over X per point.
#pragma once

#include <cstdint>

#include "kernels/linear_loss.h"

namespace svm {

// out[i·nb + j] = data loss (no regularization) at (a[i], b[j]). S2 may be null (a 1-D slice:
// nb must be 1 and b[0] is ignored). Labels must be in [0, C).
template <typename T>
void loss_grid(LossKind kind, double delta, const T* S0, const T* S1, const T* S2, int64_t N, int64_t C,
               const int32_t* y, const double* a, int64_t na, const double* b, int64_t nb, double* out);

// For K candidate weight matrices scored side by side, S (N × K·C, candidate k in columns
// k·C … k·C+C−1): out[2k] = candidate k's data loss, out[2k+1] its accuracy.
template <typename T>
void candidate_losses(LossKind kind, double delta, const T* S, int64_t N, int64_t K, int64_t C, const int32_t* y,
                      double* out);

}  // namespace svm
