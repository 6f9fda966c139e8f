#include "kernels/loss_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/fast_math.h"
#include "kernels/loss_common.h"
#include "kernels/thread_pool.h"

namespace svm {

namespace {

void check_labels(const int32_t* y, int64_t N, int64_t C) {
  for (int64_t i = 0; i < N; ++i)
    if (y[i] < 0 || y[i] >= C)
      throw std::out_of_range("label " + std::to_string(y[i]) + " of row " + std::to_string(i) + " is outside [0, " +
                              std::to_string(C) + ")");
}

// One row's softmax loss at every point b_j (nb a multiple of 8), added into acc: shift by the
// per-point maximum, exponentiate, log — exact, 8 points at a time.
inline void softmax_row_exact(const double* base, const double* slope, int64_t C, int32_t yr, const double* b,
                              int64_t nb, double* acc) {
  using fast::VD;
  for (int64_t j = 0; j < nb; j += 8) {
    const VD bj = simd::load(b + j);
    VD mx = base[0] + slope[0] * bj;
    for (int64_t c = 1; c < C; ++c) mx = fast::vmax(mx, base[c] + slope[c] * bj);
    VD sum = simd::splat(0.0);
    for (int64_t c = 0; c < C; ++c) sum += fast::vexp(base[c] + slope[c] * bj - mx);
    simd::store(acc + j, simd::load(acc + j) + fast::vlog(sum) + mx - (base[yr] + slope[yr] * bj));
  }
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
      softmax_row_exact(base.data(), slope.data(), C, yr, b, nb, acc);
    }
  }
}

// Softmax along a line of evenly spaced points b_j = b_0 + j·step, without an exponential per
// point: with one shift M per row (the largest score over the line, reached at an end since
// scores are linear in b), e^{s_c(b_j) − M} is a geometric sequence in j, so each block of 8
// points is the previous block times e^{8·step·slope_c}. The per-point logarithms become one
// running product per point (renormalized every row through its exponent bits) and one log at
// the end. Rows whose classes spread more than 600 (e^-600 would underflow the sequence) take the
// exact path. g8 holds e^{step·slope_c·(0…7)} and r8 e^{8·step·slope_c}, per row and class.
template <typename T>
void softmax_line_uniform(const T* S0, const T* S1, const T* S2, int64_t N, int64_t C, const int32_t* y, double a,
                          const double* b, int64_t len, int64_t valid, const double* g8, const double* r8,
                          double* acc) {
  using fast::VD;
  using fast::VI;
  const int64_t blocks = len / 8;
  std::vector<VD> P(blocks, simd::splat(1.0)), Ex(blocks, simd::splat(0.0)), E(C);
  std::vector<double> base(C), slope(C), e0(C), exact(len, 0.0);
  const double b0 = b[0], blast = b[valid - 1];
  double A = 0, B = 0;  // Σ_r (M_r − base_y), Σ_r slope_y: the −s_y(b_j) + M terms, linear in b
  for (int64_t r = 0; r < N; ++r) {
    const int64_t o = r * C;
    const int32_t yr = y[r];
    double hi = -INFINITY, lo = INFINITY;
    for (int64_t c = 0; c < C; ++c) {
      base[c] = static_cast<double>(S0[o + c]) + a * static_cast<double>(S1[o + c]);
      slope[c] = static_cast<double>(S2[o + c]);
      const double s0 = base[c] + slope[c] * b0, s1 = base[c] + slope[c] * blast;
      hi = std::max(hi, std::max(s0, s1));
      lo = std::min(lo, std::min(s0, s1));
    }
    if (!(lo - hi >= -600.0)) {
      softmax_row_exact(base.data(), slope.data(), C, yr, b, len, exact.data());
      continue;
    }
    for (int64_t c = 0; c < C; c += 8) {
      VD v = simd::splat(-708.0);
      for (int64_t k = 0; k < 8 && c + k < C; ++k) v[k] = base[c + k] + slope[c + k] * b0 - hi;
      const VD e = fast::vexp(v);
      for (int64_t k = 0; k < 8 && c + k < C; ++k) e0[c + k] = e[k];
    }
    for (int64_t c = 0; c < C; ++c) E[c] = e0[c] * simd::load(g8 + (o + c) * 8);
    for (int64_t k = 0; k < blocks; ++k) {
      VD sum = E[0];
      E[0] *= r8[o];
      for (int64_t c = 1; c < C; ++c) {
        sum += E[c];
        E[c] *= r8[o + c];
      }
      // P ← P·sum, then split off P's exponent so it stays in [1, 2).
      const VI bits = (VI)(P[k] * sum);
      Ex[k] += __builtin_convertvector(((bits >> 52) & 0x7ff) - 1023, VD);
      P[k] = (VD)((bits & 0x000fffffffffffffLL) | (1023LL << 52));
    }
    A += hi - base[yr];
    B += slope[yr];
  }
  for (int64_t k = 0; k < blocks; ++k) {
    const VD logs = fast::vlog(P[k]) + Ex[k] * 0.6931471805599453;
    for (int64_t l = 0; l < 8; ++l) {
      const int64_t j = k * 8 + l;
      if (j < valid) acc[j] += logs[l] + A - B * b[j] + exact[j];
    }
  }
}

