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
                     const int32_t* y, double a, const double* b, int64_t nb, double* acc) {
  std::vector<double> base(C), slope(C);
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
        for (int64_t j = 0; j < nb; ++j) {
          const double v = alpha + beta * b[j];
          acc[j] += v > 0.0 ? v : 0.0;
        }
      }
    } else {
      // Vectors of 8 grid points at a time (b and the scratch are padded to a multiple of 8).
      using fast::VD;
      const double by = base[yr], sy = slope[yr];
      for (int64_t j = 0; j < nb; j += 8) {
        const VD bj = simd::load(b + j);
        VD mx = base[0] + slope[0] * bj;
        for (int64_t c = 1; c < C; ++c) mx = fast::vmax(mx, base[c] + slope[c] * bj);
        VD sum = simd::splat(0.0);
        for (int64_t c = 0; c < C; ++c) sum += fast::vexp(base[c] + slope[c] * bj - mx);
        simd::store(acc + j, simd::load(acc + j) + fast::vlog(sum) + mx - (by + sy * bj));
      }
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
  // A 1-D slice is one line of the 2-D machinery: its a values play the role of b along S1.
  const bool line = S2 == nullptr;
  const T* along = line ? S1 : S2;
  const double* pts = line ? a : b;
  const int64_t npts = line ? na : nb, lines = line ? 1 : na;
  // Grid points go in vectors of 8: pad (repeating the last point) to a multiple of 8. Each task
  // takes one line (2-D) or a run of points (1-D).
  const int64_t padded = (npts + 7) / 8 * 8;
  std::vector<double> ppad(padded, pts[npts - 1]);
  std::copy(pts, pts + npts, ppad.begin());
  const int64_t chunk = line ? 64 : padded;
  const int64_t chunks = (padded + chunk - 1) / chunk;
  const double work = static_cast<double>(N) * C * lines * padded;
  auto lease = ThreadPool::global().acquire(work < (1 << 20) ? 1 : static_cast<int>(lines * chunks));
  lease.run(lines * chunks, [&](int64_t task, int) {
    const int64_t i = task / chunks, j0 = (task % chunks) * chunk, len = std::min(chunk, padded - j0);
    std::vector<double> acc(len, 0.0);
    accumulate_line(kind, delta, S0, S1, along, N, C, y, line ? 0.0 : a[i], ppad.data() + j0, len, acc.data());
    for (int64_t j = 0; j < len && j0 + j < npts; ++j) out[i * npts + j0 + j] = acc[j] / static_cast<double>(N);
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
