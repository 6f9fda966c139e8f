#include "kernels/train_loop.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/panel_loss.h"
#include "kernels/rng.h"
#include "kernels/tiles.h"

namespace svm {

namespace {

// The permutation's cursor, read from the caller's array (which it may change while a chunk runs):
// read once per use and checked, since it indexes perm.
template <typename T>
int64_t cursor_of(const TrainState<T>& state, int64_t N) {
  const int64_t c = *state.cursor;
  if (c < 0 || c > N) throw std::out_of_range("cursor " + std::to_string(c) + " is outside [0, " + std::to_string(N) + "]");
  return c;
}

// Fills batch with the next mini-batch, drawing from the caller's generator exactly as the
// TypeScript reference does.
template <typename T>
void sample_batch(const TrainConfig& cfg, int64_t N, TrainState<T>& state, Rng& rng, std::vector<int32_t>& batch) {
  const int64_t B = cfg.batch_size;
  if (cfg.replace) {
    for (int64_t i = 0; i < B; ++i) batch[i] = static_cast<int32_t>(rng.below(static_cast<uint32_t>(N)));
    return;
  }
  int64_t c = cursor_of(state, N);
  if (c + B > N) {
    for (int64_t i = 0; i < N; ++i) state.perm[i] = static_cast<int32_t>(i);
    for (int64_t i = N - 1; i > 0; --i) {
      const int64_t j = rng.below(static_cast<uint32_t>(i + 1));
      std::swap(state.perm[i], state.perm[j]);
    }
    c = 0;
  }
  for (int64_t i = 0; i < B; ++i) batch[i] = state.perm[c + i];
  *state.cursor = static_cast<int32_t>(c + B);
}

// The batch sample_batch will draw next, without drawing it: from a copy of the generator, or the
// permutation's next window. False when a reshuffle is due (once an epoch; not worth peeking).
template <typename T>
bool peek_batch(const TrainConfig& cfg, int64_t N, const TrainState<T>& state, std::vector<int32_t>& batch) {
  const int64_t B = cfg.batch_size;
  if (cfg.replace) {
    uint32_t copy[4] = {state.rng[0], state.rng[1], state.rng[2], state.rng[3]};
    Rng rng(copy);
    for (int64_t i = 0; i < B; ++i) batch[i] = static_cast<int32_t>(rng.below(static_cast<uint32_t>(N)));
    return true;
  }
  const int64_t c = cursor_of(state, N);
  if (c + B > N) return false;
  std::copy(state.perm + c, state.perm + c + B, batch.begin());
  return true;
}

// W and the optimizer's state in panels for the length of a chunk: the loss reads W and writes the
// gradient in panels, and the update is elementwise, so nothing is converted per step. Written
// back however the chunk ends (an exception included), so the caller's arrays always hold the
// state after the last completed step.
template <typename T>
class PanelState {
 public:
  PanelState(TrainState<T>& st, int64_t D, int64_t C) : st_(st), D_(D), C_(C), size_(C * tiles::padded<T>(D)) {
    load(st.W, W);
    load(st.s1, s1);
    load(st.s2, s2);
  }
  ~PanelState() {
    store(W, st_.W);
    store(s1, st_.s1);
    store(s2, st_.s2);
  }
  simd::aligned_vector<T> W, s1, s2;
  int64_t size() const { return size_; }

