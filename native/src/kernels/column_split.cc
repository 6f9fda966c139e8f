// The column-split strategy of the fused loss, for a mini-batch (CS231n's 200 rows of CIFAR). The
// panel steps (columns) are cut into parts, one or more per worker, and each worker reads only its
// columns of every row: half the memory traffic of a whole row per core, where row shards make
// each core read whole rows, and each keep a whole C × Dp gradient accumulator to clear and to sum.
//
// Rows go through in blocks of kBlockRows, as a pipeline. For block b, each worker
//   1. computes the partial scores of b's rows over its parts' columns and publishes them,
//   2. adds block b−1's share to its columns of the gradient (b−1's coefficients are known; see
//      below for which columns),
//   3. waits until every part has published b, sums the parts' scores in part order, and computes
//      b's loss and coefficients (every worker the same numbers, so no second wait is needed).
// Step 1 is bound by memory (scattered rows) and step 2 by arithmetic on rows already in cache:
// interleaved block by block, the memory stream that the next block's prefetch starts in step 1
// keeps going while step 2 computes, instead of the two taking turns over the whole batch (which
// also needed the whole batch's columns, 1.2 MB a core, to stay in L2 between the two). The last
// block's gradient step finishes the gradient (1/n, + 2·reg·W) as it writes it.
//
// The hinge loss's gradient step goes by class lists where most classes of a row are violated (as
// they are at the start of training, and throughout CS231n's regularized runs): such a row is added
// to column sums once and to its label's column, instead of to all C columns (list_update_window).
// Which blocks do depends on their coefficients only.
//
// The parts depend on the problem size only, every sum runs in a fixed order, so results are
// bit-for-bit the same on any number of threads.
//
// Each worker's gradient columns start out as its parts' and then follow its timing: on this
// shared machine one core is often slower than the other for a while (measured: its partner waited
// 50–90 k cycles a step of ~650 k), and the scores' parts cannot move without changing how partial
// scores are rounded. A column of the gradient comes out the same whoever computes it, so after
// every call the split moves towards equal busy times (rebalance); the squared norm is summed in
// fixed pieces, so it does not depend on the split either.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "kernels/gradient_split.h"
#include "kernels/hinge_lists.h"
#include "kernels/loss_common.h"
#include "kernels/panel_loss.h"
#include "kernels/thread_pool.h"
#include "kernels/tiles.h"


