// The fused loss kernel. Rows are taken in blocks of kBlockRows; each block is read from memory once
// and then served from L2 to both passes over it:
//   1. scores, window by window over the columns: a window's slice of W stays in L1 while every row
//      pair of the block streams past it (2 rows × up to 12 classes of partial sums in registers);
//   2. per-row loss and coefficients (∂L_i/∂s_c);
//   3. the gradient's rank update, 2 vectors × up to 12 classes of dW in registers across the block.
// Meanwhile the next block's rows are prefetched into L2, a cache line per step of either pass, so
// memory traffic overlaps the arithmetic instead of following it. W and dW are kept in "panels"
// (tiles.h) so every load in the inner loops is a plain base+offset address.
//
// Rows are split into shards, each with its own dW accumulator, summed in shard order at the end;
// the shard count depends on the problem size only, so results are bit-for-bit the same on any
// number of threads.
#include "kernels/linear_loss.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "kernels/thread_pool.h"
#include "kernels/tiles.h"

namespace svm {

namespace {

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
// How far ahead the prefetch runs. One block (~50 µs of work, ~400 KB) already keeps one core's
// memory stream busy; two or three blocks measured no better.
constexpr int64_t kPrefetchBlocks = 1;
constexpr int64_t kMaxShards = 16;  // dW accumulators (C × Dp each) at most
// Multiply-adds (rows × D × C) below which another shard costs more than it brings: every shard
// clears and later sums a C × Dp accumulator, and its first block waits for memory with nothing to
// overlap.
// With 3 Mi a CS231n mini-batch (200 × 3073 × 10) gets 2 shards: ~25% faster on 2 threads than
// one shard, ~5% slower on 1.
constexpr double kWorkPerShard = 3 << 20;
constexpr int kStats = 3;  // data loss, violated margins, correct rows

// Shards depend on the problem size only, never on the thread count, so a result is bit-for-bit the
// same whether one or many threads computed it. A power of two, so they split evenly over 2, 4, …
// threads; at least kWorkPerShard multiply-adds each, because every shard costs a C × Dp gradient
// buffer to clear and to sum, and its first block starts without a prefetch.
int64_t shard_count(int64_t n, int64_t D, int64_t C) {
  const double work = static_cast<double>(n) * static_cast<double>(D) * static_cast<double>(C);
  const int64_t by_rows = (n + kBlockRows - 1) / kBlockRows;
  int64_t shards = 1;
  while (shards * 2 <= kMaxShards && shards * 2 <= by_rows && work >= static_cast<double>(shards * 2) * kWorkPerShard)
    shards *= 2;
  return shards;
}

// ΣW² in double. Lane-parallel partial sums: one running sum would be a chain of dependent adds
// (~4 cycles each, tens of µs for CIFAR's W); the order is fixed by the code, not the thread count.
template <typename T>
double sum_squares(const T* W, int64_t n) {
  double sq = 0;
#pragma omp simd reduction(+ : sq)
  for (int64_t i = 0; i < n; ++i) sq += static_cast<double>(W[i]) * static_cast<double>(W[i]);
  return sq;
}

[[noreturn]] void throw_label(int64_t row, int32_t label, int64_t C) {
  throw std::out_of_range("label " + std::to_string(label) + " of row " + std::to_string(row) +
                          " is outside [0, " + std::to_string(C) + ")");
}

// Per-row loss and gradient coefficients: coef[c] = ∂L_i/∂s_c (before the 1/N).
template <typename T>
double row_loss(LossKind kind, const T* s, int32_t yi, int64_t C, double delta, T* coef, double* violated) {
  // s − s is 0 for a finite score and NaN otherwise: a NaN/Inf score (bad input, overflow) makes the
  // loss NaN instead of being skipped by a comparison that is false for NaN.
  double poison = 0;
  for (int64_t c = 0; c < C; ++c) poison += static_cast<double>(s[c] - s[c]);
  if (poison != 0 || poison != poison) {
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

// Row pointers of positions [begin, begin + n) clamped to the shard's end r1, for prefetching only: an
// index out of range (caught when its own block is gathered) points at row 0 instead. Returns 0 when
// begin is past the end.
template <typename T>
int ahead_rows(const LossInput<T>& in, int64_t begin, int64_t r1, int n, const T** out) {
  if (begin >= r1) return 0;
  for (int b = 0; b < n; ++b) {
    const int64_t i = std::min(begin + b, r1 - 1);
    int64_t row = in.batch ? in.batch[i] : i;
    if (row < 0 || row >= in.rows_total) row = 0;
    out[b] = in.X + row * in.D;
  }
  return n;
}

// Columns per scores window: the slice of Wt it reads (C × window) stays in L1 while every row pair
// of the block streams past it.
template <typename T>
int64_t window_columns(int64_t C) {
  constexpr int64_t L = simd::Vec<T>::width;
  return std::max<int64_t>(kMinWindowSteps * L, kWindowBytes / (C * static_cast<int64_t>(sizeof(T))) / L * L);
}

// Scratch one worker needs, in elements of T: vector partial sums, scores, coefficients, packed
// coefficients and the zero-padded last partial vector of each row.
template <typename T>
int64_t scratch_size(int64_t C) {
  constexpr int64_t L = simd::Vec<T>::width;
  return kBlockRows * C * L + 3 * kBlockRows * C + kBlockRows * L;
}

template <typename T>
void run_shard(const LossInput<T>& in, int64_t r0, int64_t r1, const T* Wp, T* dWp, double* stats, T* scratch) {
  constexpr int64_t L = simd::Vec<T>::width;
  constexpr int R = simd::kRowTile;
  const int64_t C = in.C, D = in.D;
  const int64_t Dv = D / L * L;                                    // columns in whole vectors
  const int64_t Dw = Dv / (simd::kColTile * L) * (simd::kColTile * L);  // … in whole gradient steps
  const bool has_tail = Dv < D;
  const int64_t window = window_columns<T>(C);
  const tiles::ClassTiles ct(C);
  const auto& K = tiles::WindowKernels<T>::get();

  T* acc = scratch;
  T* scores = acc + kBlockRows * C * L;
  T* coef = scores + kBlockRows * C;
  T* packed = coef + kBlockRows * C;
  T* tails = packed + kBlockRows * C;
  const T* cur[kBlockRows];
  const T* pf[kBlockRows];
  const T* tail_ptr[kBlockRows];
  const T* active[kBlockRows];
  const T* active_tail[kBlockRows];
  const T* active_pf[kBlockRows];
  int32_t lab[kBlockRows];
  for (int b = 0; b < kBlockRows; ++b) tail_ptr[b] = tails + b * L;
  double data_loss = 0, violated = 0, correct = 0;

  // Nothing ran ahead of the first block: ask for all of it at once, so its rows (scattered ones in
  // a mini-batch) arrive in parallel rather than one stream at a time (measured ~4% on a batch).
  const int n0 = ahead_rows(in, r0, r1, static_cast<int>(std::min(kBlockRows, r1 - r0)), pf);
  for (int b = 0; b < n0; ++b)
    for (int64_t d = 0; d < D; d += 64 / static_cast<int64_t>(sizeof(T))) simd::prefetch_l2(pf[b] + d);
  for (int64_t start = r0; start < r1; start += kBlockRows) {
    const int nb = gather(in, start, std::min(r1, start + kBlockRows), cur, lab);
    // The rows kPrefetchBlocks blocks ahead are prefetched while this block is computed, so both
    // passes read X from L2 instead of waiting on memory (mini-batch rows are scattered, and even
    // sequential rows arrive faster this way than through the hardware prefetcher alone).
    const int nn = ahead_rows(in, start + kPrefetchBlocks * kBlockRows, r1, nb, pf);

    if (has_tail)
      for (int b = 0; b < nb; ++b) {
        std::fill(tails + b * L, tails + (b + 1) * L, T(0));
        std::copy(cur[b] + Dv, cur[b] + D, tails + b * L);
      }

    // Scores: window by window, so each slice of W is loaded from L2 once per block.
    std::fill(acc, acc + nb * C * L, T(0));
    for (int64_t d0 = 0; d0 < Dv; d0 += window) {
      const int64_t len = std::min(window, Dv - d0);
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        for (int b = 0; b < nb; b += R) {
          const int r = std::min(R, nb - b);
          K.scores[cs - 1][r - 1](cur + b, nn ? pf + b : nullptr, d0, Wp + d0 * C + c0 * L, C * L, len,
                                  acc + (b * C + c0) * L, C);
        }
      }
    }
    if (has_tail)
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        for (int b = 0; b < nb; b += R)
          K.scores[cs - 1][std::min(R, nb - b) - 1](tail_ptr + b, nullptr, 0, Wp + Dv * C + c0 * L, C * L, L,
                                                    acc + (b * C + c0) * L, C);
      }
    for (int64_t i = 0; i < nb * C; ++i) scores[i] = simd::hsum<T>(simd::load(acc + i * L));

    for (int b = 0; b < nb; ++b) {
      const T* s = scores + b * C;
      data_loss += row_loss(in.kind, s, lab[b], C, in.delta, coef + b * C, &violated);
      const int64_t best = std::max_element(s, s + C) - s;
      correct += best == lab[b];
    }

    if (dWp) {
      // Rows whose coefficients in a tile are all zero (satisfied margins) add nothing: skip them.
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        int n_active = 0;
        for (int b = 0; b < nb; ++b) {
          const T* m = coef + b * C + c0;
          bool any = false;
          for (int k = 0; k < cs; ++k) any |= m[k] != 0;
          if (!any) continue;
          std::copy(m, m + cs, packed + n_active * cs);
          active_tail[n_active] = tail_ptr[b];
          active_pf[n_active] = pf[b];
          active[n_active++] = cur[b];
        }
        if (!n_active) continue;
        T* dw = dWp + c0 * L;
        const T* const* apf = nn ? active_pf : nullptr;
        if (Dw > 0) K.rank[cs - 1][simd::kColTile - 1](active, apf, packed, n_active, 0, Dw, dw, C * L);
        if (Dw < Dv) K.rank[cs - 1][0](active, apf, packed, n_active, Dw, Dv - Dw, dw + Dw * C, C * L);
        if (has_tail) K.rank[cs - 1][0](active_tail, nullptr, packed, n_active, 0, L, dw + Dv * C, C * L);
      }
    }
  }
  stats[0] = data_loss;
  stats[1] = violated;
  stats[2] = correct;
}

}  // namespace

