// Pieces both strategies of the fused loss (row_shards.cc, column_split.cc) share: blocking constants,
// per-row loss and coefficients, row validation, ΣW².
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

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

// Columns per scores window: the slice of the panels it reads (C × window, at most `bytes`) stays in
// L1 while every row pair of a block streams past it.
template <typename T>
int64_t window_columns(int64_t C, int64_t bytes = kWindowBytes) {
  constexpr int64_t L = simd::Vec<T>::width;
  return std::max<int64_t>(kMinWindowSteps * L, bytes / (C * static_cast<int64_t>(sizeof(T))) / L * L);
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
// for a finite score and NaN otherwise, and NaN != 0.
template <typename T>
bool any_non_finite(const T* s, int64_t C) {
  double poison = 0;
  for (int64_t c = 0; c < C; ++c) poison += static_cast<double>(s[c]) - static_cast<double>(s[c]);
  return poison != 0;
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

#if defined(__AVX512F__)
// The SVM case of score_row for a float row of at most 16 classes, all of them in one register:
// the same numbers as the scalar code (margins in double, their sum in class order, the first
// maximum for accuracy) in ~40 instructions instead of a branch per class. A block's rows go
// through this between the two halves of every step. Returns false, having done nothing, when a
// score is not finite (the scalar code then makes the loss NaN).
inline bool svm_row_simd(const float* s, int32_t yi, int64_t C, double delta, float* coef, double* stats) {
  typedef float f16 __attribute__((vector_size(64)));
  typedef double d8 __attribute__((vector_size(64)));
  const __mmask16 lanes = static_cast<__mmask16>((1u << C) - 1);
  const __m512 v = _mm512_maskz_loadu_ps(lanes, s);
  // v − v is 0 exactly where v is finite (and in the zeroed lanes past C).
  if (_mm512_cmp_ps_mask(_mm512_sub_ps(v, v), _mm512_setzero_ps(), _CMP_EQ_OQ) != 0xFFFF) return false;
  const f16 f = reinterpret_cast<const f16&>(v);
  const d8 sy = static_cast<double>(s[yi]) - d8{}, dl = delta - d8{};
  const d8 lo = __builtin_convertvector(__builtin_shufflevector(f, f, 0, 1, 2, 3, 4, 5, 6, 7), d8) - sy + dl;
  const d8 hi = __builtin_convertvector(__builtin_shufflevector(f, f, 8, 9, 10, 11, 12, 13, 14, 15), d8) - sy + dl;
  const unsigned others = lanes & ~(1u << yi);
  const __m512d zero = _mm512_setzero_pd(), mlo = reinterpret_cast<const __m512d&>(lo),
                mhi = reinterpret_cast<const __m512d&>(hi);
  const __mmask8 vlo = _mm512_mask_cmp_pd_mask(static_cast<__mmask8>(others), mlo, zero, _CMP_GT_OQ);
  const __mmask8 vhi = _mm512_mask_cmp_pd_mask(static_cast<__mmask8>(others >> 8), mhi, zero, _CMP_GT_OQ);
  const __mmask16 violated = static_cast<__mmask16>(vlo | (static_cast<unsigned>(vhi) << 8));
  alignas(64) double margin[16];
  _mm512_store_pd(margin, _mm512_maskz_mov_pd(vlo, mlo));
  _mm512_store_pd(margin + 8, _mm512_maskz_mov_pd(vhi, mhi));
  double loss = 0;  // in class order, + 0 for a satisfied margin: the scalar code's sum, bit for bit
  for (int64_t c = 0; c < C; ++c) loss += margin[c];
  const int count = __builtin_popcount(violated);
  _mm512_mask_storeu_ps(coef, lanes, _mm512_maskz_mov_ps(violated, _mm512_set1_ps(1.0f)));
  coef[yi] = static_cast<float>(-count);
  // std::max_element's answer: the first of the largest scores (−0 and +0 count as equal there too).
  const __m512 candidates = _mm512_mask_mov_ps(_mm512_set1_ps(-INFINITY), lanes, v);
  f16 m = reinterpret_cast<const f16&>(candidates);
  auto larger = [](f16 a, f16 b) { return a > b ? a : b; };
  m = larger(m, __builtin_shufflevector(m, m, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
  m = larger(m, __builtin_shufflevector(m, m, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11));
  m = larger(m, __builtin_shufflevector(m, m, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
  m = larger(m, __builtin_shufflevector(m, m, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));
  const unsigned at = _mm512_mask_cmp_ps_mask(lanes, v, _mm512_set1_ps(m[0]), _CMP_EQ_OQ);
  stats[0] += loss;
  stats[1] += count;
  stats[2] += static_cast<int32_t>(__builtin_ctz(at)) == yi;
  return true;
}
#endif

// Adds one row's loss, coefficients and stats (data loss, violated margins, correct) to stats.
template <typename T>
void score_row(LossKind kind, const T* s, int32_t yi, int64_t C, double delta, T* coef, double* stats) {
#if defined(__AVX512F__)
  if constexpr (std::is_same_v<T, float>)
    if (kind == LossKind::Svm && C <= 16 && svm_row_simd(s, yi, C, delta, coef, stats)) return;
#endif
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
