// Kernel tests without Node: the fused loss against a plain double-precision loop, across shapes
// (C=1..13 covers every class tile, D around the vector width covers the tails, CIFAR's D the
// column windows), both dtypes, full data and mini-batches, and bit-for-bit determinism across
// thread counts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/linear_loss.h"
#include "kernels/linear_scores.h"
#include "kernels/panel_loss.h"
#include "kernels/rng.h"
#include "kernels/thread_pool.h"
#include "kernels/tiles.h"
#include "kernels/train_loop.h"

#include "check.h"

using namespace svm;


// Straight from the definition, in double.
static double naive(LossKind kind, const std::vector<double>& X, const std::vector<int32_t>& y,
                    const std::vector<int32_t>& rows, const std::vector<double>& W, int64_t D, int64_t C, double reg,
                    double delta, std::vector<double>& grad) {
  grad.assign(D * C, 0.0);
  double loss = 0;
  const double n = static_cast<double>(rows.size());
  std::vector<double> s(C), coef(C);
  for (int32_t r : rows) {
    const double* x = &X[r * D];
    for (int64_t c = 0; c < C; ++c) {
      s[c] = 0;
      for (int64_t d = 0; d < D; ++d) s[c] += x[d] * W[d * C + c];
    }
    const int32_t yi = y[r];
    if (kind == LossKind::Svm) {
      int cnt = 0;
      for (int64_t c = 0; c < C; ++c) {
        coef[c] = 0;
        if (c == yi) continue;
        const double m = s[c] - s[yi] + delta;
        if (m > 0) loss += m, coef[c] = 1, ++cnt;
      }
      coef[yi] = -cnt;
    } else {
      double mx = s[0], sum = 0;
      for (int64_t c = 1; c < C; ++c) mx = std::max(mx, s[c]);
      for (int64_t c = 0; c < C; ++c) sum += std::exp(s[c] - mx);
      for (int64_t c = 0; c < C; ++c) coef[c] = std::exp(s[c] - mx) / sum - (c == yi);
      loss += std::log(sum) - (s[yi] - mx);
    }
    for (int64_t d = 0; d < D; ++d)
      for (int64_t c = 0; c < C; ++c) grad[d * C + c] += coef[c] * x[d] / n;
  }
  double sq = 0;
  for (int64_t i = 0; i < D * C; ++i) sq += W[i] * W[i], grad[i] += 2 * reg * W[i];
  return loss / n + reg * sq;
}

// How many hinge margins a case's rows violate, which decides how the column split takes a block's
// gradient (by class lists or dense; lists_pay): about half (random scores), all (W near 0: every
// block by lists), or runs of 64 rows of each, taken in order, so one call has blocks of both kinds —
// starting with all violated (lists first, a dense block last) or with random. In the runs, W's
// first half of features is the same for every class and the all-violated rows have next to nothing
// in the second half: their classes score alike, yet their gradient is as large as the others'.
enum class Margins { Random, AllViolated, RunsAllFirst, RunsRandomFirst };

