// The two inner loops every linear-classifier kernel is built from, for a tile of CT classes held in
// registers: scores of one row against CT columns of W, and a rank-update of CT rows of the
// transposed gradient. W is kept transposed (C × Dp, rows zero-padded to a multiple of the vector
// width) so both loops read it contiguously.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "kernels/simd.h"

namespace svm::tiles {

using simd::load;
using simd::splat;
using simd::store;
using simd::Vec;
using simd::vec_t;

template <typename T>
inline int64_t padded(int64_t D) {
  constexpr int64_t L = Vec<T>::width;
  return (D + L - 1) / L * L;
}

// out[k] = x · Wt[k] for k < CT (Wt points at the tile's first class row, rows Dp apart).
template <typename T, int CT>
void scores(const T* x, const T* Wt, int64_t D, int64_t Dp, T* out) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  V acc[CT];
  for (int k = 0; k < CT; ++k) acc[k] = V{};
  const int64_t Dv = D / L * L;
  for (int64_t d = 0; d < Dv; d += L) {
    const V xv = load(x + d);
    for (int k = 0; k < CT; ++k) acc[k] += xv * load(Wt + k * Dp + d);
  }
  for (int k = 0; k < CT; ++k) {
    T s = simd::hsum<T>(acc[k]);
    for (int64_t d = Dv; d < D; ++d) s += x[d] * Wt[k * Dp + d];
    out[k] = s;
  }
}

// dWt[k] += Σ_b coef[b·CT + k] · xs[b] for k < CT (dWt points at the tile's first row).
template <typename T, int CT>
void rank_update(const T* const* xs, const T* coef, int n, int64_t D, int64_t Dp, T* dWt) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  const int64_t Dv = D / L * L;
  for (int64_t d = 0; d < Dv; d += L) {
    V acc[CT];
    for (int k = 0; k < CT; ++k) acc[k] = load(dWt + k * Dp + d);
    for (int b = 0; b < n; ++b) {
      const V xv = load(xs[b] + d);
      const T* m = coef + b * CT;
      for (int k = 0; k < CT; ++k) acc[k] += splat(m[k]) * xv;
    }
    for (int k = 0; k < CT; ++k) store(dWt + k * Dp + d, acc[k]);
  }
  for (int64_t d = Dv; d < D; ++d)
    for (int b = 0; b < n; ++b)
      for (int k = 0; k < CT; ++k) dWt[k * Dp + d] += coef[b * CT + k] * xs[b][d];
}

// Runtime tile size → compile-time template instance.
template <typename T>
using ScoresFn = void (*)(const T*, const T*, int64_t, int64_t, T*);
template <typename T>
using RankUpdateFn = void (*)(const T* const*, const T*, int, int64_t, int64_t, T*);

template <typename T>
ScoresFn<T> scores_for(int ct) {
  switch (ct) {
#define SVM_TILE_CASE(n) \
  case n:                \
    return &scores<T, n>;
    SVM_TILE_CASE(1) SVM_TILE_CASE(2) SVM_TILE_CASE(3) SVM_TILE_CASE(4) SVM_TILE_CASE(5) SVM_TILE_CASE(6)
#if defined(__AVX512F__)
    SVM_TILE_CASE(7) SVM_TILE_CASE(8) SVM_TILE_CASE(9) SVM_TILE_CASE(10) SVM_TILE_CASE(11) SVM_TILE_CASE(12)
#endif
#undef SVM_TILE_CASE
    default:
      throw std::logic_error("class tile size out of range");
  }
}

template <typename T>
RankUpdateFn<T> rank_update_for(int ct) {
  switch (ct) {
#define SVM_TILE_CASE(n) \
  case n:                \
    return &rank_update<T, n>;
    SVM_TILE_CASE(1) SVM_TILE_CASE(2) SVM_TILE_CASE(3) SVM_TILE_CASE(4) SVM_TILE_CASE(5) SVM_TILE_CASE(6)
#if defined(__AVX512F__)
    SVM_TILE_CASE(7) SVM_TILE_CASE(8) SVM_TILE_CASE(9) SVM_TILE_CASE(10) SVM_TILE_CASE(11) SVM_TILE_CASE(12)
#endif
#undef SVM_TILE_CASE
    default:
      throw std::logic_error("class tile size out of range");
  }
}

// Splits C classes into the fewest tiles of at most kMaxClassTile, sizes as equal as possible.
struct ClassTiles {
  explicit ClassTiles(int64_t C)
      : count(static_cast<int>((C + simd::kMaxClassTile - 1) / simd::kMaxClassTile)),
        base(static_cast<int>(C / count)),
        extra(static_cast<int>(C % count)) {}
  int size(int t) const { return base + (t < extra ? 1 : 0); }
  int start(int t) const { return t * base + (t < extra ? t : extra); }
  int count, base, extra;
};

// Wt (C × Dp) = Wᵀ with zero padding.
template <typename T>
void transpose_padded(const T* W, int64_t D, int64_t C, int64_t Dp, T* Wt) {
  for (int64_t c = 0; c < C; ++c) {
    T* row = Wt + c * Dp;
    for (int64_t d = 0; d < D; ++d) row[d] = W[d * C + c];
    for (int64_t d = D; d < Dp; ++d) row[d] = 0;
  }
}

}  // namespace svm::tiles
