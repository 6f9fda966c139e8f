// Multiclass SVM (Weston–Watkins) and softmax loss with their gradients for a linear classifier,
// S = X·W, in one fused pass: each block of rows of X is read from memory once, its scores and
// loss coefficients computed while it sits in cache, and its share of the gradient accumulated
// right away. Layout as in CS231n's assignment: X is N×D, W is D×C, both row-major.
#pragma once

#include <cstdint>
#include <vector>

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
// nothing once warm.
template <typename T>
struct LossWorkspace {
  std::vector<T> Wt;                 // W in panels (tiles.h): Dp/L steps × C × L, zero-padded
  std::vector<T> shard_grad;         // shards × the same panel layout
  std::vector<double> shard_stats;   // shards × 3
  std::vector<T> scratch;            // per worker: a block's partial sums, scores, coefficients
};

// Computes the loss and, when grad is not null, its gradient (D × C). Throws std::invalid_argument
// on labels or batch indices out of range and on empty input. Deterministic: the row partition
// depends only on the problem size, never on how many threads run it.
template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad, LossWorkspace<T>& ws);

// Same, with a workspace kept per thread between calls (a warm call allocates nothing); dropped
// after a call that needed more than 64 MiB of it, so one huge problem does not pin its buffers.
template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad) {
  thread_local LossWorkspace<T> ws;
  const LossStats s = loss_and_grad(in, grad, ws);
  if ((ws.Wt.capacity() + ws.shard_grad.capacity() + ws.scratch.capacity()) * sizeof(T) > (64u << 20))
    ws = LossWorkspace<T>();
  return s;
}

}  // namespace svm