// Whether the points are evenly spaced (within rounding), and their step.
bool uniform_spacing(const double* p, int64_t n, double* step) {
  if (n < 2) return false;
  *step = (p[n - 1] - p[0]) / static_cast<double>(n - 1);
  const double tol = 1e-12 * (std::abs(p[0]) + std::abs(p[n - 1])) + 1e-300;
  for (int64_t j = 0; j < n; ++j)
    if (std::abs(p[j] - (p[0] + static_cast<double>(j) * *step)) > tol) return false;
  return *step != 0.0;
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
  // Softmax on an evenly spaced grid (every slice) takes the geometric-sequence path; it needs
  // e^{step·slope·(0…7)} and e^{8·step·slope} for every row and class, computed once here.
  double step = 0;
  const bool geometric = kind == LossKind::Softmax && uniform_spacing(pts, npts, &step);
  std::vector<double> g8, r8;
  if (geometric) {
    g8.resize(N * C * 8);
    r8.resize(N * C);
    fast::VD lane;
    for (int l = 0; l < 8; ++l) lane[l] = l * step;
    for (int64_t k = 0; k < N * C; ++k) {
      const double sl = static_cast<double>(along[k]);
      simd::store(g8.data() + k * 8, fast::vexp(sl * lane));
      r8[k] = std::exp(8.0 * step * sl);
    }
  }
  const double work = static_cast<double>(N) * C * lines * padded;
  auto lease = ThreadPool::global().acquire(work < (1 << 20) ? 1 : static_cast<int>(lines * chunks));
  lease.run(lines * chunks, [&](int64_t task, int) {
    const int64_t i = task / chunks, j0 = (task % chunks) * chunk, len = std::min(chunk, padded - j0);
    const int64_t valid = std::min(len, npts - j0);
    const double ai = line ? 0.0 : a[i];
    std::vector<double> acc(len, 0.0);
    if (geometric && valid >= 2)
      softmax_line_uniform(S0, S1, along, N, C, y, ai, ppad.data() + j0, len, valid, g8.data(), r8.data(), acc.data());
    else
      accumulate_line(kind, delta, S0, S1, along, N, C, y, ai, ppad.data() + j0, len, acc.data());
    for (int64_t j = 0; j < valid; ++j) out[i * npts + j0 + j] = acc[j] / static_cast<double>(N);
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
      // As in row_loss: a NaN/Inf score (an overflowed candidate) makes the loss NaN, where the
      // hinge's max(0, ·) would drop it (an infinite right-class score scores a perfect 0).
      if (svm::loss::any_non_finite(s, C)) {
        loss = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
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
