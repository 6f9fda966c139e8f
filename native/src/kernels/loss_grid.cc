#include "kernels/loss_grid.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/fast_math.h"
#include "kernels/thread_pool.h"

namespace svm {

namespace {

void check_labels(const int32_t* y, int64_t N, int64_t C) {
  for (int64_t i = 0; i < N; ++i)
    if (y[i] < 0 || y[i] >= C)
      throw std::out_of_range("label " + std::to_string(y[i]) + " of row " + std::to_string(i) + " is outside [0, " +
                              std::to_string(C) + ")");
}

// Adds every row's loss along the line b ↦ S0 + a·S1 + b·S2 into acc[0..nb). The loops over j
// (the b values) are the long, branch-free, vectorized ones.
template <typename T>
void accumulate_line(LossKind kind, double delta, const T* S0, const T* S1, const T* S2, int64_t N, int64_t C,
                     const int32_t* y, double a, const double* b, int64_t nb, double* acc, std::vector<double>& tmp) {
  std::vector<double> base(C), slope(C);
  double* m = tmp.data();
  double* sum = tmp.data() + nb;
  for (int64_t r = 0; r < N; ++r) {
    const int64_t o = r * C;
    const int32_t yr = y[r];
    for (int64_t c = 0; c < C; ++c) {
      base[c] = static_cast<double>(S0[o + c]) + a * static_cast<double>(S1[o + c]);
      slope[c] = S2 ? static_cast<double>(S2[o + c]) : 0.0;
    }
    if (kind == LossKind::Svm) {
      for (int64_t c = 0; c < C; ++c) {
        if (c == yr) continue;
        const double alpha = base[c] - base[yr] + delta, beta = slope[c] - slope[yr];
#pragma omp simd
        for (int64_t j = 0; j < nb; ++j) acc[j] += std::max(0.0, alpha + beta * b[j]);
      }
    } else {
      for (int64_t j = 0; j < nb; ++j) m[j] = base[0] + slope[0] * b[j];
      for (int64_t c = 1; c < C; ++c) {
        const double bc = base[c], sc = slope[c];
#pragma omp simd
        for (int64_t j = 0; j < nb; ++j) m[j] = std::max(m[j], bc + sc * b[j]);
      }
      std::fill(sum, sum + nb, 0.0);
      for (int64_t c = 0; c < C; ++c) {
        const double bc = base[c], sc = slope[c];
#pragma omp simd
        for (int64_t j = 0; j < nb; ++j) sum[j] += fast::exp(bc + sc * b[j] - m[j]);
      }
      const double by = base[yr], sy = slope[yr];
      for (int64_t j = 0; j < nb; ++j) acc[j] += std::log(sum[j]) + m[j] - (by + sy * b[j]);
    }
  }
}

}  // namespace

template <typename T>
void loss_grid(LossKind kind, double delta, const T* S0, const T* S1, const T* S2, int64_t N, int64_t C,
               const int32_t* y, const double* a, int64_t na, const double* b, int64_t nb, double* out) {
  if (N < 1 || C < 1) throw std::invalid_argument("empty scores");
  if (!S2 && nb != 1) throw std::invalid_argument("a 1-D slice has a single b");
  check_labels(y, N, C);
  const double zero = 0.0;
  const double* bs = S2 ? b : &zero;
  const double work = static_cast<double>(N) * C * na * nb;
  auto lease = ThreadPool::global().acquire(work < (1 << 20) ? 1 : static_cast<int>(na));
  lease.run(na, [&](int64_t i, int) {
    std::vector<double> tmp(2 * nb);
    double* acc = out + i * nb;
    std::fill(acc, acc + nb, 0.0);
    accumulate_line(kind, delta, S0, S1, S2, N, C, y, a[i], bs, nb, acc, tmp);
    for (int64_t j = 0; j < nb; ++j) acc[j] /= static_cast<double>(N);
  });
}

template <typename T>
void candidate_losses(LossKind kind, double delta, const T* S, int64_t N, int64_t K, int64_t C, const int32_t* y,
                      double* out) {
  if (N < 1 || C < 1) throw std::invalid_argument("empty scores");
  check_labels(y, N, C);
  auto lease = ThreadPool::global().acquire(N * K * C < (1 << 20) ? 1 : static_cast<int>(K));
  lease.run(K, [&](int64_t k, int) {
    double loss = 0, correct = 0;
    for (int64_t r = 0; r < N; ++r) {
      const T* s = S + r * K * C + k * C;
      const int32_t yr = y[r];
      if (kind == LossKind::Svm) {
        for (int64_t c = 0; c < C; ++c)
          if (c != yr) loss += std::max(0.0, static_cast<double>(s[c]) - static_cast<double>(s[yr]) + delta);
      } else {
        const double mx = *std::max_element(s, s + C);
        double sum = 0;
        for (int64_t c = 0; c < C; ++c) sum += std::exp(static_cast<double>(s[c]) - mx);
        loss += std::log(sum) + mx - static_cast<double>(s[yr]);
      }
      correct += (std::max_element(s, s + C) - s) == yr;
    }
    out[2 * k] = loss / static_cast<double>(N);
    out[2 * k + 1] = correct / static_cast<double>(N);
  });
}

#define SVM_INSTANTIATE(T)                                                                                          \
  template void loss_grid<T>(LossKind, double, const T*, const T*, const T*, int64_t, int64_t, const int32_t*,     \
                             const double*, int64_t, const double*, int64_t, double*);                             \
  template void candidate_losses<T>(LossKind, double, const T*, int64_t, int64_t, int64_t, const int32_t*, double*);
SVM_INSTANTIATE(float)
SVM_INSTANTIATE(double)
#undef SVM_INSTANTIATE

}  // namespace svm