namespace svm::loss {

namespace {

// Rows up to which a batch is split by columns; larger batches (full-data passes) take row shards,
// which spread over more than a few cores.
constexpr int64_t kMaxSplitRows = 256;
constexpr int64_t kMaxParts = 8;
// Multiply-adds (rows × D × C) per part at least: each part costs B × C horizontal sums of its
// partial scores and a wait per block. CIFAR's batch (6.1 M) gets two parts.
constexpr double kWorkPerPart = 2 << 20;
// Prefetch stream: cache lines per kernel step beside a gradient step (kRate) and on the first
// block, which has none (kRateFirst); it runs one block ahead of the one computed. Measured on
// CIFAR's batch with the stream's eight lanes: rates of 2 (3 on the first block) are as fast as 1,
// 3 or 4, and a lead of two blocks is no faster; the lowest rates that keep up contend least.
constexpr int kRate = 2;
constexpr int kRateFirst = 3;
static_assert(kRate <= tiles::LineStream<float>::kMaxRate && kRateFirst <= tiles::LineStream<float>::kMaxRate);
// W bytes per scores window. Wider than the row shards' (kWindowBytes): here a part's rows are only
// ever half of each row, and CIFAR's 1536 columns a part then make three windows of 512; measured
// 0.96–0.98× the step time of 304-column windows (five and a runt), 768 no faster.
constexpr int64_t kSplitWindowBytes = 20 << 10;

// Where the parts start: whole gradient steps (kColTile vectors) split evenly; the last part also
// takes the steps left over and the tail vector.
struct Parts {
  Parts(int64_t D, int64_t L, int64_t count)
      : count(count), steps(D / L), units(D / L / simd::kColTile), has_tail(D % L != 0) {}
  int64_t first(int64_t p) const { return p == count ? steps : units * p / count * simd::kColTile; }
  int64_t count, steps, units;
  bool has_tail;
};

// Per worker, room for the prefetch stream's list: a block of rows, all D columns (more than any
// worker's share).
template <typename T>
int64_t stream_room(int64_t D) {
  return tiles::stream_capacity<T>(kBlockRows, D + simd::Vec<T>::width);
}

// Per worker, the class tiles' active-row counts, whole cache lines apart: each worker writes its
// own every block.
int64_t count_stride(const tiles::ClassTiles& ct) { return (ct.count + 15) / 16 * 16; }

// A worker's scratch, in elements of T: a block's vector partial sums, then its scores,
// coefficients, and coefficients packed per class tile.
template <typename T>
int64_t worker_scratch(int64_t C) {
  return kBlockRows * C * simd::Vec<T>::width + 3 * kBlockRows * C;
}

// A part's progress: blocks whose partial scores are written. One cache line each, so a worker
// publishing its part does not take the line its neighbour is publishing on.
struct alignas(64) Progress {
  std::atomic<int64_t> blocks{0};
};

using Clock = std::chrono::steady_clock;

inline double nanos_since(Clock::time_point t) {
  return std::chrono::duration<double, std::nano>(Clock::now() - t).count();
}

template <typename T>
struct Job {
  const LossInput<T>& in;
  const Parts& parts;
  const tiles::ClassTiles& ct;
  const T* Wp;
  T* Gp;
  LossWorkspace<T>& ws;
  int64_t n, blocks;
  int64_t stream_rows;  // rows the prefetch stream walks: this call's, then the next call's first block
  bool warm;            // the previous call already streamed this call's first block
  bool stream;          // whether to stream at all (X's lines can be numbered in 32 bits)
  int workers;
  double* stats;        // data loss, violated, correct (worker 0 adds them up)
  const RangeFn* before;            // run over each worker's share of Wp before it is read
  Progress* published;              // per part
  double* reg_sums;                 // per part: ΣW²
  const int64_t* grad_split;        // worker w's gradient: units [grad_split[w], grad_split[w + 1])
  double* unit_sq;                  // ΣG² per gradient unit, then the single step left over, then the tail
  WorkerTime* time;                 // per worker
};

// What one worker keeps between the steps of a block.
template <typename T>
struct Worker {
  int w;
  int64_t p0, p1;  // its parts
  T *acc, *scores, *coef, *packed;
  const T** active;  // per class tile: kBlockRows rows, then their tails; or the hinge lists' entries, then their tails
  int* active_count;
  HingeLists* lists;
};

// Per worker, room for the row pointers of its active rows (per class tile) or list entries (at most
// C a row; see pack_lists), and their tails.
template <typename T>
int64_t active_room(const LossInput<T>& in, const tiles::ClassTiles& ct) {
  return 2 * kBlockRows * (hinge_lists(in) ? in.C : ct.count);
}

// Step 1: partial scores of block b's rows over part p's columns, window by window so W's slice
// stays in L1 while the block's row pairs stream past it; the next block's rows are prefetched
// meanwhile, a cache line per row and step.
template <typename T>
void block_scores(const Job<T>& j, const Worker<T>& wk, int64_t p, int64_t b, tiles::LineStream<T>* ls) {
  constexpr int64_t L = simd::Vec<T>::width;
  constexpr int R = simd::kRowTile;
  const int64_t C = j.in.C, n = j.n;
  const int64_t s0 = j.parts.first(p), s1 = j.parts.first(p + 1);
  const bool tail = j.parts.has_tail && p == j.parts.count - 1;
  const int64_t c0 = s0 * L, c1 = s1 * L;
  // Windows of equal width (no runt of a step or two at the end, which pays a kernel call's loading
  // and storing of partial sums for little work), each at most kSplitWindowBytes of W.
  const int64_t most = window_columns<T>(C, kSplitWindowBytes), windows = (c1 - c0 + most - 1) / most;
  const int64_t window = ((c1 - c0) / windows + L - 1) / L * L;
  const auto& K = tiles::WindowKernels<T>::get();
  const T* const* rows = j.ws.rows.data();
  const int64_t b0 = b * kBlockRows;
  const int nb = static_cast<int>(std::min(kBlockRows, n - b0));
  const T* const* cur = rows + b0;
  const T* tail_ptr[kBlockRows];
  T* acc = wk.acc;

  if (b == 0) {
    j.reg_sums[p] = sum_squares(j.Wp + s0 * C * L, (s1 - s0 + tail) * C * L);
    // Unless the previous call streamed it, nothing ran ahead of the first block: ask for all of it
    // at once, so its scattered rows arrive in parallel rather than a pair at a time.
    if (!j.warm)
      for (int i = 0; i < nb; ++i)
        for (int64_t d = c0; d < c1; d += 64 / static_cast<int64_t>(sizeof(T))) simd::prefetch_l2(cur[i] + d);
  }
  if (tail)  // each row's last partial vector, zero-padded, for this block and its gradient step
    for (int i = 0; i < nb; ++i) {
      T* t = j.ws.tails.data() + (b0 + i) * L;
      std::fill(t, t + L, T(0));
      std::copy(cur[i] + s1 * L, cur[i] + j.in.D, t);
      tail_ptr[i] = t;
    }
  for (int64_t d0 = c0; d0 < c1; d0 += window) {
    const int64_t len = std::min(window, c1 - d0);
    for (int t = 0; t < j.ct.count; ++t) {
      const int k0 = j.ct.start(t), cs = j.ct.size(t);
      for (int i = 0; i < nb; i += R)
        K.scores[cs - 1][std::min(R, nb - i) - 1](cur + i, nullptr, d0, j.Wp + d0 * C + k0 * L, C * L, len,
                                                  acc + (i * C + k0) * L, C, d0 == c0, ls);
    }
  }
  if (tail)
    for (int t = 0; t < j.ct.count; ++t) {
      const int k0 = j.ct.start(t), cs = j.ct.size(t);
      for (int i = 0; i < nb; i += R)
        K.scores[cs - 1][std::min(R, nb - i) - 1](tail_ptr + i, nullptr, 0, j.Wp + s1 * C * L + k0 * L, C * L, L,
                                                  acc + (i * C + k0) * L, C, false, nullptr);
    }
  T* S = j.ws.part_scores.data() + p * n * C + b0 * C;
  simd::hsum_many(acc, nb * C, S);
}

// Step 2: block b's share of this worker's columns of the gradient, from the rows with a nonzero
// coefficient in each class tile (packed by block_loss). The first block starts the sums from zero,
// the last finishes the gradient and adds each unit's squares to unit_sq. Which worker computes a
// column changes no bit of it, so the columns are split apart from the scores' parts: by
// grad_split, in units of kColTile steps, the last worker also taking a single step left over and
// the tail.
template <typename T>
void block_gradient(const Job<T>& j, const Worker<T>& wk, int64_t b, tiles::LineStream<T>* ls) {
  constexpr int64_t L = simd::Vec<T>::width;
  constexpr int NV = simd::kColTile;
  const int64_t C = j.in.C;
  const bool final_worker = wk.w == j.workers - 1;
  const int64_t s0 = j.grad_split[wk.w] * NV, s_pairs = j.grad_split[wk.w + 1] * NV;
  const int64_t s1 = final_worker ? j.parts.steps : s_pairs;
  const bool tail = j.parts.has_tail && final_worker;
  const bool last = b == j.blocks - 1;
  const auto& K = tiles::WindowKernels<T>::get();
  const int64_t units = j.parts.units;
  tiles::GradStep<T> st;
  st.zero = b == 0;
  if (last) {
    st.scale = static_cast<T>(1.0 / static_cast<double>(j.n));
    st.two_reg = static_cast<T>(2.0 * j.in.reg);
  }
  HingeLists& hl = *wk.lists;
  if (hl.chosen) {
    if (!hl.start[C] && b != 0 && !last) return;
    const T* const* xs = wk.active;
    const T* const* tails = xs + kBlockRows * C;
    st.zero_sums = !hl.sums_live;
    auto run = [&](int nv, const T* const* x, int64_t x0, int64_t step, int64_t steps, int64_t unit) {
      st.w = last ? j.Wp + step * C * L : nullptr;
      st.sq = last ? j.unit_sq + unit : nullptr;
      K.lists[C - 1][nv - 1](x, wk.packed, hl.start, hl.fused, x0, steps * L, j.Gp + step * C * L, C * L,
                             j.ws.col_sums.data() + step * L, st, ls);
    };
    if (s_pairs > s0) run(NV, xs, s0 * L, s0, s_pairs - s0, s0 / NV);
    if (s1 > s_pairs) run(1, xs, s_pairs * L, s_pairs, s1 - s_pairs, units);
    if (tail) run(1, tails, 0, s1, 1, units + 1);
    hl.sums_live = true;
    return;
  }
  for (int t = 0; t < j.ct.count; ++t) {
    const int k0 = j.ct.start(t), cs = j.ct.size(t);
    const int active = wk.active_count[t];
    if (!active && b != 0 && !last) continue;  // adds nothing; the first and last still write
    const T* const* xs = wk.active + 2 * kBlockRows * t;
    const T* const* tails = xs + kBlockRows;
    const T* coef = wk.packed + kBlockRows * k0;
    auto at = [&](int64_t step) { return step * C * L + k0 * L; };
    auto run = [&](int nv, const T* const* x, int64_t x0, int64_t step, int64_t steps, int64_t unit) {
      st.w = last ? j.Wp + at(step) : nullptr;
      st.sq = last ? j.unit_sq + unit : nullptr;
      st.sums = last && hl.sums_live ? j.ws.col_sums.data() + step * L : nullptr;
      K.rank[cs - 1][nv - 1](x, nullptr, coef, active, x0, steps * L, j.Gp + at(step), C * L, st, ls);
    };
    if (s_pairs > s0) run(NV, xs, s0 * L, s0, s_pairs - s0, s0 / NV);
    if (s1 > s_pairs) run(1, xs, s_pairs * L, s_pairs, s1 - s_pairs, units);
    if (tail) run(1, tails, 0, s1, 1, units + 1);
  }
}

// Step 3: waits for every part's partial scores of block b, sums them in part order, and computes
// the block's loss, coefficients and — when a gradient is wanted — which rows each class tile needs
// (a satisfied SVM row adds nothing), or for a hinge loss whose classes fit one tile, its class
// lists when they are cheaper (see list_update_window). Worker 0 adds up the stats.
template <typename T>
void block_loss(const Job<T>& j, const Worker<T>& wk, int64_t b, bool pack) {
  constexpr int64_t L = simd::Vec<T>::width;
  const int64_t C = j.in.C, n = j.n;
  const int64_t b0 = b * kBlockRows;
  const int nb = static_cast<int>(std::min(kBlockRows, n - b0));
  for (int64_t p = 0; p < j.parts.count; ++p) {
    if (j.published[p].blocks.load(std::memory_order_acquire) > b) continue;
    const auto since = Clock::now();
    for (int spins = 0; j.published[p].blocks.load(std::memory_order_acquire) <= b; ++spins)
      if (spins > (1 << 14)) std::this_thread::yield();  // the other worker lost its core
    j.time[wk.w].busy -= nanos_since(since);
  }
  const T* P = j.ws.part_scores.data() + b0 * C;
  // Part by part, each a loop the compiler vectorizes (parts inside the loop over scores kept it
  // scalar: 4–5 µs a call for CIFAR's batch, against 1.7); every score is still summed in part order.
  std::copy(P, P + nb * C, wk.scores);
  for (int64_t p = 1; p < j.parts.count; ++p)
    for (int64_t i = 0; i < nb * C; ++i) wk.scores[i] += P[p * n * C + i];
  double stats[kStats] = {0, 0, 0};
  for (int i = 0; i < nb; ++i)
    score_row(j.in.kind, wk.scores + i * C, j.ws.labels[b0 + i], C, j.in.delta, wk.coef + i * C, stats);
  if (wk.w == 0)
    for (int k = 0; k < kStats; ++k) j.stats[k] += stats[k];
  if (!pack) return;
  HingeLists& hl = *wk.lists;
  if (hinge_lists(j.in)) {
    const T** xs = wk.active;
    const T** tails = xs + kBlockRows * C;
    int active = 0;
    const int entries = pack_lists(wk.coef, j.ws.labels.data() + b0, C, nb, wk.packed, hl.start, hl.fused, &active,
                                   [&](int e, int i) {
                                     tails[e] = j.ws.tails.data() + (b0 + i) * L;
                                     xs[e] = j.ws.rows[b0 + i];
                                   });
    hl.chosen = lists_pay(entries, active, C);
    if (wk.w == 0) j.ws.list_blocks += hl.chosen;
    if (hl.chosen) return;
  }
  for (int t = 0; t < j.ct.count; ++t) {
    const int k0 = j.ct.start(t), cs = j.ct.size(t);
    const T** xs = wk.active + 2 * kBlockRows * t;
    const T** tails = xs + kBlockRows;
    wk.active_count[t] = pack_active(wk.coef, C, k0, cs, nb, wk.packed + kBlockRows * k0, [&](int a, int i) {
      tails[a] = j.ws.tails.data() + (b0 + i) * L;
      xs[a] = j.ws.rows[b0 + i];
    });
  }
}

// Prefetches the other workers' partial scores of block b, where already published (asking for a
// line still being written would only pull it away from its writer).
template <typename T>
void prefetch_published(const Job<T>& j, const Worker<T>& wk, int64_t b) {
  const int64_t C = j.in.C, b0 = b * kBlockRows, nb = std::min(kBlockRows, j.n - b0);
  for (int64_t p = 0; p < j.parts.count; ++p) {
    if ((p >= wk.p0 && p < wk.p1) || j.published[p].blocks.load(std::memory_order_relaxed) <= b) continue;
    const char* first = reinterpret_cast<const char*>(j.ws.part_scores.data() + (p * j.n + b0) * C);
    for (int64_t off = 0; off < nb * C * static_cast<int64_t>(sizeof(T)); off += 64) simd::prefetch_l2(first + off);
  }
}

template <typename T>
void run_worker(const Job<T>& j, int w) {
  const auto started = Clock::now();
  const int64_t C = j.in.C;
  T* scratch = j.ws.scratch.data() + w * worker_scratch<T>(C);
  Worker<T> wk;
  wk.w = w;
  wk.p0 = w * j.parts.count / j.workers;
  wk.p1 = (w + 1) * j.parts.count / j.workers;
  wk.acc = scratch;
  wk.scores = scratch + kBlockRows * C * simd::Vec<T>::width;
  wk.coef = wk.scores + kBlockRows * C;
  wk.packed = wk.coef + kBlockRows * C;
  wk.active = j.ws.rows.data() + j.n + kBlockRows + w * active_room(j.in, j.ct);
  wk.active_count = j.ws.active_count.data() + w * count_stride(j.ct);
  HingeLists lists;
  wk.lists = &lists;
  const bool grad = j.Gp != nullptr;
  const int64_t L = simd::Vec<T>::width;
  const bool tail = j.parts.has_tail && wk.p1 == j.parts.count;
  const int64_t s0 = j.parts.first(wk.p0), s1 = j.parts.first(wk.p1) + tail;
  if (j.before) (*j.before)(s0 * C * L, s1 * C * L);
  // The rows ahead of the block being computed stream in through the kernels, over this worker's
  // columns: a block's worth while the block is computed, so the next one finds its rows in L2.
  tiles::LineStream<T> ahead;
  uint32_t* lines = j.ws.stream.data() + w * stream_room<T>(j.in.D);
  ahead.lines = lines;
  ahead.base = reinterpret_cast<std::uintptr_t>(j.in.X) & ~std::uintptr_t(63);
  // Block b − 1's loss and gradient come after block b's scores: by then the other workers have
  // published b − 1 (unless a whole block behind), so nobody waits at the end of every block.
  for (int64_t b = 0; b <= j.blocks; ++b) {
    if (b < j.blocks) {
      // Block b − 1's partial scores from the other workers' parts, published a block ago: fetched
      // from their cores while this block computes, instead of line by line when block_loss needs them.
      if (b > 0) prefetch_published(j, wk, b - 1);
      // The next block's rows; past the last block come the next call's first rows. Lines of the
      // previous list not issued by now are dropped: their block is being computed.
      const int64_t from = std::min((b + 1) * kBlockRows, j.stream_rows);
      const int64_t to = std::min((b + 2) * kBlockRows, j.stream_rows);
      ahead.pos = 0;
      ahead.end = j.stream ? tiles::stream_lines(j.ws.rows.data(), from, to, s0 * L, s1 * L, ahead.base, lines)
                           : 0;
      // The first block has no gradient step beside it to share the stream with.
      ahead.set_rate(b == 0 || !grad ? kRateFirst : kRate);
      for (int64_t p = wk.p0; p < wk.p1; ++p) {
        block_scores(j, wk, p, b, &ahead);
        j.published[p].blocks.store(b + 1, std::memory_order_release);
      }
    }
    if (b == 0) continue;
    if (grad || w == 0) block_loss(j, wk, b - 1, grad);
    ahead.set_rate(kRate);
    if (grad) {
      const auto since = Clock::now();
      block_gradient(j, wk, b - 1, &ahead);
      j.time[w].gradient += nanos_since(since);
    }
  }
  j.time[w].busy += nanos_since(started);
}

}  // namespace

int64_t column_parts(int64_t n, int64_t D, int64_t C, int64_t width) {
  if (n > kMaxSplitRows) return 0;
  const int64_t units = D / width / simd::kColTile;
  const double work = static_cast<double>(n) * static_cast<double>(D) * static_cast<double>(C);
  int64_t parts = 1;
  while (parts * 2 <= kMaxParts && parts * 2 <= units && work >= static_cast<double>(parts * 2) * kWorkPerPart)
    parts *= 2;
  return parts;
}

template <typename T>
void column_split(const LossInput<T>& in, int64_t parts, const T* Wp, T* Gp, const RangeFn* before,
                  const int32_t* next, LossWorkspace<T>& ws, double* stats, double* reg_sq, double* grad_sq) {
  constexpr int64_t L = simd::Vec<T>::width;
  const int64_t n = in.batch ? in.batch_size : in.rows_total;
  const int64_t D = in.D, C = in.C;
  const Parts split(D, L, parts);
  if (parts < 1 || parts > kMaxParts || split.units < parts)  // column_parts never asks for these
    throw std::logic_error("column split: " + std::to_string(parts) + " parts of " + std::to_string(split.units) +
                           " column units");
  const tiles::ClassTiles ct(C);

  auto lease = ThreadPool::global().acquire(static_cast<int>(parts));
  const int workers = lease.workers();
  // Rows, validated before any work starts (a bad index or label throws here), then per worker its
  // active rows per class tile.
  ws.rows.resize(n + kBlockRows + workers * active_room(in, ct));
  ws.labels.resize(n);
  gather(in, 0, n, ws.rows.data(), ws.labels.data());
  // The next call's first block, to stream in at the end of this one (a hint: an index out of range,
  // caught when that call validates it, points at row 0 here).
  const int64_t ahead_rows = next && Gp ? std::min(n, kBlockRows) : 0;
  for (int64_t i = 0; i < ahead_rows; ++i)
    ws.rows[n + i] = in.X + (next[i] >= 0 && next[i] < in.rows_total ? next[i] : 0) * D;
  ws.tails.resize(n * L);
  ws.part_scores.resize(parts * n * C);
  ws.active_count.resize(workers * count_stride(ct));
  ws.stats.assign(parts, 0.0);
  ws.scratch.resize(workers * worker_scratch<T>(C));
  ws.stream.resize(workers * stream_room<T>(D));
  ws.unit_sq.assign(split.units + 2, 0.0);
  if (Gp && hinge_lists(in)) ws.col_sums.resize((split.steps + 1) * L);
  ws.list_blocks = 0;
  // The gradient's split starts where the scores' parts do and then follows the workers' timing;
  // a new shape or worker count starts over.
  if (static_cast<int64_t>(ws.grad_split.size()) != workers + 1 || ws.grad_split[workers] != split.units) {
    ws.grad_split.resize(workers + 1);
    for (int w = 0; w <= workers; ++w) ws.grad_split[w] = split.first(w * parts / workers) / simd::kColTile;
    ws.grad_split[workers] = split.units;
  }
  Progress published[kMaxParts];
  WorkerTime time[kMaxParts];

  const bool stream = tiles::stream_fits(static_cast<std::size_t>(in.rows_total * D) * sizeof(T) + 64);
  const Job<T> job{in, split, ct, Wp, Gp, ws, n, (n + kBlockRows - 1) / kBlockRows, n + ahead_rows, ws.next_streamed,
                   stream, workers, stats, before, published, ws.stats.data(), ws.grad_split.data(),
                   ws.unit_sq.data(), time};
  ws.next_streamed = ahead_rows > 0;
  // Worker w owns parts [w·P/W, (w+1)·P/W), always on the same thread.
  lease.run_each([j = &job](int64_t w, int) { run_worker(*j, static_cast<int>(w)); });
  if (Gp) rebalance(ws.grad_split, time, workers);

  // Both sums in a fixed order, whichever worker computed what.
  *reg_sq = 0;
  for (int64_t p = 0; p < parts; ++p) *reg_sq += ws.stats[p];
  *grad_sq = 0;
  for (const double sq : ws.unit_sq) *grad_sq += sq;
}

template void column_split<float>(const LossInput<float>&, int64_t, const float*, float*, const RangeFn*,
                                  const int32_t*, LossWorkspace<float>&, double*, double*, double*);
template void column_split<double>(const LossInput<double>&, int64_t, const double*, double*, const RangeFn*,
                                   const int32_t*, LossWorkspace<double>&, double*, double*, double*);

}  // namespace svm::loss