// batch_rows: rows of the mini-batch when batched (default N/2 + 1, drawn with replacement; in order
// for the runs). With lists = {lo, hi} the call must take the class lists for lo to hi of its blocks
// (so a retuned lists_pay cannot quietly turn these cases dense), and give the same bits on 1 and 3
// threads.
template <typename T>
static void check_case(LossKind kind, int64_t N, int64_t D, int64_t C, bool batched, std::mt19937& rng,
                       int64_t batch_rows = -1, Margins margins = Margins::Random,
                       std::pair<int64_t, int64_t> lists = {-1, -1}) {
  std::normal_distribution<double> g(0, 1);
  std::vector<double> Xd(N * D), Wd(D * C);
  const bool runs = margins == Margins::RunsAllFirst || margins == Margins::RunsRandomFirst;
  for (int64_t i = 0; i < N * D; ++i) {
    const bool alike = runs && ((i / D / 64) % 2 == 0) == (margins == Margins::RunsAllFirst) && i % D >= D / 2;
    Xd[i] = static_cast<double>(static_cast<T>(g(rng) * (alike ? 1e-6 : 1.0)));
  }
  const double w_scale = margins == Margins::AllViolated ? 1e-6 : 0.3;
  for (int64_t i = 0; i < D * C; ++i)
    Wd[i] = runs && i / C < D / 2 && i % C ? Wd[i - i % C] : static_cast<double>(static_cast<T>(w_scale * g(rng)));
  std::vector<int32_t> y(N), rows;
  for (auto& v : y) v = static_cast<int32_t>(rng() % C);
  if (batched && runs)
    for (int64_t i = 0; i < batch_rows; ++i) rows.push_back(static_cast<int32_t>(i));
  else if (batched)
    for (int64_t i = 0; i < (batch_rows < 0 ? N / 2 + 1 : batch_rows); ++i) rows.push_back(static_cast<int32_t>(rng() % N));
  else
    for (int64_t i = 0; i < N; ++i) rows.push_back(static_cast<int32_t>(i));
  std::vector<T> X(Xd.begin(), Xd.end()), W(Wd.begin(), Wd.end()), grad(D * C);
  std::vector<double> want_grad;
  const double reg = 0.1, delta = 1.0;
  const double want = naive(kind, Xd, y, rows, Wd, D, C, reg, delta, want_grad);

  LossInput<T> in;
  in.X = X.data(), in.rows_total = N, in.D = D, in.y = y.data(), in.W = W.data(), in.C = C;
  in.kind = kind, in.reg = reg, in.delta = delta;
  if (batched) in.batch = rows.data(), in.batch_size = static_cast<int64_t>(rows.size());
  const LossStats got = loss_and_grad<T>(in, grad.data());
  const double tol = sizeof(T) == 4 ? 1e-4 : 1e-10;
  CHECK(std::abs(got.loss - want) <= tol * std::max(1.0, std::abs(want)), "loss N=%lld D=%lld C=%lld: %g vs %g",
        (long long)N, (long long)D, (long long)C, got.loss, want);
  double max_err = 0, max_ref = 1e-12;
  for (int64_t i = 0; i < D * C; ++i) {
    max_err = std::max(max_err, std::abs(grad[i] - want_grad[i]));
    max_ref = std::max(max_ref, std::abs(want_grad[i]));
  }
  CHECK(max_err / max_ref <= tol * 10, "grad N=%lld D=%lld C=%lld kind=%d: rel err %g", (long long)N, (long long)D,
        (long long)C, (int)kind, max_err / max_ref);
  // The loss alone (no gradient) takes the same path minus the gradient steps.
  const double loss_only = loss_and_grad<T>(in, nullptr).loss;
  CHECK(loss_only == got.loss, "loss without gradient N=%lld D=%lld C=%lld: %.17g vs %.17g", (long long)N,
        (long long)D, (long long)C, loss_only, got.loss);
  if (lists.first < 0) return;
  LossWorkspace<T> ws;
  std::vector<T> g1(D * C), g3(D * C);
  ThreadPool::global().set_threads(1);
  loss_and_grad<T>(in, g1.data(), ws);
  CHECK(ws.list_blocks >= lists.first && ws.list_blocks <= lists.second,
        "D=%lld C=%lld margins %d: %lld blocks by class lists, expected %lld to %lld", (long long)D, (long long)C,
        (int)margins, (long long)ws.list_blocks, (long long)lists.first, (long long)lists.second);
  ThreadPool::global().set_threads(3);
  loss_and_grad<T>(in, g3.data(), ws);
  ThreadPool::global().set_threads(2);
  CHECK(std::memcmp(g1.data(), g3.data(), g1.size() * sizeof(T)) == 0 && std::memcmp(g1.data(), grad.data(), g1.size() * sizeof(T)) == 0,
        "D=%lld C=%lld margins %d: the gradient differs between 1, 2 and 3 threads", (long long)D, (long long)C, (int)margins);
}

// The column parts a case was sized for: without this check a retuned threshold would quietly send
// it down the row-shard path and leave the column split untested.
template <typename T>
static void check_parts(int64_t n, int64_t D, int64_t C, int64_t at_least, int64_t exactly = 0) {
  const int64_t parts = loss::column_parts(n, D, C, simd::Vec<T>::width);
  CHECK(exactly ? parts == exactly : parts >= at_least, "n=%lld D=%lld C=%lld: %lld column parts, expected %s %lld",
        (long long)n, (long long)D, (long long)C, (long long)parts, exactly ? "exactly" : "at least",
        (long long)(exactly ? exactly : at_least));
}

