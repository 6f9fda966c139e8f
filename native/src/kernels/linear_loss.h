// Multiclass SVM (Weston–Watkins) and softmax loss with their gradients for a linear classifier,
// S = X·W, in one fused pass: each block of rows of X is read from memory once, its scores and
// loss coefficients computed while it sits in cache, and its share of the gradient accumulated
// right away. Layout as in CS231n's assignment: X is N×D, W is D×C, both row-major.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/simd.h"

namespace svm {

enum class LossKind : int { Svm = 0, Softmax = 1 };

template <typename T>
struct LossInput {
  const T* X = nullptr;        // rows_total × D
  int64_t rows_total = 0;
  int64_t D = 0;
  const int32_t* y = nullptr;  // rows_total labels in [0, C)
  // Rows taking part (a mini-batch; may repeat). Null means all rows 0..rows_total-1.
  const int32_t* batch = nullptr;
  int64_t batch_size = 0;      // rows taking part; equals rows_total when batch is null
  const T* W = nullptr;        // D × C
  int64_t C = 0;
  LossKind kind = LossKind::Svm;
  double reg = 0;              // L2 strength: reg · ΣW², gradient 2·reg·W
  double delta = 1;            // SVM margin
};

struct LossStats {
  double loss = 0;            // data_loss + reg_loss
  double data_loss = 0;
  double reg_loss = 0;
  double violated_share = 0;  // SVM: share of (i, j≠y_i) pairs with a positive margin; softmax: 0
  double accuracy = 0;        // share of the rows whose highest score is the label's
};

// Scratch buffers reused across calls (a training loop makes thousands), so a call allocates
// nothing once warm. Filled by the strategies in panel_loss.h.
template <typename T>
struct LossWorkspace {
  simd::aligned_vector<T> Wp, Gp;   // loss_and_grad: W and the gradient in panels (tiles.h), C × Dp
  // Row shards.
  simd::aligned_vector<T> shard_grad;  // shards × C × Dp panels
  simd::aligned_vector<T> scratch;  // per worker: a block's partial sums (and, for shards, scores…)
  std::vector<double> stats;        // per shard or part: a few sums, added in order afterwards
  // Column split.
  std::vector<const T*> rows;       // the batch's rows, then per worker its active rows per class tile
  std::vector<int32_t> labels;
  simd::aligned_vector<T> tails;    // each row's last partial vector, zero-padded
  std::vector<T> part_scores;       // parts × rows × C partial scores
  std::vector<int> active_count;    // per worker and class tile
  std::vector<uint32_t> stream;     // per worker: the cache lines its prefetch stream issues next
  std::vector<int64_t> grad_split;  // where each worker's columns of the gradient start (see column_split.cc)
  std::vector<double> unit_sq;      // the gradient's ΣG², in pieces a worker computes whole
  simd::aligned_vector<T> col_sums; // per step of L columns, the rows the hinge gradient's lists fused
  int64_t list_blocks = 0;          // blocks of the last call whose gradient went by lists
  simd::aligned_vector<T> shard_sums;  // row shards: per shard, its column sums (as col_sums)
  std::vector<int64_t> shard_lists;    // row shards: per shard, its blocks by lists
  bool next_streamed = false;       // the last call streamed in the first rows of this one
  size_t bytes() const {
    return (Wp.capacity() + Gp.capacity() + shard_grad.capacity() + scratch.capacity() + tails.capacity() +
            part_scores.capacity() + col_sums.capacity() + shard_sums.capacity()) * sizeof(T) +
           rows.capacity() * sizeof(void*) + (stats.capacity() + unit_sq.capacity()) * sizeof(double) +
           stream.capacity() * sizeof(uint32_t) + grad_split.capacity() * sizeof(int64_t);
  }
};

// Computes the loss and, when grad is not null, its gradient (D × C). Throws std::invalid_argument
// on labels or batch indices out of range and on empty input. Deterministic: how the work is split
// depends only on the problem size, never on how many threads run it.
template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad, LossWorkspace<T>& ws);

// Same, with a workspace kept per thread between calls (a warm call allocates nothing); dropped
// after a call that needed more than 64 MiB of it, so one huge problem does not pin its buffers.
template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad) {
  thread_local LossWorkspace<T> ws;
  const LossStats s = loss_and_grad(in, grad, ws);
  if (ws.bytes() > (64u << 20)) ws = LossWorkspace<T>();
  return s;
}

}  // namespace svm
