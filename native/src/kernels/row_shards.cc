// The row-shard strategy of the fused loss, for many rows. Rows are taken in blocks of kBlockRows;
// each block is read from memory once and then served from L2 to both passes over it:
//   1. scores, window by window over the columns: a window's slice of W stays in L1 while every row
//      pair of the block streams past it (2 rows × up to 12 classes of partial sums in registers);
//   2. per-row loss and coefficients (∂L_i/∂s_c);
//   3. the gradient's rank update, 2 vectors × up to 12 classes of dW in registers across the block.
// Meanwhile the next block's rows are prefetched into L2, a cache line per step of either pass, so
// memory traffic overlaps the arithmetic instead of following it.
//
// A hinge block whose rows violate most classes takes step 3 by class lists instead (pack_lists,
// list_update_window: such a row goes into the shard's column sums once and into its label's
// column), when that is cheaper (lists_pay).
//
// Rows are split into shards, each with its own dW accumulator, summed in shard order at the end;
// the shard count depends on the problem size only, so results are bit-for-bit the same on any
// number of threads.
#include <algorithm>

#include "kernels/hinge_lists.h"
#include "kernels/loss_common.h"
#include "kernels/panel_loss.h"
#include "kernels/thread_pool.h"
#include "kernels/tiles.h"

namespace svm::loss {

namespace {

// How far ahead the prefetch runs. One block (~50 µs of work, ~400 KB) already keeps one core's
// memory stream busy; two or three blocks measured no better.
constexpr int64_t kPrefetchBlocks = 1;
constexpr int64_t kMaxShards = 16;  // dW accumulators (C × Dp each) at most
// Multiply-adds (rows × D × C) below which another shard costs more than it brings: every shard
// clears and later sums a C × Dp accumulator, and its first block waits for memory with nothing to
// overlap.
constexpr double kWorkPerShard = 3 << 20;

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

// Scratch one worker needs, in elements of T: vector partial sums, scores, coefficients, packed
// coefficients and the zero-padded last partial vector of each row.
template <typename T>
int64_t scratch_size(int64_t C) {
  constexpr int64_t L = simd::Vec<T>::width;
  return kBlockRows * C * L + 3 * kBlockRows * C + kBlockRows * L;
}

// What a shard adds to the gradient: dWp (C × Dp panels) and, for blocks that went by class lists,
// the column sums (Dp) to add to every class; both start at zero. list_blocks counts those blocks.
template <typename T>
struct ShardGradient {
  T* dWp = nullptr;
  T* sums = nullptr;
  int64_t* list_blocks = nullptr;
};

template <typename T>
void run_shard(const LossInput<T>& in, int64_t r0, int64_t r1, const T* Wp, const ShardGradient<T>& out,
               double* stats, T* scratch) {
  T* const dWp = out.dWp;
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
  const bool lists = dWp && hinge_lists(in);
  const T* entry_rows[kBlockRows * simd::kMaxClassTile];  // at most C entries a row (pack_lists)
  const T* entry_tails[kBlockRows * simd::kMaxClassTile];
  int list_start[simd::kMaxClassTile + 1], list_fused[simd::kMaxClassTile];
  int32_t lab[kBlockRows];
  for (int b = 0; b < kBlockRows; ++b) tail_ptr[b] = tails + b * L;
  double sums[kStats] = {0, 0, 0};

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
    for (int64_t d0 = 0; d0 < Dv; d0 += window) {
      const int64_t len = std::min(window, Dv - d0);
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        for (int b = 0; b < nb; b += R) {
          const int r = std::min(R, nb - b);
          K.scores[cs - 1][r - 1](cur + b, nn ? pf + b : nullptr, d0, Wp + d0 * C + c0 * L, C * L, len,
                                  acc + (b * C + c0) * L, C, d0 == 0, nullptr);
        }
      }
    }
    if (has_tail)
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        for (int b = 0; b < nb; b += R)
          K.scores[cs - 1][std::min(R, nb - b) - 1](tail_ptr + b, nullptr, 0, Wp + Dv * C + c0 * L, C * L, L,
                                                    acc + (b * C + c0) * L, C, Dv == 0, nullptr);
      }
    simd::hsum_many(acc, nb * C, scores);

    for (int b = 0; b < nb; ++b) score_row(in.kind, scores + b * C, lab[b], C, in.delta, coef + b * C, sums);

    if (lists) {
      int active_rows = 0;
      const int entries = pack_lists(coef, lab, C, nb, packed, list_start, list_fused, &active_rows, [&](int e, int b) {
        entry_rows[e] = cur[b];
        entry_tails[e] = tail_ptr[b];
      });
      if (lists_pay(entries, active_rows, C)) {
        const tiles::GradStep<T> st;
        if (Dw > 0)
          K.lists[C - 1][simd::kColTile - 1](entry_rows, packed, list_start, list_fused, 0, Dw, dWp, C * L, out.sums,
                                             st, nullptr);
        if (Dw < Dv)
          K.lists[C - 1][0](entry_rows, packed, list_start, list_fused, Dw, Dv - Dw, dWp + Dw * C, C * L,
                            out.sums + Dw, st, nullptr);
        if (has_tail)
          K.lists[C - 1][0](entry_tails, packed, list_start, list_fused, 0, L, dWp + Dv * C, C * L, out.sums + Dv, st,
                            nullptr);
        ++*out.list_blocks;
        continue;
      }
    }
    if (dWp) {
      // Rows whose coefficients in a tile are all zero (satisfied margins) add nothing: skip them.
      for (int t = 0; t < ct.count; ++t) {
        const int c0 = ct.start(t), cs = ct.size(t);
        const int n_active = pack_active(coef, C, c0, cs, nb, packed, [&](int a, int b) {
          active_tail[a] = tail_ptr[b];
          active_pf[a] = pf[b];
          active[a] = cur[b];
        });
        if (!n_active) continue;
        T* dw = dWp + c0 * L;
        const T* const* apf = nn ? active_pf : nullptr;
        if (Dw > 0) K.rank[cs - 1][simd::kColTile - 1](active, apf, packed, n_active, 0, Dw, dw, C * L, {}, nullptr);
        if (Dw < Dv) K.rank[cs - 1][0](active, apf, packed, n_active, Dw, Dv - Dw, dw + Dw * C, C * L, {}, nullptr);
        if (has_tail) K.rank[cs - 1][0](active_tail, nullptr, packed, n_active, 0, L, dw + Dv * C, C * L, {}, nullptr);
      }
    }
  }
  std::copy(sums, sums + kStats, stats);
}

