// Kernel tests without Node: the fused loss against a plain double-precision loop, across shapes
// (C=1..13 covers every class tile, D around the vector width covers the tails, CIFAR's D the
// column windows), both dtypes, full data and mini-batches, and bit-for-bit determinism across
// thread counts.
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "kernels/linear_loss.h"
#include "kernels/linear_scores.h"
#include "kernels/thread_pool.h"

using namespace svm;

static int failures = 0;
#define CHECK(cond, ...)                          \
  do {                                            \
    if (!(cond)) {                                \
      ++failures;                                 \
      std::fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      std::fprintf(stderr, __VA_ARGS__);          \
      std::fprintf(stderr, "\n");                 \
    }                                             \
  } while (0)

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

template <typename T>
static void check_case(LossKind kind, int64_t N, int64_t D, int64_t C, bool batched, std::mt19937& rng) {
  std::normal_distribution<double> g(0, 1);
  std::vector<double> Xd(N * D), Wd(D * C);
  for (auto& v : Xd) v = static_cast<double>(static_cast<T>(g(rng)));
  for (auto& v : Wd) v = static_cast<double>(static_cast<T>(0.3 * g(rng)));
  std::vector<int32_t> y(N), rows;
  for (auto& v : y) v = static_cast<int32_t>(rng() % C);
  if (batched)
    for (int64_t i = 0; i < N / 2 + 1; ++i) rows.push_back(static_cast<int32_t>(rng() % N));
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
}

// Same bits on 1 and 2 threads, for full data and for a mini-batch (several shards each).
static void check_determinism(bool batched) {
  std::mt19937 rng(7);
  std::normal_distribution<float> g(0, 1);
  const int64_t N = 3000, D = 501, C = 10;
  std::vector<float> X(N * D), W(D * C), g1(D * C), g2(D * C);
  std::vector<int32_t> y(N), rows(2500);
  for (auto& v : X) v = g(rng);
  for (auto& v : W) v = 0.01f * g(rng);
  for (auto& v : y) v = static_cast<int32_t>(rng() % C);
  for (auto& v : rows) v = static_cast<int32_t>(rng() % N);
  LossInput<float> in;
  in.X = X.data(), in.rows_total = N, in.D = D, in.y = y.data(), in.W = W.data(), in.C = C;
  if (batched) in.batch = rows.data(), in.batch_size = static_cast<int64_t>(rows.size());
  ThreadPool::global().set_threads(1);
  const double l1 = loss_and_grad<float>(in, g1.data()).loss;
  ThreadPool::global().set_threads(2);
  const double l2 = loss_and_grad<float>(in, g2.data()).loss;
  CHECK(l1 == l2, "loss differs across thread counts (batched=%d): %.17g vs %.17g", batched, l1, l2);
  CHECK(g1 == g2, "gradient differs across thread counts (batched=%d)", batched);
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
  check_determinism(false);
  check_determinism(true);
  check_errors();
  check_scores();
  std::printf("kernel tests: %d cases, %d failures\n", cases + 5, failures);
  return failures ? 1 : 0;
}
