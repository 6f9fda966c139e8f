// The hinge loss's gradient by class lists (list_update_window in tiles.h runs them): a block's rows
// packed per class, a row with most classes violated fused (added to column sums once, then to its
// label's column and its few satisfied classes), and the per-block choice between these lists and
// the dense class tile. Used by both strategies of the fused loss (column_split.cc, row_shards.cc).
#pragma once

#include <cstdint>
#include <type_traits>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include "kernels/linear_loss.h"
#include "kernels/loss_common.h"
#include "kernels/simd.h"

namespace svm::loss {

// Bit k set where m[k] != 0 (NaN too), for k < C ≤ 32: one masked compare where a row of
// coefficients fits one AVX-512 register.
template <typename T>
inline uint32_t nonzero_classes(const T* m, int64_t C) {
#if defined(__AVX512F__)
  if constexpr (std::is_same_v<T, float>) {
    if (C <= 16) {
      const __mmask16 lanes = static_cast<__mmask16>((1u << C) - 1);
      return _mm512_cmp_ps_mask(_mm512_maskz_loadu_ps(lanes, m), _mm512_setzero_ps(), _CMP_NEQ_UQ);
    }
  } else if (C <= 8) {
    const __mmask8 lanes = static_cast<__mmask8>((1u << C) - 1);
    return _mm512_cmp_pd_mask(_mm512_maskz_loadu_pd(lanes, m), _mm512_setzero_pd(), _CMP_NEQ_UQ);
  }
#endif
  uint32_t nonzero = 0;
  for (int64_t k = 0; k < C; ++k) nonzero |= static_cast<uint32_t>(m[k] != 0) << k;
  return nonzero;
}

// The class lists of list_update_window (tiles.h) for a block of nb hinge rows over all C classes
// (coefficients 1 for a violated class, −count for the label, 0 elsewhere; C ≤ kMaxClassTile). Each
// row takes the cheaper of two forms: as it is, its count + 1 nonzero classes; or fused, its label
// at −count − 1 and −1 for each satisfied class (C − count entries), the row itself added to the
// column sums once. A satisfied row adds nothing. Class k's entries go to [start[k], start[k + 1]),
// the fused one first (fused[k] of them), rows in block order within each; their coefficients to
// packed, and record(e, i) is called for entry e of block row i. Returns the number of entries
// (at most ⌈(C + 1) / 2⌉ a row); *active gets the number of rows with a violated class.
//
// Each row's entries are a bit mask of classes, walked bit by bit. A test per class and row, as
// the first version made, took ~1.7 µs a block of CIFAR's batch (32 rows, C = 10), ~6% of the
// step's time beside the kernels; this form ~0.5 µs.
template <typename T, typename Record>
int pack_lists(const T* coef, const int32_t* labels, int64_t C, int nb, T* packed, int* start, int* fused,
               int* active, Record record) {
  static_assert(simd::kMaxClassTile <= 32, "a row's classes are one 32-bit mask");
  uint32_t mask[kBlockRows];
  bool fuse[kBlockRows];
  int entries[simd::kMaxClassTile] = {}, next[simd::kMaxClassTile], plain[simd::kMaxClassTile];
  const uint32_t all = C == 32 ? ~0u : (1u << C) - 1;
  for (int k = 0; k < C; ++k) fused[k] = 0;
  *active = 0;
  for (int i = 0; i < nb; ++i) {
    const T* m = coef + i * C;
    const uint32_t nonzero = nonzero_classes(m, C), violated = nonzero & ~(1u << labels[i]);
    const int count = __builtin_popcount(violated);
    fuse[i] = 2 * count + 1 > static_cast<int>(C);
    // As it is: its nonzero classes (the violated ones and the label, at −count). Fused: the label
    // and the satisfied classes.
    mask[i] = !count ? 0 : fuse[i] ? all & ~violated : nonzero;
    *active += count != 0;
    fused[labels[i]] += count != 0 && fuse[i];
    for (uint32_t bits = mask[i]; bits; bits &= bits - 1) ++entries[__builtin_ctz(bits)];
  }
  start[0] = 0;
  for (int k = 0; k < C; ++k) {
    start[k + 1] = start[k] + entries[k];
    next[k] = start[k];
    plain[k] = start[k] + fused[k];
  }
  for (int i = 0; i < nb; ++i) {
    const T* m = coef + i * C;
    const int32_t yi = labels[i];
    for (uint32_t bits = mask[i]; bits; bits &= bits - 1) {
      const int k = __builtin_ctz(bits);
      if (!fuse[i]) {
        packed[plain[k]] = m[k], record(plain[k]++, i);
      } else if (k == yi) {
        packed[next[k]] = m[k] - 1, record(next[k]++, i);
      } else {
        packed[plain[k]] = T(-1), record(plain[k]++, i);
      }
    }
  }
  return start[C];
}

// Whether a call's blocks may take their gradient by class lists: a hinge loss whose classes fit one
// class tile (pack_lists's contract).
template <typename T>
bool hinge_lists(const LossInput<T>& in) {
  return in.kind == LossKind::Svm && in.C <= simd::kMaxClassTile;
}

// Whether a block's hinge gradient is cheaper by its class lists (entries of pack_lists) than by the
// dense class tile (each active row times all C classes). Per row and column step, measured on cached
// rows: an entry ~5.5 cycles, a dense row ~C + 4 (list_update_window's comment has the figures).
inline bool lists_pay(int entries, int active, int64_t C) {
  return 11 * static_cast<int64_t>(entries) < (2 * C + 8) * active;
}

// A column-split worker's class lists (column_split.cc), when the classes fit one tile: the current
// block's lists (where each class's entries start, how many of them also add their row to the column sums),
// whether the block goes by them, and whether any block of the call has (then the column sums hold
// something, and the gradient's finish adds them). Every worker makes the same choices: they depend
// on the coefficients only.
struct HingeLists {
  int start[simd::kMaxClassTile + 1] = {};
  int fused[simd::kMaxClassTile] = {};
  bool chosen = false, sums_live = false;
};

}  // namespace svm::loss
