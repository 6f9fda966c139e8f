// The inner loops the linear-classifier kernels are built from, for a tile of CT classes held in
// registers: scores of rows against CT columns of W, and a rank-update of CT rows of the transposed
// gradient. Two families:
// - row layout (linear_scores.cc): W transposed, C × Dp, rows zero-padded to a multiple of the
//   vector width; one row at a time, simple and good enough for a single pass over X;
// - panel layout, column windows and register blocking (linear_loss.cc, the fused loss): see the
//   section "Blocked kernels" below.
#pragma once

#include <algorithm>
#include <cstddef>
#include <climits>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "kernels/simd.h"

namespace svm::tiles {

using simd::load;
using simd::splat;
using simd::store;
using simd::Vec;
using simd::vec_t;

template <typename T>
inline int64_t padded(int64_t D) {
  constexpr int64_t L = Vec<T>::width;
  return (D + L - 1) / L * L;
}

// out[k] = x · Wt[k] for k < CT (Wt points at the tile's first class row, rows Dp apart).
template <typename T, int CT>
void scores(const T* x, const T* Wt, int64_t D, int64_t Dp, T* out) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  V acc[CT];
  for (int k = 0; k < CT; ++k) acc[k] = V{};
  const int64_t Dv = D / L * L;
  for (int64_t d = 0; d < Dv; d += L) {
    const V xv = load(x + d);
    for (int k = 0; k < CT; ++k) acc[k] += xv * load(Wt + k * Dp + d);
  }
  for (int k = 0; k < CT; ++k) {
    T s = simd::hsum<T>(acc[k]);
    for (int64_t d = Dv; d < D; ++d) s += x[d] * Wt[k * Dp + d];
    out[k] = s;
  }
}

// dWt[k] += Σ_b coef[b·CT + k] · xs[b] for k < CT (dWt points at the tile's first row).
template <typename T, int CT>
void rank_update(const T* const* xs, const T* coef, int n, int64_t D, int64_t Dp, T* dWt) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  const int64_t Dv = D / L * L;
  for (int64_t d = 0; d < Dv; d += L) {
    V acc[CT];
    for (int k = 0; k < CT; ++k) acc[k] = load(dWt + k * Dp + d);
    for (int b = 0; b < n; ++b) {
      const V xv = load(xs[b] + d);
      const T* m = coef + b * CT;
      for (int k = 0; k < CT; ++k) acc[k] += splat(m[k]) * xv;
    }
    for (int k = 0; k < CT; ++k) store(dWt + k * Dp + d, acc[k]);
  }
  for (int64_t d = Dv; d < D; ++d)
    for (int b = 0; b < n; ++b)
      for (int k = 0; k < CT; ++k) dWt[k * Dp + d] += coef[b * CT + k] * xs[b][d];
}

// Cache lines to prefetch into L2 a few at a time from inside the kernels' loops: memory then
// streams at the pace the arithmetic leaves room for. Issued in bursts instead, prefetches fill every
// line fill buffer of the core for the ~100 ns a memory access takes, and the arithmetic, whose loads
// from L2 need those buffers too, stalls until the burst is through: the two take turns instead of
// overlapping. The lines are listed beforehand (stream_lines), so issuing one is a load and a
// prefetch, and the kernels keep the position in a register: walking rows and lines inside their
// loops cost ~20 instructions a line, a third of a kernel step's.
template <typename T>
struct LineStream {
  const uint32_t* lines = nullptr;  // line numbers from base
  int64_t pos = 0, end = 0;         // the next line to issue; past the last
  std::uintptr_t base = 0;          // a 64-byte aligned address, line number 0
  static constexpr int kMaxRate = 4;
  int rate = 1;                     // lines per kernel iteration, 0 … kMaxRate (set through set_rate)
  void set_rate(int r) { rate = std::clamp(r, 0, kMaxRate); }
  // One bounds check an iteration rather than one a line, and no loop at run time: the check and
  // loop per line took ~13 instructions a line, a fifth of the scores kernel's step at rate 2
  // (measured: this form 0.965–0.977× the step time).
  inline void issue() {
    if (pos + rate <= end) {
#pragma GCC unroll 4
      for (int k = 0; k < kMaxRate; ++k)
        if (k < rate) fetch(pos + k);
      pos += rate;
    } else {
      while (pos < end) fetch(pos++);  // the list's last few lines
    }
  }
  inline void fetch(int64_t i) const {
    simd::prefetch_l2(reinterpret_cast<const void*>(base + (static_cast<std::uintptr_t>(lines[i]) << 6)));
  }
};