 private:
  void load(const T* from, simd::aligned_vector<T>& to) {
    if (!from) return;
    to.resize(size_);
    tiles::to_panels(from, D_, C_, tiles::padded<T>(D_), to.data());
  }
  void store(const simd::aligned_vector<T>& from, T* to) {
    if (to && !from.empty()) tiles::from_panels(from.data(), D_, C_, to);
  }
  TrainState<T>& st_;
  int64_t D_, C_, size_;
};

// The last step's update, applied by the next loss call to each worker's columns of W just before
// it reads them — split across threads, and W left in the cache that reads it — or here when the
// chunk ends. Applied once the step is known not to have diverged, as before.
template <typename T>
class PendingUpdate {
 public:
  PendingUpdate(const OptimizerConfig& opt, PanelState<T>& panels, const T* grad)
      : opt_(opt), p_(panels), grad_(grad), fn_([this](int64_t begin, int64_t end) { apply(begin, end); }) {}
  void schedule(double lr, int64_t t) {
    lr_ = lr, t_ = t;
    pending_ = true;
    applied_.store(false, std::memory_order_relaxed);
  }
  // What the next loss call runs before reading W (null when nothing is pending); the call applies it.
  const RangeFn* take() {
    const bool was = pending_;
    pending_ = false;
    return was ? &fn_ : nullptr;
  }
  // After a loss call threw: applies what it did not (validation throws before any work starts).
  void recover() {
    if (!applied_.load()) apply(0, p_.size());
  }
  void flush() {
    if (take()) apply(0, p_.size());
  }

 private:
  void apply(int64_t begin, int64_t end) {
    applied_.store(true, std::memory_order_relaxed);
    T* s1 = p_.s1.empty() ? nullptr : p_.s1.data() + begin;
    T* s2 = p_.s2.empty() ? nullptr : p_.s2.data() + begin;
    apply_update(opt_, lr_, t_, p_.W.data() + begin, grad_ + begin, s1, s2, end - begin);
  }
  const OptimizerConfig& opt_;
  PanelState<T>& p_;
  const T* grad_;
  RangeFn fn_;
  double lr_ = 0;
  int64_t t_ = 0;
  bool pending_ = false;
  std::atomic<bool> applied_{true};
};

}  // namespace

template <typename T>
ChunkResult train_chunk(const TrainConfig& cfg, const T* X, int64_t N, int64_t D, const int32_t* y, int64_t C,
                        TrainState<T>& state, int64_t step_start, int64_t max_steps, double max_millis, double* out) {
  if (cfg.batch_size < 0 || cfg.batch_size > N) throw std::invalid_argument("batch size out of range");
  if (N > INT32_MAX) throw std::invalid_argument("too many rows for 32-bit batch indices");
  const bool full = cfg.batch_size == 0 || cfg.batch_size == N;
  const auto started = std::chrono::steady_clock::now();
  Rng rng(state.rng);
  std::vector<int32_t> batch(full ? 0 : cfg.batch_size), next(batch.size());
  LossWorkspace<T> ws;
  PanelState<T> panels(state, D, C);
  simd::aligned_vector<T> grad(panels.size());
  LossInput<T> in;
  in.X = X;
  in.rows_total = N;
  in.D = D;
  in.y = y;
  in.C = C;
  in.kind = cfg.kind;
  in.reg = cfg.reg;
  in.delta = cfg.delta;
  if (!full) {
    in.batch = batch.data();
    in.batch_size = cfg.batch_size;
  }

  PendingUpdate<T> update(cfg.opt, panels, grad.data());
  ChunkResult result;
  for (int64_t i = 0; i < max_steps; ++i) {
    const int64_t t = step_start + i;
    double sq = 0;
    LossStats s;
    try {
      if (!full) sample_batch(cfg, N, state, rng, batch);
      // The next batch's first rows are fetched while this step ends, so the next does not start cold.
      const bool peeked = !full && i + 1 < max_steps && peek_batch(cfg, N, state, next);
      s = panel_loss_and_grad<T>(in, panels.W.data(), grad.data(), &sq, ws, update.take(),
                                 peeked ? next.data() : nullptr);
    } catch (...) {
      update.recover();
      throw;
    }
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
    update.schedule(lr, t);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (ms >= max_millis) break;
  }
  update.flush();
  return result;
}

template ChunkResult train_chunk<float>(const TrainConfig&, const float*, int64_t, int64_t, const int32_t*, int64_t,
                                        TrainState<float>&, int64_t, int64_t, double, double*);
template ChunkResult train_chunk<double>(const TrainConfig&, const double*, int64_t, int64_t, const int32_t*, int64_t,
                                         TrainState<double>&, int64_t, int64_t, double, double*);

}  // namespace svm
