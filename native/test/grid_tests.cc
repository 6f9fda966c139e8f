// Loss-grid tests without Node: every grid point against the loss computed directly from its
// scores, for SVM and softmax, evenly spaced grids (softmax's geometric-sequence path) and uneven
// ones (the exact path), rows whose scores spread far (the fallback), 1-D and 2-D, C = 1…13.
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "kernels/loss_grid.h"

using namespace svm;

static int failures = 0;

static double direct(LossKind kind, const std::vector<double>& S, const std::vector<int32_t>& y, int64_t N, int64_t C) {
  double total = 0;
  for (int64_t r = 0; r < N; ++r) {
    const double* s = &S[r * C];
    if (kind == LossKind::Svm) {
      for (int64_t c = 0; c < C; ++c)
        if (c != y[r]) total += std::max(0.0, s[c] - s[y[r]] + 1.0);
    } else {
      double mx = s[0];
      for (int64_t c = 1; c < C; ++c) mx = std::max(mx, s[c]);
      double sum = 0;
      for (int64_t c = 0; c < C; ++c) sum += std::exp(s[c] - mx);
      total += std::log(sum) + mx - s[y[r]];
    }
  }
  return total / static_cast<double>(N);
}

static void check(LossKind kind, int64_t N, int64_t C, bool two_d, bool uneven, double spread, std::mt19937& rng) {
  std::normal_distribution<double> g(0, 1);
  std::vector<double> S0(N * C), S1(N * C), S2(N * C);
  for (int64_t k = 0; k < N * C; ++k) {
    S0[k] = g(rng);
    S1[k] = g(rng);
    S2[k] = g(rng);
  }
  if (spread > 0) S0[0] = spread;  // row 0: one class far above the rest
  std::vector<int32_t> y(N);
  for (auto& v : y) v = static_cast<int32_t>(rng() % C);
  std::vector<double> a, b;
  for (int i = 0; i < 13; ++i) a.push_back(-2 + 4.0 * i / 12 + (uneven ? 0.01 * i * i : 0));
  for (int j = 0; j < 21; ++j) b.push_back(-1.5 + 3.0 * j / 20);
  const int64_t nb = two_d ? static_cast<int64_t>(b.size()) : 1;
  std::vector<double> out(a.size() * nb);
  loss_grid<double>(kind, 1.0, S0.data(), S1.data(), two_d ? S2.data() : nullptr, N, C, y.data(), a.data(),
                    static_cast<int64_t>(a.size()), two_d ? b.data() : nullptr, nb, out.data());
  std::vector<double> S(N * C);
  for (size_t i = 0; i < a.size(); ++i)
    for (int64_t j = 0; j < nb; ++j) {
      for (int64_t k = 0; k < N * C; ++k) S[k] = S0[k] + a[i] * S1[k] + (two_d ? b[j] * S2[k] : 0);
      const double want = direct(kind, S, y, N, C), got = out[i * nb + j];
      if (!(std::abs(got - want) <= 1e-11 * std::max(1.0, std::abs(want)))) {
        ++failures;
        std::fprintf(stderr, "FAIL kind=%d N=%lld C=%lld 2d=%d uneven=%d spread=%g at (%zu,%lld): %.17g vs %.17g\n", (int)kind,
                     (long long)N, (long long)C, two_d, uneven, spread, i, (long long)j, got, want);
        return;
      }
    }
}

int main() {
  std::mt19937 rng(5);
  int cases = 0;
  for (LossKind kind : {LossKind::Svm, LossKind::Softmax})
    for (int64_t C : {1, 2, 3, 8, 9, 13})
      for (int64_t N : {1, 7, 40})
        for (bool two_d : {false, true})
          for (bool uneven : {false, true})
            for (double spread : {0.0, 900.0}) {
              check(kind, N, C, two_d, uneven, spread, rng);
              ++cases;
            }
  std::printf("grid tests: %d cases, %d failures\n", cases, failures);
  return failures ? 1 : 0;
}
