// The fused loss's internal entry: W and its gradient in panels (tiles.h), so a training loop can
// keep them there for a whole chunk (the optimizer's update is elementwise, so it runs on panels as
// well) instead of converting both ways every step. loss_and_grad wraps it for row-major callers.
//
// Two strategies, chosen from the problem size only (so results are bit-for-bit the same on any
// number of threads):
// - row shards (row_shards.cc) for many rows: each shard of rows accumulates its own gradient,
//   summed in shard order at the end;
// - column split (column_split.cc) for a mini-batch: each part owns a range of columns, computes
//   partial scores of every row there and, once the loss coefficients are known, (mostly) its own
//   columns of the gradient: each core reads only its columns of the rows, and there is nothing to
//   clear or sum. The gradient's columns shift between cores with their timing, never its bits.
#pragma once

#include <cstdint>
#include <functional>

#include "kernels/linear_loss.h"

namespace svm {

// Work on a range [begin, end) of elements of the panels.
using RangeFn = std::function<void(int64_t begin, int64_t end)>;

// Loss over the rows of `in` (in.W is not read: Wp is W in panels, C × Dp) and, when Gp is not null,
// the whole gradient (data term and 2·reg·W) in panels, with its squared norm in *grad_sq.
// `before`, when not null, runs over ranges covering the C × Dp elements once, before any of them
// is read, each range by the thread that then reads those columns of Wp (so the work is split
// across threads and leaves W in that thread's cache): a training loop applies the previous step's
// update there. It may write Wp (and Gp, which is written afterwards anyway).
// `next`, when not null, holds the batch indices of the next call on this workspace (in.batch_size
// of them): the last blocks' work streams in the first of those rows, so that call does not start
// by waiting on memory.
template <typename T>
LossStats panel_loss_and_grad(const LossInput<T>& in, const T* Wp, T* Gp, double* grad_sq, LossWorkspace<T>& ws,
                              const RangeFn* before = nullptr, const int32_t* next = nullptr);

namespace loss {

// Column parts for a problem of n rows (0: use row shards). Depends on the size only.
int64_t column_parts(int64_t n, int64_t D, int64_t C, int64_t width);

// stats receives data loss, violated margins, correct rows (sums); reg_sq ΣW²; grad_sq ΣG².
template <typename T>
void column_split(const LossInput<T>& in, int64_t parts, const T* Wp, T* Gp, const RangeFn* before,
                  const int32_t* next, LossWorkspace<T>& ws, double* stats, double* reg_sq, double* grad_sq);

template <typename T>
void row_shards(const LossInput<T>& in, const T* Wp, T* Gp, LossWorkspace<T>& ws, double* stats, double* grad_sq);

}  // namespace loss
}  // namespace svm