// Gp = scale · (Σ_s shard_s + Σ_s sums_s) + two_reg · Wp, shards summed in shard order, the column
// sums (Dp each, or none: null) added to every class; returns Σ Gp². Written with vectors: as a
// plain loop the compiler kept the squares' sum scalar, a chain of dependent adds that cost more
// than the rest of the pass.
template <typename T>
double finish_gradient(const T* shards, const T* sums, int64_t count, int64_t stride, int64_t C, T scale, T two_reg,
                       const T* Wp, T* Gp) {
  using V = simd::vec_t<T>;
  using W = typename simd::Vec<T>::wide;
  constexpr int64_t L = simd::Vec<T>::width;
  const int64_t Dp = stride / C;
  const V sv = simd::splat(scale), rv = simd::splat(two_reg);
  W sq{};
  for (int64_t i = 0; i < stride; i += L) {  // stride is whole panels: a multiple of L
    V v = simd::load(shards + i);
    for (int64_t s = 1; s < count; ++s) v += simd::load(shards + s * stride + i);
    if (sums) {
      const int64_t column = i / (C * L) * L;  // the panel step's first column
      for (int64_t s = 0; s < count; ++s) v += simd::load(sums + s * Dp + column);
    }
    const V g = v * sv + rv * simd::load(Wp + i);
    simd::store(Gp + i, g);
    const W gw = __builtin_convertvector(g, W);
    sq += gw * gw;
  }
  double total = 0;
  for (int i = 0; i < L; ++i) total += sq[i];
  return total;
}

}  // namespace

template <typename T>
void row_shards(const LossInput<T>& in, const T* Wp, T* Gp, LossWorkspace<T>& ws, double* stats, double* grad_sq) {
  const int64_t n = in.batch ? in.batch_size : in.rows_total;
  const int64_t C = in.C;
  const int64_t stride = C * tiles::padded<T>(in.D);
  const int64_t shards = shard_count(n, in.D, C);
  const bool lists = Gp && hinge_lists(in);
  if (Gp) ws.shard_grad.resize(shards * stride);
  if (lists) ws.shard_sums.resize(shards * (stride / C));
  ws.shard_lists.assign(shards, 0);
  ws.stats.assign(shards * kStats, 0.0);

  auto lease = ThreadPool::global().acquire(static_cast<int>(shards));
  const int64_t per_worker = scratch_size<T>(C);
  ws.scratch.resize(lease.workers() * per_worker);
  // Everything a task needs behind one pointer: a capture that small fits std::function's inline
  // storage, so a call allocates nothing once the workspace is warm.
  struct Job {
    const LossInput<T>& in;
    const T* Wp;
    int64_t n, shards, stride, per_worker;
    bool grad, lists;
    LossWorkspace<T>& ws;
  } job{in, Wp, n, shards, stride, per_worker, Gp != nullptr, lists, ws};
  lease.run(shards, [j = &job](int64_t s, int worker) {
    ShardGradient<T> out;
    out.list_blocks = &j->ws.shard_lists[s];
    if (j->grad) {
      out.dWp = j->ws.shard_grad.data() + s * j->stride;
      std::fill(out.dWp, out.dWp + j->stride, T(0));
    }
    if (j->lists) {
      const int64_t Dp = j->stride / j->in.C;
      out.sums = j->ws.shard_sums.data() + s * Dp;
      std::fill(out.sums, out.sums + Dp, T(0));
    }
    run_shard(j->in, j->n * s / j->shards, j->n * (s + 1) / j->shards, j->Wp, out, j->ws.stats.data() + s * kStats,
              j->ws.scratch.data() + worker * j->per_worker);
  });

  for (int64_t s = 0; s < shards; ++s)
    for (int k = 0; k < kStats; ++k) stats[k] += ws.stats[s * kStats + k];
  ws.list_blocks = 0;
  for (const int64_t b : ws.shard_lists) ws.list_blocks += b;
  if (Gp)
    *grad_sq = finish_gradient(ws.shard_grad.data(), ws.list_blocks ? ws.shard_sums.data() : nullptr, shards, stride, C,
                               static_cast<T>(1.0 / static_cast<double>(n)), static_cast<T>(2.0 * in.reg), Wp, Gp);
}

template void row_shards<float>(const LossInput<float>&, const float*, float*, LossWorkspace<float>&, double*,
                                double*);
template void row_shards<double>(const LossInput<double>&, const double*, double*, LossWorkspace<double>&, double*,
                                 double*);

}  // namespace svm::loss