template <typename T>
LossStats loss_and_grad(const LossInput<T>& in, T* grad, LossWorkspace<T>& ws) {
  const int64_t n = in.batch ? in.batch_size : in.rows_total;
  const int64_t D = in.D, C = in.C;
  if (n <= 0) throw std::invalid_argument("no rows to compute the loss over");
  if (D <= 0) throw std::invalid_argument("X has no columns");
  if (C < 1) throw std::invalid_argument("W has no columns (classes)");
  const int64_t Dp = tiles::padded<T>(D);
  const int64_t shards = shard_count(n, D, C);

  ws.Wt.resize(C * Dp);
  tiles::to_panels(in.W, D, C, Dp, ws.Wt.data());
  if (grad) ws.shard_grad.resize(shards * C * Dp);
  ws.shard_stats.assign(shards * kStats, 0.0);

  auto lease = ThreadPool::global().acquire(static_cast<int>(shards));
  const int64_t per_worker = scratch_size<T>(C);
  ws.scratch.resize(lease.workers() * per_worker);
  // Everything a task needs behind one pointer: a capture that small fits std::function's inline
  // storage, so a call allocates nothing once the workspace is warm.
  struct Job {
    const LossInput<T>& in;
    int64_t n, shards, stride, per_worker;
    T* grad;
    LossWorkspace<T>& ws;
  } job{in, n, shards, C * Dp, per_worker, grad, ws};
  lease.run(shards, [j = &job](int64_t s, int worker) {
    T* dWp = nullptr;
    if (j->grad) {
      dWp = j->ws.shard_grad.data() + s * j->stride;
      std::fill(dWp, dWp + j->stride, T(0));
    }
    run_shard(j->in, j->n * s / j->shards, j->n * (s + 1) / j->shards, j->ws.Wt.data(), dWp,
              j->ws.shard_stats.data() + s * kStats, j->ws.scratch.data() + worker * j->per_worker);
  });

  LossStats out;
  double violated = 0, correct = 0;
  for (int64_t s = 0; s < shards; ++s) {
    out.data_loss += ws.shard_stats[s * kStats];
    violated += ws.shard_stats[s * kStats + 1];
    correct += ws.shard_stats[s * kStats + 2];
  }
  out.data_loss /= static_cast<double>(n);
  out.reg_loss = in.reg * sum_squares(in.W, D * C);
  out.loss = out.data_loss + out.reg_loss;
  out.violated_share = in.kind == LossKind::Svm && C > 1 ? violated / (static_cast<double>(n) * (C - 1)) : 0;
  out.accuracy = correct / static_cast<double>(n);

  if (grad)
    tiles::from_panels(ws.shard_grad.data(), shards, C * Dp, D, C, static_cast<T>(1.0 / static_cast<double>(n)),
                       static_cast<T>(2.0 * in.reg), in.W, grad, ws.scratch.data());
  return out;
}

template LossStats loss_and_grad<float>(const LossInput<float>&, float*, LossWorkspace<float>&);
template LossStats loss_and_grad<double>(const LossInput<double>&, double*, LossWorkspace<double>&);

}  // namespace svm