// Rows per group of stream_lines.
constexpr int kStreamLanes = 8;

// Room stream_lines needs for `rows` rows of `cols` columns (a row's columns touch at most
// cols·sizeof(T)/64 + 2 lines).
template <typename T>
int64_t stream_capacity(int64_t rows, int64_t cols) {
  return rows * (cols * static_cast<int64_t>(sizeof(T)) / 64 + 2);
}

// Whether stream_lines can number every line of the `bytes` from base in 32 bits (up to 256 GB).
inline bool stream_fits(std::size_t bytes) { return (bytes >> 6) < UINT32_MAX; }

// Lists in out the cache lines of rows[r0, r1) over columns [c0, c1), as line numbers from base (at
// or below every row); returns how many. The rows go kStreamLanes at a time, a line of each in
// turn: every row is an ascending stream the L2's own prefetcher follows and runs ahead on, so eight
// rows keep eight such streams going where one row at a time keeps one (measured on CIFAR's batch:
// 0.87–0.89× the step time of one row at a time; four lanes and sixteen measured alike). The last
// group may have fewer rows.
template <typename T>
int64_t stream_lines(const T* const* rows, int64_t r0, int64_t r1, int64_t c0, int64_t c1, std::uintptr_t base,
                     uint32_t* out) {
  typedef uint32_t lanes_t __attribute__((vector_size(kStreamLanes * 4)));
  int64_t k = 0;
  for (int64_t g = r0; g < r1; g += kStreamLanes) {
    const int lanes = static_cast<int>(std::min<int64_t>(kStreamLanes, r1 - g));
    lanes_t first{}, count{};
    for (int l = 0; l < lanes; ++l) {  // addresses as integers: c1 may lie past the end of X (a tail)
      const std::uintptr_t row = reinterpret_cast<std::uintptr_t>(rows[g + l]);
      first[l] = static_cast<uint32_t>((row + c0 * sizeof(T) - base) >> 6);
      count[l] = static_cast<uint32_t>((row + c1 * sizeof(T) - 1 - base) >> 6) - first[l] + 1;
    }
    uint32_t fewest = count[0], most = count[0];
    for (int l = 1; l < lanes; ++l) fewest = std::min(fewest, count[l]), most = std::max(most, count[l]);
    uint32_t o = 0;
    if (lanes == kStreamLanes)  // the lines every row has: a whole vector of line numbers at a time
      for (; o < fewest; ++o, k += kStreamLanes) {
        const lanes_t line = first + o;
        std::memcpy(out + k, &line, sizeof line);
      }
    for (; o < most; ++o)
      for (int l = 0; l < lanes; ++l)
        if (o < count[l]) out[k++] = first[l] + o;
  }
  return k;
}

// --- Blocked kernels of the fused loss (linear_loss.cc) -------------------------------------------
// W and its gradient are kept in "panels": for every step of L columns (L = vector width), the C
// class vectors side by side, P[(d / L)·C·L + c·L + d % L] = Wᵀ[c][d]. A step's W vectors then sit
// at fixed offsets from one pointer, so every load is base+displacement (indexed addresses would
// split each fused load+multiply-add into two micro-ops on Intel cores, costing a third of the
// throughput), and a window of steps is one contiguous slice of memory.
//
// The kernels work on a column window [x0, x0 + len) of a block of rows whose data sits in L2: the
// scores kernel keeps R rows × CT classes of partial sums in registers so each W vector loaded feeds
// R multiply-adds, and the caller walks windows small enough for their slice of W to stay in L1. The
// gradient kernel keeps CT classes × NV vectors of dW in registers across all rows of the block.