// A random float problem of N rows (a mini-batch of batch_rows of them when batch_rows > 0), as the
// determinism checks use it; `in` points into the vectors.
struct RandomProblem {
  std::vector<float> X, W;
  std::vector<int32_t> y, rows;
  LossInput<float> in;
  RandomProblem(int64_t N, int64_t D, int64_t C, int64_t batch_rows, uint32_t seed)
      : X(N * D), W(D * C), y(N), rows(std::max<int64_t>(batch_rows, 0)) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0, 1);
    for (auto& v : X) v = g(rng);
    for (auto& v : W) v = 0.01f * g(rng);
    for (auto& v : y) v = static_cast<int32_t>(rng() % C);
    for (auto& v : rows) v = static_cast<int32_t>(rng() % N);
    in.X = X.data(), in.rows_total = N, in.D = D, in.y = y.data(), in.W = W.data(), in.C = C, in.reg = 0.5;
    if (batch_rows > 0) in.batch = rows.data(), in.batch_size = batch_rows;
  }
  RandomProblem(const RandomProblem&) = delete;
};

// Same bits on 1, 2 and 3 threads: full data and a large mini-batch (several row shards each), and
// CIFAR-sized mini-batches (column parts: 2 of them, and 4 over 3 threads, unevenly).
static void check_determinism(int64_t N, int64_t D, int64_t C, int64_t batch_rows) {
  const RandomProblem p(N, D, C, batch_rows, 7);
  std::vector<float> g1(D * C), g2(D * C);
  ThreadPool::global().set_threads(1);
  const double l1 = loss_and_grad<float>(p.in, g1.data()).loss;
  for (int threads : {2, 3}) {
    ThreadPool::global().set_threads(threads);
    const double l2 = loss_and_grad<float>(p.in, g2.data()).loss;
    CHECK(l1 == l2, "loss differs on %d threads (N=%lld D=%lld batch=%lld): %.17g vs %.17g", threads, (long long)N,
          (long long)D, (long long)batch_rows, l1, l2);
    CHECK(g1 == g2, "gradient differs on %d threads (N=%lld D=%lld batch=%lld)", threads, (long long)N, (long long)D,
          (long long)batch_rows);
  }
  ThreadPool::global().set_threads(2);
}

// The gradient's columns are split between workers by timing (column_split.cc): whatever the split,
// the loss, every bit of the gradient and its norm must be the same, and the norm must be the sum of
// the gradient's squares. Splits forced through the workspace: the starting one (an empty split makes
// the call start over), each worker down to one unit, and random ones.
static void check_gradient_split(int64_t N, int64_t D, int64_t C, int64_t batch_rows, int threads) {
  const RandomProblem p(N, D, C, batch_rows, 11);
  const LossInput<float>& in = p.in;
  std::mt19937 rng(12);
  const int64_t Dp = tiles::padded<float>(D);
  simd::aligned_vector<float> Wp(C * Dp), G0(C * Dp), G1(C * Dp);
  tiles::to_panels(p.W.data(), D, C, Dp, Wp.data());
  ThreadPool::global().set_threads(threads);
  const int64_t workers = std::min<int64_t>(threads, loss::column_parts(batch_rows, D, C, simd::Vec<float>::width));
  LossWorkspace<float> ws;
  double sq0 = 0, sq1 = 0;
  const double l0 = panel_loss_and_grad<float>(in, Wp.data(), G0.data(), &sq0, ws).loss;
  double want_sq = 0;
  for (const float v : G0) want_sq += static_cast<double>(v) * v;
  CHECK(std::abs(sq0 - want_sq) <= 1e-9 * want_sq, "gradient norm² %.17g vs Σ G² %.17g (D=%lld)", sq0, want_sq,
        (long long)D);
  CHECK(static_cast<int64_t>(ws.grad_split.size()) == workers + 1, "one gradient range per worker (D=%lld)",
        (long long)D);
  const int64_t units = ws.grad_split.back();
  std::vector<int64_t> start(workers + 1);
  for (int64_t w = 0; w <= workers; ++w) start[w] = units * w / workers;
  std::vector<std::vector<int64_t>> splits = {{}};  // starting over
  for (int64_t w = 1; w < workers; ++w) {
    std::vector<int64_t> low(start), high(start);
    low[w] = low[w - 1] + 1, high[w] = high[w + 1] - 1;
    splits.push_back(low), splits.push_back(high);
  }
  for (int r = 0; r < 3; ++r) {
    std::vector<int64_t> s(start);
    for (int64_t w = 1; w < workers; ++w)  // leaving a unit at least for each worker after w
      s[w] = s[w - 1] + 1 + static_cast<int64_t>(rng() % (units - s[w - 1] - (workers - w)));
    splits.push_back(s);
  }
  for (const auto& s : splits) {
    ws.grad_split = s;
    const double l1 = panel_loss_and_grad<float>(in, Wp.data(), G1.data(), &sq1, ws).loss;
    const bool same = l1 == l0 && std::memcmp(&sq1, &sq0, sizeof sq0) == 0 &&
                      std::memcmp(G1.data(), G0.data(), G0.size() * sizeof(float)) == 0;
    CHECK(same, "a gradient split of %lld units (%lld at the first boundary) changes the result (D=%lld)",
          (long long)units, s.empty() ? -1LL : (long long)s[1], (long long)D);
    // The call used the forced split rather than starting over (a rebalance moves inner boundaries only).
    CHECK(s.empty() || (ws.grad_split.size() == s.size() && ws.grad_split.back() == s.back()),
          "the forced split was used (D=%lld)", (long long)D);
  }
  ThreadPool::global().set_threads(2);
}

