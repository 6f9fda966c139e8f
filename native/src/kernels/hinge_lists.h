// The hinge loss's gradient by class lists (list_update_window in tiles.h runs them): a block's rows
// packed per class, a row with most classes violated fused (added to column sums once, then to its
// label's column and its few satisfied classes), and the per-block choice between these lists and
// the dense class tile. Used by both strategies of the fused loss (column_split.cc, row_shards.cc).
#pragma once

#include <cstdint>

#include "kernels/linear_loss.h"
#include "kernels/loss_common.h"
#include "kernels/simd.h"

namespace svm::loss {

// The class lists of list_update_window (tiles.h) for a block of nb hinge rows over all C classes
// (coefficients 1 for a violated class, −count for the label, 0 elsewhere; C ≤ kMaxClassTile). Each
// row takes the cheaper of two forms: as it is, its count + 1 nonzero classes; or fused, its label
// at −count − 1 and −1 for each satisfied class (C − count entries), the row itself added to the
// column sums once. A satisfied row adds nothing. Class k's entries go to [start[k], start[k + 1]),
// the fused one first (fused[k] of them), rows in block order within each; their coefficients to
// packed, and record(e, i) is called for entry e of block row i. Returns the number of entries
// (at most ⌈(C + 1) / 2⌉ a row); *active gets the number of rows with a violated class.
template <typename T, typename Record>
int pack_lists(const T* coef, const int32_t* labels, int64_t C, int nb, T* packed, int* start, int* fused,
               int* active, Record record) {
  int count[kBlockRows], entries[simd::kMaxClassTile] = {}, next[simd::kMaxClassTile], plain[simd::kMaxClassTile];
  for (int k = 0; k < C; ++k) fused[k] = 0;
  for (int i = 0; i < nb; ++i) {
    const T* m = coef + i * C;
    const int32_t yi = labels[i];
    int violated = 0;
    for (int64_t k = 0; k < C; ++k) violated += k != yi && m[k] != 0;
    count[i] = violated;
    if (!violated) continue;
    if (2 * violated + 1 <= C) {
      for (int64_t k = 0; k < C; ++k) entries[k] += m[k] != 0;
    } else {
      ++fused[yi];
      for (int64_t k = 0; k < C; ++k) entries[k] += k == yi || m[k] == 0;
    }
  }
  *active = 0;
  for (int i = 0; i < nb; ++i) *active += count[i] != 0;
  start[0] = 0;
  for (int k = 0; k < C; ++k) {
    start[k + 1] = start[k] + entries[k];
    next[k] = start[k];
    plain[k] = start[k] + fused[k];
  }
  for (int i = 0; i < nb; ++i) {
    if (!count[i]) continue;
    const T* m = coef + i * C;
    const int32_t yi = labels[i];
    if (2 * count[i] + 1 <= C) {
      for (int64_t k = 0; k < C; ++k)
        if (m[k] != 0) packed[plain[k]] = m[k], record(plain[k]++, i);
    } else {
      packed[next[yi]] = m[yi] - 1, record(next[yi]++, i);
      for (int64_t k = 0; k < C; ++k)
        if (k != yi && m[k] == 0) packed[plain[k]] = T(-1), record(plain[k]++, i);
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
