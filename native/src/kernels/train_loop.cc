#include "kernels/train_loop.h"

#include <chrono>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "kernels/rng.h"

namespace svm {

namespace {

// Fills batch with the next mini-batch, drawing from the caller's generator exactly as the
// TypeScript reference does.
template <typename T>
void sample_batch(const TrainConfig& cfg, int64_t N, TrainState<T>& state, Rng& rng, std::vector<int32_t>& batch) {
  const int64_t B = cfg.batch_size;
  if (cfg.replace) {
    for (int64_t i = 0; i < B; ++i) batch[i] = static_cast<int32_t>(rng.below(static_cast<uint32_t>(N)));
    return;
  }
  if (*state.cursor + B > N) {
    for (int64_t i = 0; i < N; ++i) state.perm[i] = static_cast<int32_t>(i);
    for (int64_t i = N - 1; i > 0; --i) {
      const int64_t j = rng.below(static_cast<uint32_t>(i + 1));
      std::swap(state.perm[i], state.perm[j]);
    }
    *state.cursor = 0;
  }
  for (int64_t i = 0; i < B; ++i) batch[i] = state.perm[*state.cursor + i];
  *state.cursor += static_cast<int32_t>(B);
}

}  // namespace

template <typename T>
ChunkResult train_chunk(const TrainConfig& cfg, const T* X, int64_t N, int64_t D, const int32_t* y, int64_t C,
                        TrainState<T>& state, int64_t step_start, int64_t max_steps, double max_millis, double* out) {
  if (cfg.batch_size < 0 || cfg.batch_size > N) throw std::invalid_argument("batch size out of range");
  if (N > INT32_MAX) throw std::invalid_argument("too many rows for 32-bit batch indices");
  const bool full = cfg.batch_size == 0 || cfg.batch_size == N;
  const auto started = std::chrono::steady_clock::now();
  Rng rng(state.rng);
  std::vector<int32_t> batch(full ? 0 : cfg.batch_size);
  std::vector<T> grad(D * C);
  LossWorkspace<T> ws;
  LossInput<T> in;
  in.X = X;
  in.rows_total = N;
  in.D = D;
  in.y = y;
  in.W = state.W;
  in.C = C;
  in.kind = cfg.kind;
  in.reg = cfg.reg;
  in.delta = cfg.delta;
  if (!full) {
    in.batch = batch.data();
    in.batch_size = cfg.batch_size;
  }

  ChunkResult result;
  for (int64_t i = 0; i < max_steps; ++i) {
    const int64_t t = step_start + i;
    if (!full) sample_batch(cfg, N, state, rng, batch);
    const LossStats s = loss_and_grad<T>(in, grad.data(), ws);
    double sq = 0;
    const T* g = grad.data();
#pragma omp simd reduction(+ : sq)
    for (int64_t k = 0; k < D * C; ++k) sq += static_cast<double>(g[k]) * static_cast<double>(g[k]);
    const double lr = learning_rate_at(cfg.opt, t);
    double* rec = out + i * kStepRecord;
    rec[0] = s.loss;
    rec[1] = lr;
    rec[2] = std::sqrt(sq);
    rec[3] = s.violated_share;
    rec[4] = s.accuracy;
    rec[5] = s.data_loss;
    result.steps = i + 1;
    if (!std::isfinite(s.loss) || !std::isfinite(sq) || s.loss > cfg.diverge_above) {
      result.diverged = true;
      break;
    }
    apply_update(cfg.opt, lr, t, state.W, grad.data(), state.s1, state.s2, D * C);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (ms >= max_millis) break;
  }
  return result;
}

template ChunkResult train_chunk<float>(const TrainConfig&, const float*, int64_t, int64_t, const int32_t*, int64_t,
                                        TrainState<float>&, int64_t, int64_t, double, double*);
template ChunkResult train_chunk<double>(const TrainConfig&, const double*, int64_t, int64_t, const int32_t*, int64_t,
                                         TrainState<double>&, int64_t, int64_t, double, double*);

}  // namespace svm