// train_chunk keeps W and the optimizer's state in panels and applies each update inside the next
// loss call: it must match, bit for bit, a plain loop of loss_and_grad and apply_update drawing the
// same batches — split over several calls, with or without replacement, and when a step throws
// (W then holds every update before it).
template <typename T>
static void check_training(UpdateRule rule, bool replace, int64_t bad_row) {
  const int64_t N = 300, D = 3073, C = 10, B = 200, steps = 7;
  std::mt19937 gen(11);
  std::normal_distribution<double> g(0, 1);
  std::vector<T> X(N * D), W0(D * C);
  std::vector<int32_t> y(N);
  for (auto& v : X) v = static_cast<T>(g(gen));
  for (auto& v : W0) v = static_cast<T>(0.001 * g(gen));
  for (auto& v : y) v = static_cast<int32_t>(gen() % C);
  if (bad_row >= 0) y[bad_row] = static_cast<int32_t>(C);
  TrainConfig cfg;
  cfg.reg = 2.5e4 * 1e-3, cfg.batch_size = B, cfg.replace = replace;
  cfg.opt.rule = rule, cfg.opt.learning_rate = 1e-4;
  const bool needs_s1 = rule != UpdateRule::Sgd, needs_s2 = rule == UpdateRule::Adam;

  // The plain loop, in row-major layout, on the public API.
  std::vector<T> W = W0, s1(D * C), s2(D * C), grad(D * C);
  std::vector<int32_t> perm_a(N), batch(B);
  uint32_t rng_a[4] = {1, 2, 3, 4};
  int32_t cursor_a = static_cast<int32_t>(N);
  std::vector<double> want(steps * kStepRecord, 0.0);
  int64_t want_steps = 0;
  bool want_threw = false;
  Rng rng(rng_a);
  for (int64_t t = 0; t < steps; ++t) {
    if (replace) {
      for (auto& b : batch) b = static_cast<int32_t>(rng.below(N));
    } else {
      if (cursor_a + B > N) {
        for (int64_t i = 0; i < N; ++i) perm_a[i] = static_cast<int32_t>(i);
        for (int64_t i = N - 1; i > 0; --i) std::swap(perm_a[i], perm_a[rng.below(static_cast<uint32_t>(i + 1))]);
        cursor_a = 0;
      }
      for (int64_t i = 0; i < B; ++i) batch[i] = perm_a[cursor_a + i];
      cursor_a += static_cast<int32_t>(B);
    }
    LossInput<T> in;
    in.X = X.data(), in.rows_total = N, in.D = D, in.y = y.data(), in.W = W.data(), in.C = C, in.reg = cfg.reg;
    in.batch = batch.data(), in.batch_size = B;
    LossStats s;
    try {
      s = loss_and_grad<T>(in, grad.data());
    } catch (const std::out_of_range&) {
      want_threw = true;
      break;
    }
    double sq = 0;
    for (T v : grad) sq += static_cast<double>(v) * static_cast<double>(v);
    want[t * kStepRecord] = s.loss, want[t * kStepRecord + 2] = std::sqrt(sq);
    apply_update(cfg.opt, cfg.opt.learning_rate, t, W.data(), grad.data(), needs_s1 ? s1.data() : nullptr,
                 needs_s2 ? s2.data() : nullptr, D * C);
    want_steps = t + 1;
  }

  // train_chunk, in calls of 3, 1 and the rest of the steps.
  std::vector<T> W2 = W0, s1b(D * C), s2b(D * C);
  std::vector<int32_t> perm_b(N);
  uint32_t rng_b[4] = {1, 2, 3, 4};
  int32_t cursor_b = static_cast<int32_t>(N);
  TrainState<T> st;
  st.W = W2.data(), st.s1 = needs_s1 ? s1b.data() : nullptr, st.s2 = needs_s2 ? s2b.data() : nullptr;
  st.rng = rng_b, st.perm = perm_b.data(), st.cursor = &cursor_b;
  std::vector<double> got(steps * kStepRecord, 0.0);
  int64_t done = 0;
  bool threw = false;
  try {
    for (int64_t chunk : {3, 1, 100}) {
      const int64_t n = std::min(chunk, steps - done);
      done += train_chunk<T>(cfg, X.data(), N, D, y.data(), C, st, done, n, 1e12, got.data() + done * kStepRecord).steps;
    }
  } catch (const std::out_of_range&) {
    threw = true;
  }
  const char* name = sizeof(T) == 4 ? "float" : "double";
  CHECK(threw == want_threw, "training (%s, rule %d): threw %d, expected %d", name, (int)rule, threw, want_threw);
  if (!threw) CHECK(done == want_steps, "training (%s): %lld steps, expected %lld", name, (long long)done, (long long)want_steps);
  for (int64_t t = 0; t < want_steps && !threw; ++t)
    // The norm's squares are summed in another order here: equal to rounding.
    CHECK(got[t * kStepRecord] == want[t * kStepRecord] &&
              std::abs(got[t * kStepRecord + 2] - want[t * kStepRecord + 2]) <= 1e-12 * want[t * kStepRecord + 2],
          "training (%s, rule %d) step %lld: loss %.17g vs %.17g, norm %.17g vs %.17g", name, (int)rule, (long long)t,
          got[t * kStepRecord], want[t * kStepRecord], got[t * kStepRecord + 2], want[t * kStepRecord + 2]);
  CHECK(W2 == W, "training (%s, rule %d, replace %d, bad row %lld): W differs from the plain loop", name, (int)rule,
        (int)replace, (long long)bad_row);
  if (needs_s1) CHECK(s1b == s1, "training (%s, rule %d): optimizer state differs", name, (int)rule);
  if (needs_s2) CHECK(s2b == s2, "training (%s, rule %d): second moment differs", name, (int)rule);
  CHECK(std::equal(rng_a, rng_a + 4, rng_b), "training (%s): generator state differs", name);
}

