#include "kernels/linear_scores.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "kernels/thread_pool.h"
#include "kernels/tiles.h"

namespace svm {

namespace {

constexpr int64_t kRowsPerTask = 256;

// Calls row_fn(i, scores_of_row_i) for every row, rows spread over the pool.
template <typename T, typename RowFn>
void for_each_scored_row(const T* X, int64_t N, int64_t D, const T* W, int64_t C, RowFn&& row_fn) {
  if (C < 1) throw std::invalid_argument("W has no columns (classes)");
  if (D < 1) throw std::invalid_argument("X has no columns");
  const int64_t Dp = tiles::padded<T>(D);
  std::vector<T> Wt(C * Dp);
  tiles::transpose_padded(W, D, C, Dp, Wt.data());
  const tiles::ClassTiles ct(C);
  const int64_t tasks = (N + kRowsPerTask - 1) / kRowsPerTask;
  const double work = static_cast<double>(N) * D * C;
  auto lease = ThreadPool::global().acquire(work < (1 << 20) ? 1 : static_cast<int>(tasks));
  lease.run(tasks, [&](int64_t task, int) {
    std::vector<T> s(C);
    const int64_t r1 = std::min(N, (task + 1) * kRowsPerTask);
    for (int64_t i = task * kRowsPerTask; i < r1; ++i) {
      for (int t = 0; t < ct.count; ++t)
        tiles::scores_for<T>(ct.size(t))(X + i * D, Wt.data() + ct.start(t) * Dp, D, Dp, s.data() + ct.start(t));
      row_fn(i, s.data());
    }
  });
}

}  // namespace

template <typename T>
void linear_scores(const T* X, int64_t N, int64_t D, const T* W, int64_t C, T* S) {
  for_each_scored_row(X, N, D, W, C, [&](int64_t i, const T* s) { std::copy(s, s + C, S + i * C); });
}

template <typename T>
void linear_predict(const T* X, int64_t N, int64_t D, const T* W, int64_t C, int32_t* out) {
  for_each_scored_row(X, N, D, W, C, [&](int64_t i, const T* s) {
    bool nan = false;
    for (int64_t c = 0; c < C; ++c) nan |= s[c] != s[c];
    out[i] = nan ? -1 : static_cast<int32_t>(std::max_element(s, s + C) - s);
  });
}

template <typename T>
int64_t first_non_finite(const T* p, int64_t n) {
  constexpr int64_t kChunk = 1 << 16;
  const int64_t tasks = (n + kChunk - 1) / kChunk;
  std::atomic<int64_t> first{n};
  auto lease = ThreadPool::global().acquire(n < (1 << 20) ? 1 : static_cast<int>(tasks));
  lease.run(tasks, [&](int64_t task, int) {
    const int64_t lo = task * kChunk, hi = std::min(n, lo + kChunk);
    if (lo >= first.load(std::memory_order_relaxed)) return;
    // x - x is 0 for finite x and NaN for NaN/±Inf: one branch-free pass that vectorizes.
    T probe = 0;
#pragma omp simd reduction(+ : probe)
    for (int64_t i = lo; i < hi; ++i) probe += p[i] - p[i];
    if (probe == 0) return;
    for (int64_t i = lo; i < hi; ++i) {
      if (!std::isfinite(p[i])) {
        int64_t cur = first.load();
        while (i < cur && !first.compare_exchange_weak(cur, i)) {
        }
        return;
      }
    }
  });
  const int64_t f = first.load();
  return f == n ? -1 : f;
}

template void linear_scores<float>(const float*, int64_t, int64_t, const float*, int64_t, float*);
template void linear_scores<double>(const double*, int64_t, int64_t, const double*, int64_t, double*);
template void linear_predict<float>(const float*, int64_t, int64_t, const float*, int64_t, int32_t*);
template void linear_predict<double>(const double*, int64_t, int64_t, const double*, int64_t, int32_t*);
template int64_t first_non_finite<float>(const float*, int64_t);
template int64_t first_non_finite<double>(const double*, int64_t);

}  // namespace svm
