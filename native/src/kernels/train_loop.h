// The training loop in native code: sample a mini-batch, evaluate the fused loss and gradient,
// apply the update — many steps per call, no crossing into JS per step. A call runs until it has
// done max_steps or spent max_millis (so callers get progress, and can pause or stop, at a steady
// rate whatever a step costs) or the loss diverges. All state (W, the optimizer's buffers, the
// random generator, the sampling permutation) lives in caller-owned arrays, so a run continues
// across calls exactly as if it were one.
#pragma once

#include <cstdint>

#include "kernels/linear_loss.h"
#include "kernels/optimizer.h"

namespace svm {

struct TrainConfig {
  LossKind kind = LossKind::Svm;
  double reg = 0;
  double delta = 1;
  OptimizerConfig opt;
  int64_t batch_size = 0;  // 0: full batch (every row, no sampling)
  bool replace = true;     // sample with replacement (CS231n's np.random.choice) or walk a shuffled permutation
  double diverge_above = 1e300;  // a loss above this, or a non-finite one, stops the run
};

template <typename T>
struct TrainState {
  T* W = nullptr;           // D × C, updated in place
  T* s1 = nullptr;          // D × C: velocity / rmsprop cache / adam m (null for sgd)
  T* s2 = nullptr;          // D × C: adam v (null otherwise)
  uint32_t* rng = nullptr;  // 4 words of xoshiro128** state
  int32_t* perm = nullptr;  // N indices, for sampling without replacement
  int32_t* cursor = nullptr;  // next position in perm; N or more forces a reshuffle
};

// Per step, in this order, kStepRecord doubles: loss, learning rate, gradient norm, violated share,
// batch accuracy, data loss.
constexpr int kStepRecord = 6;

struct ChunkResult {
  int64_t steps = 0;
  bool diverged = false;  // the last recorded step's loss diverged; W is the one that produced it
};

template <typename T>
ChunkResult train_chunk(const TrainConfig& cfg, const T* X, int64_t N, int64_t D, const int32_t* y, int64_t C,
                        TrainState<T>& state, int64_t step_start, int64_t max_steps, double max_millis, double* out);

}  // namespace svm