static void check_errors() {
  std::vector<float> X(4, 1.f), W(4, 0.f), grad(4);
  std::vector<int32_t> y = {0, 5};
  LossInput<float> in;
  in.X = X.data(), in.rows_total = 2, in.D = 2, in.y = y.data(), in.W = W.data(), in.C = 2;
  bool threw = false;
  try {
    loss_and_grad<float>(in, grad.data());
  } catch (const std::out_of_range&) {
    threw = true;
  }
  CHECK(threw, "a label out of range must throw");
}

static void check_scores() {
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0, 1);
  const int64_t N = 37, D = 19, C = 7;
  std::vector<double> X(N * D), W(D * C), S(N * C);
  std::vector<int32_t> pred(N);
  for (auto& v : X) v = g(rng);
  for (auto& v : W) v = g(rng);
  linear_scores<double>(X.data(), N, D, W.data(), C, S.data());
  linear_predict<double>(X.data(), N, D, W.data(), C, pred.data());
  for (int64_t i = 0; i < N; ++i) {
    int32_t best = 0;
    for (int64_t c = 0; c < C; ++c) {
      double s = 0;
      for (int64_t d = 0; d < D; ++d) s += X[i * D + d] * W[d * C + c];
      CHECK(std::abs(s - S[i * C + c]) < 1e-12, "score (%lld, %lld)", (long long)i, (long long)c);
      if (s > S[i * C + best]) best = static_cast<int32_t>(c);
    }
    CHECK(pred[i] == best, "prediction of row %lld", (long long)i);
  }
  std::vector<float> f = {1, 2, NAN, 4};
  CHECK(first_non_finite(f.data(), 4) == 2, "first_non_finite finds the NaN");
  f[2] = 3;
  CHECK(first_non_finite(f.data(), 4) == -1, "first_non_finite on finite data");
}