// acc[(r·acc_stride + k)·L ..] (a vector of partial sums) += xs[r][x0 + d] · W[c0 + k][x0 + d] lane
// by lane, for r < R, k < CT and d < len (a positive multiple of L); with fresh, = instead of += (a
// block's first window: no clearing of the sums beforehand, ~1% of the step's time for CIFAR's
// batch). w points at the panel of step x0/L, class c0, and steps are w_step apart. While it
// streams, the same window of the rows in pf (the next block's, or null) is prefetched, one cache
// line per row and step, to be in L2 when needed.
template <typename T, int R, int CT>
void scores_window(const T* const* xs, const T* const* pf, int64_t x0, const T* w, int64_t w_step, int64_t len,
                   T* acc, int64_t acc_stride, bool fresh, LineStream<T>* ls) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  LineStream<T> s;  // a copy, so its position stays in a register through the loop
  if (ls) s = *ls;
  const T* x[R];
  V a[R][CT];
  for (int r = 0; r < R; ++r) {
    x[r] = xs[r] + x0;
    for (int k = 0; k < CT; ++k) a[r][k] = fresh ? V{} : load(acc + (r * acc_stride + k) * L);
  }
  // A do-while (len > 0): for a loop that may not run, GCC keeps a copy of every accumulator on the
  // stack, a store and a reload each per call (the loop without them: 0.94× the time).
  int64_t d = 0;
  do {
    V xv[R];
    for (int r = 0; r < R; ++r) xv[r] = load(x[r] + d);
    // Each row pair jumps to new lines every window, faster than L1's own prefetcher follows;
    // asking 4 steps ahead measured 2–5% faster end to end.
    for (int r = 0; r < R; ++r) simd::prefetch_l1_at(x[r] + d, 4 * L * static_cast<std::ptrdiff_t>(sizeof(T)));
    if (pf)
      for (int r = 0; r < R; ++r) simd::prefetch_l2(pf[r] + x0 + d);
    if (ls) s.issue();
    for (int k = 0; k < CT; ++k) {
      V wv = load(w + k * L);
      if (R > 1) simd::pin(wv);
      for (int r = 0; r < R; ++r) a[r][k] += xv[r] * wv;
    }
    d += L, w += w_step;
  } while (d < len);
  if (ls) ls->pos = s.pos;
  for (int r = 0; r < R; ++r)
    for (int k = 0; k < CT; ++k) store(acc + (r * acc_stride + k) * L, a[r][k]);
}

// How a gradient kernel call starts and ends. By default it adds its sums to dW. With zero, the sums
// start from zero instead (dW's first block of rows: nothing to clear beforehand). With w set, the
// call finishes the gradient: it writes scale·sum + two_reg·W (w points at W's panels at dw's
// offset) and adds the squares of each step of NV vectors to sq[its index in the call] — so the
// gradient is written once, with no pass of its own, and a norm summed step by step does not depend
// on how the columns were split into calls.
//
// The hinge gradient's column sums (list_update_window) come in two ways: zero_sums starts them from
// zero in a list call, and sums (column sums at dw's first column, or null) has a rank call that
// finishes the gradient add them to each class first, when earlier blocks went by lists.
template <typename T>
struct GradStep {
  bool zero = false, zero_sums = false;
  const T* w = nullptr;
  const T* sums = nullptr;
  T scale = 1, two_reg = 0;
  double* sq = nullptr;
};

// The end of a gradient kernel's step of NV vectors: its CT × NV sums stored into dW; or, when the
// call finishes the gradient (w set), scale·sum + two_reg·W stored and their squares added to sq.
template <typename T, int CT, int NV>
inline void store_step(vec_t<T> (&acc)[CT][NV], const T* w, T* dw, int64_t w_step, const GradStep<T>& st,
                       int64_t step) {
  using V = vec_t<T>;
  using W = typename Vec<T>::wide;
  constexpr int64_t L = Vec<T>::width;
  if (!w) {
    for (int k = 0; k < CT; ++k)
      for (int v = 0; v < NV; ++v) store(dw + v * w_step + k * L, acc[k][v]);
    return;
  }
  const V scale = splat(st.scale), two_reg = splat(st.two_reg);
  W squares{};
  for (int k = 0; k < CT; ++k)
    for (int v = 0; v < NV; ++v) {
      const V g = acc[k][v] * scale + two_reg * load(w + v * w_step + k * L);
      const W gw = __builtin_convertvector(g, W);
      squares += gw * gw;
      store(dw + v * w_step + k * L, g);
    }
  double total = 0;
  for (int i = 0; i < L; ++i) total += squares[i];
  st.sq[step] += total;
}

