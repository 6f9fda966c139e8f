// Pieces both strategies of the fused loss (row_shards.cc, column_split.cc) share: blocking constants,
// per-row loss and coefficients, row validation, ΣW².
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "kernels/linear_loss.h"
#include "kernels/simd.h"

namespace svm::loss {

// Rows per block. 32 rows of CIFAR (3073 floats) are 393 KB: with the next block arriving that is
// under half of a 2 MB L2. Measured: 16 is as fast, 48 and 64 are slower (the X block and the
// prefetched one start to evict each other and dW).
constexpr int64_t kBlockRows = 32;
// Bytes of W (C classes × window columns) a scores window keeps in L1 (48 KB here) next to the 32
// rows' slices streaming through. 8–24 KB measured alike; 12 KB leaves room on 32 KB L1s.
constexpr int64_t kWindowBytes = 12 << 10;
// …but at least this many vector steps, or with many classes each kernel call would spend more on
// loading and storing its partial sums than on the window; W is then served from L2 (C = 100:
// one-step windows measured 2.7× slower than eight-step ones).
constexpr int64_t kMinWindowSteps = 8;
constexpr int kStats = 3;  // data loss, violated margins, correct rows

// Columns per scores window: the slice of the panels it reads (C × window) stays in L1 while every
// row pair of a block streams past it.
template <typename T>
int64_t window_columns(int64_t C) {
  constexpr int64_t L = simd::Vec<T>::width;
  return std::max<int64_t>(kMinWindowSteps * L, kWindowBytes / (C * static_cast<int64_t>(sizeof(T))) / L * L);
}

// Σ v² in double. Lane-parallel partial sums: one running sum would be a chain of dependent adds
// (~4 cycles each, tens of µs for CIFAR's W); the order is fixed by the code, not the thread count.
template <typename T>
double sum_squares(const T* v, int64_t n) {
  double sq = 0;
#pragma omp simd reduction(+ : sq)
  for (int64_t i = 0; i < n; ++i) sq += static_cast<double>(v[i]) * static_cast<double>(v[i]);
  return sq;
}

[[noreturn]] inline void throw_label(int64_t row, int32_t label, int64_t C) {
  throw std::out_of_range("label " + std::to_string(label) + " of row " + std::to_string(row) +
                          " is outside [0, " + std::to_string(C) + ")");
}

// Row pointers and labels of positions [begin, end) of the problem, validated. Returns the count.
template <typename T>
int gather(const LossInput<T>& in, int64_t begin, int64_t end, const T** xs, int32_t* labels) {
  const int n = static_cast<int>(end - begin);
  for (int b = 0; b < n; ++b) {
    const int64_t i = begin + b;
    const int64_t row = in.batch ? in.batch[i] : i;
    if (row < 0 || row >= in.rows_total)
      throw std::out_of_range("batch index " + std::to_string(row) + " at position " + std::to_string(i) +
                              " is outside [0, " + std::to_string(in.rows_total) + ")");
    const int32_t label = in.y[row];
    if (label < 0 || label >= in.C) throw_label(row, label, in.C);
    xs[b] = in.X + row * in.D;
    labels[b] = label;
  }
  return n;
}

// Whether any of a row's C scores is NaN or ±Inf, in one pass without a branch per score: s − s is 0
// for a finite score and NaN otherwise.
template <typename T>
bool any_non_finite(const T* s, int64_t C) {
  double poison = 0;
  for (int64_t c = 0; c < C; ++c) poison += static_cast<double>(s[c]) - static_cast<double>(s[c]);
  return poison != 0 || poison != poison;
}

// Per-row loss and gradient coefficients: coef[c] = ∂L_i/∂s_c (before the 1/N).
template <typename T>
double row_loss(LossKind kind, const T* s, int32_t yi, int64_t C, double delta, T* coef, double* violated) {
  // A NaN/Inf score (bad input, overflow) makes the loss NaN instead of being skipped by a
  // comparison that is false for NaN.
  if (any_non_finite(s, C)) {
    std::fill(coef, coef + C, T(0));
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (kind == LossKind::Svm) {
    const T sy = s[yi];
    int count = 0;
    double loss = 0;
    for (int64_t c = 0; c < C; ++c) {
      if (c == yi) continue;
      const double margin = static_cast<double>(s[c]) - static_cast<double>(sy) + delta;
      if (margin > 0) {  // CS231n's subgradient: the kink itself counts as satisfied
        loss += margin;
        coef[c] = 1;
        ++count;
      } else {
        coef[c] = 0;
      }
    }
    coef[yi] = static_cast<T>(-count);
    *violated += count;
    return loss;
  }
  T mx = s[0];
  for (int64_t c = 1; c < C; ++c) mx = std::max(mx, s[c]);
  double sum = 0;
  for (int64_t c = 0; c < C; ++c) {
    coef[c] = std::exp(s[c] - mx);
    sum += coef[c];
  }
  const T inv = static_cast<T>(1.0 / sum);
  for (int64_t c = 0; c < C; ++c) coef[c] *= inv;
  coef[yi] -= 1;
  return std::log(sum) - (static_cast<double>(s[yi]) - static_cast<double>(mx));
}

// Adds one row's loss, coefficients and stats (data loss, violated margins, correct) to stats.
template <typename T>
void score_row(LossKind kind, const T* s, int32_t yi, int64_t C, double delta, T* coef, double* stats) {
  stats[0] += row_loss(kind, s, yi, C, delta, coef, &stats[1]);
  stats[2] += (std::max_element(s, s + C) - s) == yi;
}

// Packs the rows of a block that have a nonzero coefficient in classes [k0, k0 + cs) — the only rows
// a gradient step over that class tile needs (a satisfied SVM row adds nothing): their coefficients
// side by side in packed, and record(i, b) called for the i-th packed row, block row b, so callers
// keep whatever pointers they need. Returns how many rows were packed.
template <typename T, typename Record>
int pack_active(const T* coef, int64_t C, int k0, int cs, int nb, T* packed, Record record) {
  int active = 0;
  for (int b = 0; b < nb; ++b) {
    const T* m = coef + b * C + k0;
    bool any = false;
    for (int k = 0; k < cs; ++k) any |= m[k] != 0;
    if (!any) continue;
    std::copy(m, m + cs, packed + active * cs);
    record(active++, b);
  }
  return active;
}

}  // namespace svm::loss