int main() {
  std::mt19937 rng(1);
  int cases = 0;
  for (LossKind kind : {LossKind::Svm, LossKind::Softmax})
    for (int64_t C : {1, 2, 3, 6, 7, 10, 13})
      for (int64_t D : {1, 15, 16, 17, 40})
        for (int64_t N : {1, 5, 70})
          for (bool batched : {false, true}) {
            check_case<float>(kind, N, D, C, batched, rng);
            check_case<double>(kind, N, D, C, batched, rng);
            cases += 2;
          }
  // The blocked kernel's paths: D = 48 ends in a single-vector gradient step, 3072 has no tail,
  // 3073 (CIFAR) both a tail and many scores windows; 100 rows are several blocks, so the next
  // block's prefetch runs; C = 13 is two class tiles.
  for (LossKind kind : {LossKind::Svm, LossKind::Softmax})
    for (int64_t D : {48, 3072, 3073})
      for (int64_t C : {10, 13})
        for (bool batched : {false, true}) {
          check_case<float>(kind, 100, D, C, batched, rng);
          check_case<double>(kind, 100, D, C, batched, rng);
          cases += 2;
        }
  check_case<float>(LossKind::Svm, 5000, 300, 10, false, rng);   // many shards
  check_case<float>(LossKind::Svm, 5000, 300, 10, true, rng);    // many shards of a mini-batch
  check_case<double>(LossKind::Softmax, 3000, 120, 7, true, rng);
  check_case<float>(LossKind::Svm, 70, 700, 100, false, rng);  // 9 class tiles, minimum-size windows
  check_case<double>(LossKind::Softmax, 70, 700, 100, true, rng);
  cases += 5;
  // Column split (mini-batches of up to 256 rows with enough work for 2+ parts): one block (32 rows),
  // a block plus one row, CIFAR's 200; tails of 1 and 2 columns and none; C = 1…13 (one and two
  // class tiles); 4 and 8 parts.
  for (LossKind kind : {LossKind::Svm, LossKind::Softmax}) {
    for (int64_t n : {32, 33, 200}) {
      const int64_t D = std::max<int64_t>(3073, (4400000 / (n * 10)) | 1);
      check_parts<float>(n, D, 10, 2);
      check_parts<double>(n, D, 10, 2);
      check_case<float>(kind, 300, D, 10, true, rng, n);
      check_case<double>(kind, 300, D, 10, true, rng, n);
      cases += 2;
    }
    for (int64_t C : {1, 2, 5, 12, 13})
      for (int64_t tail : {2, 0, 1}) {
        const int64_t n = 250, D = (4400000 / (n * C) / 16 + 1) * 16 + tail;
        check_parts<float>(n, D, C, 2);
        check_parts<double>(n, D, C, 2);
        check_case<float>(kind, 300, D, C, true, rng, n);
        check_case<double>(kind, 300, D, C, true, rng, n);
        cases += 2;
      }
    check_parts<float>(256, 4096, 13, 0, 4);
    check_parts<float>(256, 20000, 10, 0, 8);
    check_case<float>(kind, 300, 4096, 13, true, rng, 256);
    check_case<float>(kind, 300, 20000, 10, true, rng, 256);
    cases += 2;
  }
  // The hinge gradient by class lists, by dense tiles, and both within one call (the column sums
  // carried from list blocks into a dense last block, and started late): CIFAR's shape, tails of 1
  // and 0 columns and an odd number of column steps (3089: a single-vector step in list mode), C = 2
  // (every violated row fused, so every block goes by lists) and 12 (a full tile on AVX-512; two
  // tiles, always dense, where tiles hold 6). 192 rows are 6 blocks: all-violated runs of 64 rows
  // make blocks 0, 1, 4, 5 or 2, 3 all-violated (the last block, by lists or dense with the column
  // sums of earlier blocks to add); a block of 32 random rows stays dense.
  for (Margins m : {Margins::AllViolated, Margins::RunsAllFirst, Margins::RunsRandomFirst})
    for (auto [D, C] : {std::pair<int64_t, int64_t>{3073, 10}, {3072, 10}, {3089, 10}, {20001, 2}, {2049, 12}}) {
      check_parts<float>(192, D, C, 2);
      const int64_t lists = C > simd::kMaxClassTile      ? 0
                            : C == 2 || m == Margins::AllViolated ? 6
                            : m == Margins::RunsAllFirst           ? 4
                                                                   : 2;
      check_case<float>(LossKind::Svm, 300, D, C, true, rng, 192, m, {lists, lists});
      check_case<double>(LossKind::Svm, 300, D, C, true, rng, 192, m, {lists, lists});
      cases += 2;
    }
  // The same in the row shards (full data, 2048 rows: 64 blocks, the runs aligned with the shards'
  // blocks), where each shard keeps its own column sums and the finish adds them all. A block of
  // random scores here has rows at both extremes (a low label score violates every class), close to
  // lists_pay's line, so some go by lists too — but not all.
  for (Margins m : {Margins::AllViolated, Margins::RunsAllFirst, Margins::RunsRandomFirst})
    for (int64_t C : {10, 6}) {
      const std::pair<int64_t, int64_t> lists = C > simd::kMaxClassTile       ? std::pair<int64_t, int64_t>{0, 0}
                                                : m == Margins::AllViolated ? std::pair<int64_t, int64_t>{64, 64}
                                                                            : std::pair<int64_t, int64_t>{32, 63};
      check_case<float>(LossKind::Svm, 2048, 401, C, false, rng, -1, m, lists);
      check_case<double>(LossKind::Svm, 2048, 401, C, false, rng, -1, m, lists);
      cases += 2;
    }
  // One block of 32 rows, all violated: a call that is its first and last block, by lists.
  check_parts<float>(32, 40001, 5, 2);
  check_case<float>(LossKind::Svm, 300, 40001, 5, true, rng, 32, Margins::AllViolated, {1, 1});
  cases += 1;
  check_determinism(3000, 501, 10, 0);
  check_determinism(3000, 501, 10, 2500);
  check_parts<float>(200, 3073, 10, 0, 2);
  check_parts<float>(256, 4096, 13, 0, 4);  // over 3 threads: 1, 1, 2
  check_parts<float>(256, 8192, 13, 0, 8);
  check_determinism(1000, 3073, 10, 200);
  check_gradient_split(400, 3073, 10, 200, 2);
  check_gradient_split(300, 8192, 13, 256, 3);
  check_gradient_split(300, 4096 + 5, 7, 256, 2);
  check_gradient_split(300, 4096 + 16 + 5, 7, 256, 2);  // 257 steps: a single step left over, and a tail
  check_determinism(600, 4096, 13, 256);
  check_determinism(600, 8192, 13, 256);
  for (UpdateRule rule : {UpdateRule::Sgd, UpdateRule::Momentum, UpdateRule::Adam})
    for (bool replace : {true, false}) {
      check_training<float>(rule, replace, -1);
      cases += 1;
    }
  check_training<double>(UpdateRule::Nesterov, true, -1);
  check_training<float>(UpdateRule::Momentum, true, 123);  // a bad label: some step throws
  cases += 2;
  check_errors();
  check_scores();
  std::printf("kernel tests: %d cases, %d failures\n", cases + 9, failures);
  return failures ? 1 : 0;
}