// dW[c0 + k][x0 + d] += Σ_b coef[b·CT + k] · xs[b][x0 + d] for k < CT and d < len (a multiple of NV
// vectors); dw points at the panel of step x0/L, class c0, steps w_step apart. The sum runs over b
// in order, so the result does not depend on how rows were blocked. Meanwhile the same columns of
// the rows in pf (when not null) are prefetched into L2.
template <typename T, int CT, int NV>
void rank_update_window(const T* const* xs, const T* const* pf, const T* coef, int n, int64_t x0, int64_t len, T* dw,
                        int64_t w_step, const GradStep<T>& st, LineStream<T>* ls) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  const T* w = st.w;
  LineStream<T> s;
  if (ls) s = *ls;
  for (int64_t d = 0, step = 0; d < len; d += NV * L, dw += NV * w_step, w += w ? NV * w_step : 0, ++step) {
    V acc[CT][NV];
    for (int k = 0; k < CT; ++k)
      for (int v = 0; v < NV; ++v) acc[k][v] = st.zero ? V{} : load(dw + v * w_step + k * L);
    for (int b = 0; b < n; ++b) {
      const T* x = xs[b] + x0 + d;
      V xv[NV];
      for (int v = 0; v < NV; ++v) xv[v] = load(x + v * L);
      // Each row is revisited only after all the others: ask for its vectors two steps ahead, so they
      // are in L1 by then instead of each load waiting. Two steps rather than one: a worker's gradient
      // columns are partly rows another core scored (column_split.cc), served from that core's cache,
      // slower than L2 (measured 0.96–0.97× the step time; three steps ahead no better).
      for (int v = 0; v < NV; ++v)
        simd::prefetch_l1_at(x + v * L, 2 * NV * L * static_cast<std::ptrdiff_t>(sizeof(T)));
      if (pf)
        for (int v = 0; v < NV; ++v) simd::prefetch_l2(pf[b] + x0 + d + v * L);
      if (ls) s.issue();
      const T* m = coef + b * CT;
      for (int k = 0; k < CT; ++k) {
        const V c = splat(m[k]);
        for (int v = 0; v < NV; ++v) acc[k][v] += c * xv[v];
      }
    }
    if (w && st.sums)
      for (int v = 0; v < NV; ++v) {
        const V sum = load(st.sums + d + v * L);
        for (int k = 0; k < CT; ++k) acc[k][v] += sum;
      }
    store_step<T, CT, NV>(acc, w, dw, w_step, st, step);
  }
  if (ls) ls->pos = s.pos;
}

