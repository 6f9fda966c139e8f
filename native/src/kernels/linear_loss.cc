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

constexpr int64_t kBlockRows = 32;       // rows whose scores, coefficients and X stay in L1/L2 together
constexpr int64_t kMaxShards = 16;       // gradient accumulators, each C × Dp
constexpr double kWorkPerShard = 1 << 20;  // multiply-adds below which another shard is not worth it
constexpr int kStats = 3;                // data loss, violated margins, correct rows

// Shards depend on the problem size only, never on the thread count, so a result is bit-for-bit the
// same whether one or many threads computed it.
int64_t shard_count(int64_t n, int64_t D, int64_t C) {
  const double work = static_cast<double>(n) * static_cast<double>(D) * static_cast<double>(C);
  const int64_t by_work = static_cast<int64_t>(work / kWorkPerShard);
  const int64_t by_rows = (n + kBlockRows - 1) / kBlockRows;
  return std::max<int64_t>(1, std::min({kMaxShards, by_work, by_rows}));
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

template <typename T>
void run_shard(const LossInput<T>& in, int64_t r0, int64_t r1, const T* Wt, int64_t Dp, T* dWt, double* stats) {
  const int64_t C = in.C, D = in.D;
  const tiles::ClassTiles ct(C);
  std::vector<T> scores_buf(kBlockRows * C), coef_buf(kBlockRows * C), packed_buf(kBlockRows * C);
  T* scores = scores_buf.data();
  T* coef = coef_buf.data();
  T* packed = packed_buf.data();
  const T* xs[kBlockRows];
  const T* active[kBlockRows];
  int32_t labels[kBlockRows];
  double data_loss = 0, violated = 0, correct = 0;

  for (int64_t start = r0; start < r1; start += kBlockRows) {
    const int nb = static_cast<int>(std::min(kBlockRows, r1 - start));
    for (int b = 0; b < nb; ++b) {
      const int64_t i = start + b;
      const int64_t row = in.batch ? in.batch[i] : i;
      if (row < 0 || row >= in.rows_total)
        throw std::out_of_range("batch index " + std::to_string(row) + " at position " + std::to_string(i) +
                                " is outside [0, " + std::to_string(in.rows_total) + ")");
      const int32_t label = in.y[row];
      if (label < 0 || label >= C) throw_label(row, label, C);
      xs[b] = in.X + row * D;
      labels[b] = label;
    }
    for (int b = 0; b < nb; ++b)
      for (int t = 0; t < ct.count; ++t)
        tiles::scores_for<T>(ct.size(t))(xs[b], Wt + ct.start(t) * Dp, D, Dp, scores + b * C + ct.start(t));

    for (int b = 0; b < nb; ++b) {
      const T* s = scores + b * C;
      data_loss += row_loss(in.kind, s, labels[b], C, in.delta, coef + b * C, &violated);
      const int64_t best = std::max_element(s, s + C) - s;
      correct += best == labels[b];
    }
    if (!dWt) continue;

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
        active[n_active++] = xs[b];
      }
      if (n_active) tiles::rank_update_for<T>(cs)(active, packed, n_active, D, Dp, dWt + c0 * Dp);
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
  tiles::transpose_padded(in.W, D, C, Dp, ws.Wt.data());
  if (grad) ws.shard_grad.resize(shards * C * Dp);
  ws.shard_stats.assign(shards * kStats, 0.0);

  auto lease = ThreadPool::global().acquire(static_cast<int>(shards));
  lease.run(shards, [&](int64_t s, int) {
    const int64_t r0 = n * s / shards, r1 = n * (s + 1) / shards;
    T* dWt = nullptr;
    if (grad) {
      dWt = ws.shard_grad.data() + s * C * Dp;
      std::fill(dWt, dWt + C * Dp, T(0));
    }
    run_shard(in, r0, r1, ws.Wt.data(), Dp, dWt, ws.shard_stats.data() + s * kStats);
  });

  LossStats out;
  double violated = 0, correct = 0;
  for (int64_t s = 0; s < shards; ++s) {
    out.data_loss += ws.shard_stats[s * kStats];
    violated += ws.shard_stats[s * kStats + 1];
    correct += ws.shard_stats[s * kStats + 2];
  }
  out.data_loss /= static_cast<double>(n);
  double sq = 0;
  for (int64_t i = 0; i < D * C; ++i) sq += static_cast<double>(in.W[i]) * static_cast<double>(in.W[i]);
  out.reg_loss = in.reg * sq;
  out.loss = out.data_loss + out.reg_loss;
  out.violated_share = in.kind == LossKind::Svm && C > 1 ? violated / (static_cast<double>(n) * (C - 1)) : 0;
  out.accuracy = correct / static_cast<double>(n);

  if (grad) {
    T* acc = ws.shard_grad.data();
    for (int64_t s = 1; s < shards; ++s) {
      const T* other = acc + s * C * Dp;
      for (int64_t i = 0; i < C * Dp; ++i) acc[i] += other[i];
    }
    const T inv_n = static_cast<T>(1.0 / static_cast<double>(n));
    const T two_reg = static_cast<T>(2.0 * in.reg);
    for (int64_t d = 0; d < D; ++d)
      for (int64_t c = 0; c < C; ++c) grad[d * C + c] = acc[c * Dp + d] * inv_n + two_reg * in.W[d * C + c];
  }
  return out;
}

template LossStats loss_and_grad<float>(const LossInput<float>&, float*, LossWorkspace<float>&);
template LossStats loss_and_grad<double>(const LossInput<double>&, double*, LossWorkspace<double>&);

}  // namespace svm