// The SVM gradient from class lists: dW[k][x0 + d] += Σ_e coef[e] · xs[e][x0 + d] over class k's
// entries e ∈ [start[k], start[k + 1]), and the column sums sums[d] += xs[e][x0 + d] over its first
// fused[k] entries (each such row is fused into one class only), for k < CT and d < len. A hinge
// row's coefficients are 1 for each violated class and −count for its label: a row with most
// classes violated is cheaper as 1 + (coef − 1), its row added to the column sums once and then only
// its few satisfied classes (−1) and its label (−count − 1) to dW, so the call that finishes the
// gradient adds the sums to every class: scale·(dW + sums) + two_reg·W. With all classes violated
// (training's start, and CS231n's regularized runs throughout) a row costs two vector operations
// instead of C multiply-adds. sums points at the column sums from column x0 on; they start from zero
// with st.zero_sums (dW with st.zero). Entries run in order, so results do not depend on how rows
// were blocked. Measured on a block of 32 cached rows over 1536 columns (C = 10): 5.9 µs with every
// class violated against the dense rank kernel's 10.3 µs; but an entry reads its row again, so at
// half the classes violated (~160 entries) 17 µs: pack_lists's caller chooses (lists_pay).
// Rounding differs from the dense form's: a fused row is added at −count − 1 and the column sums
// run over all fused rows, so within about C/(C − 1) of the largest float a column can overflow
// where the dense sum would not (the library reports a float32 gradient overflow as an error).
template <typename T, int CT, int NV>
void list_update_window(const T* const* xs, const T* coef, const int* start, const int* fused, int64_t x0,
                        int64_t len, T* dw, int64_t w_step, T* sums, const GradStep<T>& st, LineStream<T>* ls) {
  using V = vec_t<T>;
  constexpr int64_t L = Vec<T>::width;
  const T* w = st.w;
  LineStream<T> s;
  if (ls) s = *ls;
  for (int64_t d = 0, step = 0; d < len;
       d += NV * L, dw += NV * w_step, sums += NV * L, w += w ? NV * w_step : 0, ++step) {
    V acc[CT][NV], sum[NV];
    for (int v = 0; v < NV; ++v) sum[v] = st.zero_sums ? V{} : load(sums + v * L);
    for (int k = 0; k < CT; ++k)
      for (int v = 0; v < NV; ++v) acc[k][v] = st.zero ? V{} : load(dw + v * w_step + k * L);
    // Unrolled, so each class's accumulators stay in registers through its runtime loop of entries.
#pragma GCC unroll 16
    for (int k = 0; k < CT; ++k) {
      int e = start[k];
      const int plain = e + fused[k], end = start[k + 1];
      for (; e < end; ++e) {
        const T* x = xs[e] + x0 + d;
        V xv[NV];
        for (int v = 0; v < NV; ++v) xv[v] = load(x + v * L);
        // As in rank_update_window: a row comes round again only next step, so its vectors are asked
        // for two steps ahead.
        for (int v = 0; v < NV; ++v)
          simd::prefetch_l1_at(x + v * L, 2 * NV * L * static_cast<std::ptrdiff_t>(sizeof(T)));
        if (ls) s.issue();
        const V c = splat(coef[e]);
        for (int v = 0; v < NV; ++v) acc[k][v] += c * xv[v];
        if (e < plain)
          for (int v = 0; v < NV; ++v) sum[v] += xv[v];
      }
    }
    if (w)
      for (int k = 0; k < CT; ++k)
        for (int v = 0; v < NV; ++v) acc[k][v] += sum[v];
    else
      for (int v = 0; v < NV; ++v) store(sums + v * L, sum[v]);
    store_step<T, CT, NV>(acc, w, dw, w_step, st, step);
  }
  if (ls) ls->pos = s.pos;
}

// W (D × C, row-major) into panels, zero past D. Step by step: L rows of W are one contiguous
// L·C block, and so is their panel, so both sides stream.
template <typename T>
void to_panels(const T* W, int64_t D, int64_t C, int64_t Dp, T* P) {
  constexpr int64_t L = Vec<T>::width;
  for (int64_t d0 = 0; d0 < Dp; d0 += L, W += L * C, P += L * C) {
    const int64_t rows = std::min<int64_t>(L, D - d0);
    for (int64_t c = 0; c < C; ++c) {
      for (int64_t i = 0; i < rows; ++i) P[c * L + i] = W[i * C + c];
      for (int64_t i = rows; i < L; ++i) P[c * L + i] = 0;
    }
  }
}

// Panels back to row-major (D × C), the padding dropped: the inverse of to_panels. A step's panel
// (C·L) is one contiguous block, as are the L rows it becomes, so both sides stay in L1.
template <typename T>
void from_panels(const T* P, int64_t D, int64_t C, T* out) {
  constexpr int64_t L = Vec<T>::width;
  for (int64_t d0 = 0; d0 < D; d0 += L, P += L * C, out += L * C) {
    const int64_t rows = std::min<int64_t>(L, D - d0);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t c = 0; c < C; ++c) out[i * C + c] = P[c * L + i];
  }
}

// Runtime tile size → compile-time template instance.
template <typename T>
using ScoresFn = void (*)(const T*, const T*, int64_t, int64_t, T*);
template <typename T>
using RankUpdateFn = void (*)(const T* const*, const T*, int, int64_t, int64_t, T*);

template <typename T>
ScoresFn<T> scores_for(int ct) {
  switch (ct) {
#define SVM_TILE_CASE(n) \
  case n:                \
    return &scores<T, n>;
    SVM_TILE_CASE(1) SVM_TILE_CASE(2) SVM_TILE_CASE(3) SVM_TILE_CASE(4) SVM_TILE_CASE(5) SVM_TILE_CASE(6)
#if defined(__AVX512F__)
    SVM_TILE_CASE(7) SVM_TILE_CASE(8) SVM_TILE_CASE(9) SVM_TILE_CASE(10) SVM_TILE_CASE(11) SVM_TILE_CASE(12)
#endif
#undef SVM_TILE_CASE
    default:
      throw std::logic_error("class tile size out of range");
  }
}

template <typename T>
RankUpdateFn<T> rank_update_for(int ct) {
  switch (ct) {
#define SVM_TILE_CASE(n) \
  case n:                \
    return &rank_update<T, n>;
    SVM_TILE_CASE(1) SVM_TILE_CASE(2) SVM_TILE_CASE(3) SVM_TILE_CASE(4) SVM_TILE_CASE(5) SVM_TILE_CASE(6)
#if defined(__AVX512F__)
    SVM_TILE_CASE(7) SVM_TILE_CASE(8) SVM_TILE_CASE(9) SVM_TILE_CASE(10) SVM_TILE_CASE(11) SVM_TILE_CASE(12)
#endif
#undef SVM_TILE_CASE
    default:
      throw std::logic_error("class tile size out of range");
  }
}

template <typename T>
using ScoresWindowFn = void (*)(const T* const*, const T* const*, int64_t, const T*, int64_t, int64_t, T*, int64_t,
                                bool, LineStream<T>*);
template <typename T>
using RankWindowFn = void (*)(const T* const*, const T* const*, const T*, int, int64_t, int64_t, T*, int64_t,
                              const GradStep<T>&, LineStream<T>*);
template <typename T>
using ListWindowFn = void (*)(const T* const*, const T*, const int*, const int*, int64_t, int64_t, T*, int64_t, T*,
                              const GradStep<T>&, LineStream<T>*);

// Instances for rows ∈ {1, kRowTile} and vectors ∈ {1, kColTile}, indexed [ct − 1][rows − 1].
template <typename T>
struct WindowKernels {
  ScoresWindowFn<T> scores[simd::kMaxClassTile][simd::kRowTile];
  RankWindowFn<T> rank[simd::kMaxClassTile][simd::kColTile];
  ListWindowFn<T> lists[simd::kMaxClassTile][simd::kColTile];

  static const WindowKernels& get() {
    static const WindowKernels k = make(std::make_integer_sequence<int, simd::kMaxClassTile>{});
    return k;
  }

 private:
  template <int... I>
  static WindowKernels make(std::integer_sequence<int, I...>) {
    WindowKernels k{};
    ((k.scores[I][0] = &scores_window<T, 1, I + 1>), ...);
    ((k.scores[I][simd::kRowTile - 1] = &scores_window<T, simd::kRowTile, I + 1>), ...);
    ((k.rank[I][0] = &rank_update_window<T, I + 1, 1>), ...);
    ((k.rank[I][simd::kColTile - 1] = &rank_update_window<T, I + 1, simd::kColTile>), ...);
    ((k.lists[I][0] = &list_update_window<T, I + 1, 1>), ...);
    ((k.lists[I][simd::kColTile - 1] = &list_update_window<T, I + 1, simd::kColTile>), ...);
    return k;
  }
};

// Splits C classes into the fewest tiles of at most kMaxClassTile, sizes as equal as possible.
struct ClassTiles {
  explicit ClassTiles(int64_t C)
      : count(static_cast<int>((C + simd::kMaxClassTile - 1) / simd::kMaxClassTile)),
        base(static_cast<int>(C / count)),
        extra(static_cast<int>(C % count)) {}
  int size(int t) const { return base + (t < extra ? 1 : 0); }
  int start(int t) const { return t * base + (t < extra ? t : extra); }
  int count, base, extra;
};

// Wt (C × Dp) = Wᵀ with zero padding.
template <typename T>
void transpose_padded(const T* W, int64_t D, int64_t C, int64_t Dp, T* Wt) {
  for (int64_t c = 0; c < C; ++c) {
    T* row = Wt + c * Dp;
    for (int64_t d = 0; d < D; ++d) row[d] = W[d * C + c];
    for (int64_t d = D; d < Dp; ++d) row[d] = 0;
  }
}

}  // namespace svm::tiles
