// Tests of the fused loss's building blocks, each against the plain code it stands in for: the
// prefetch stream's list of lines, the sixteen-at-a-time horizontal sums, and the SVM row in
// registers, the hinge gradient's class lists. (kernel_tests.cc tests the loss they make up.)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "check.h"
#include "kernels/gradient_split.h"
#include "kernels/hinge_lists.h"
#include "kernels/loss_common.h"
#include "kernels/simd.h"
#include "kernels/tiles.h"

using namespace svm;

// The prefetch stream's list: every line each row's columns touch, once, rows taken eight at a time
// a line of each in turn (so within a group a line's offset never goes back), for misaligned rows,
// groups cut short, and column ranges of one line or less.
static void check_stream_lines() {
  std::vector<float> X(64 * 500 + 64);
  const auto base = reinterpret_cast<std::uintptr_t>(X.data()) & ~std::uintptr_t(63);
  for (int64_t stride : {499, 500, 21})  // 21: neighbouring rows share lines
    for (int64_t r0 : {0, 3})
      for (int64_t r1 : {3, 4, 11, 16, 37})
        for (auto [c0, c1] : {std::pair<int64_t, int64_t>{0, 499}, {17, 18}, {5, 21}, {250, 499}}) {
          if (r1 < r0 || c1 > stride) continue;
          std::vector<const float*> rows(40);
          for (int64_t i = 0; i < 40; ++i) rows[i] = X.data() + ((i * 7) % 40) * stride + (i % 5);
          std::vector<uint32_t> out(tiles::stream_capacity<float>(r1 - r0, c1 - c0) + 1, 0xFFFFFFFFu);
          const int64_t n = tiles::stream_lines<float>(rows.data(), r0, r1, c0, c1, base, out.data());
          CHECK(n <= tiles::stream_capacity<float>(r1 - r0, c1 - c0), "stream_lines stays within its capacity");
          std::multiset<uint32_t> want, got(out.begin(), out.begin() + n);
          for (int64_t i = r0; i < r1; ++i) {
            const auto first = (reinterpret_cast<std::uintptr_t>(rows[i] + c0) - base) >> 6;
            const auto last = (reinterpret_cast<std::uintptr_t>(rows[i] + c1) - 1 - base) >> 6;
            for (auto line = first; line <= last; ++line) want.insert(static_cast<uint32_t>(line));
          }
          CHECK(got == want, "stream_lines lists every line of rows [%lld, %lld) over [%lld, %lld) (stride %lld)",
                (long long)r0, (long long)r1, (long long)c0, (long long)c1, (long long)stride);
          // Interleaving: within each group of eight rows, the offset from each row's first line
          // never decreases along the list.
          int64_t k = 0;
          for (int64_t g = r0; g < r1; g += tiles::kStreamLanes) {
            const int64_t lanes = std::min<int64_t>(tiles::kStreamLanes, r1 - g);
            int64_t count = 0;
            for (int64_t i = g; i < g + lanes; ++i)
              count += static_cast<int64_t>(((reinterpret_cast<std::uintptr_t>(rows[i] + c1) - 1 - base) >> 6) -
                                            ((reinterpret_cast<std::uintptr_t>(rows[i] + c0) - base) >> 6) + 1);
            int64_t prev = -1;
            for (int64_t e = k; e < k + count && e < n; ++e) {
              int64_t offset = -1;
              for (int64_t i = g; i < g + lanes; ++i) {
                const auto first = (reinterpret_cast<std::uintptr_t>(rows[i] + c0) - base) >> 6;
                const auto last = (reinterpret_cast<std::uintptr_t>(rows[i] + c1) - 1 - base) >> 6;
                if (out[e] >= first && out[e] <= last) offset = static_cast<int64_t>(out[e] - first);
              }
              CHECK(offset >= prev, "stream_lines takes a line of each row in turn (group at row %lld)", (long long)g);
              prev = offset;
            }
            k += count;
          }
        }
}

// hsum_many gives hsum's sums, bit for bit, for any count (whole groups of sixteen and the rest).
static void check_hsum_many() {
  std::mt19937 rng(5);
  std::normal_distribution<float> g(0, 1);
  for (int64_t count : {0, 1, 15, 16, 17, 40, 320}) {
    simd::aligned_vector<float> v(count * 16 + 16);
    for (int64_t i = 0; i < count * 16; ++i) v[i] = g(rng) * (i % 7 == 0 ? 1e6f : 1.f);
    std::vector<float> got(count + 1, 0.f);
    simd::hsum_many(v.data(), count, got.data());
    for (int64_t i = 0; i < count; ++i) {
      const float want = simd::hsum<float>(simd::load(v.data() + i * 16));
      CHECK(std::memcmp(&want, &got[i], sizeof want) == 0, "hsum_many sum %lld of %lld", (long long)i,
            (long long)count);
    }
  }
}

// score_row's SVM fast path (float, up to 16 classes) against the scalar row_loss, bit for bit:
// ties and exact kinks (integer scores, ±0), every label, C = 1…16, margins Δ of 0, 0.5 and 1, and
// non-finite scores (NaN, ±Inf).
static void check_svm_rows() {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> small(-3, 3);
  std::normal_distribution<float> g(0, 2);
#if !defined(__AVX512F__)
  std::printf("(no AVX-512 here: score_row's SVM fast path is compiled out, the check compares the scalar path)\n");
#endif
  for (int64_t C = 1; C <= 16; ++C)
    for (int rep = 0; rep < 300; ++rep) {
      std::vector<float> s(C);
      for (auto& v : s) v = rep % 2 ? static_cast<float>(small(rng)) : g(rng);
      if (rep % 3 == 2)  // ties at zero, of either sign
        for (auto& v : s) v = v > 0 ? 0.f : v < 0 ? -0.f : v;
      if (rep % 50 == 7) s[rep % C] = rep % 3 == 0 ? NAN : rep % 3 == 1 ? -INFINITY : INFINITY;
      const int32_t yi = static_cast<int32_t>(rep % C);
      const double delta = rep % 4 == 3 ? 0.0 : rep % 4 == 1 ? 0.5 : 1.0;
      std::vector<float> fast(C, -7.f), slow(C, -7.f);
      double got[3] = {0.5, 0, 0}, want[3] = {0.5, 0, 0};
      loss::score_row<float>(LossKind::Svm, s.data(), yi, C, delta, fast.data(), got);
      want[0] += loss::row_loss<float>(LossKind::Svm, s.data(), yi, C, delta, slow.data(), &want[1]);
      want[2] += (std::max_element(s.begin(), s.end()) - s.begin()) == yi;
      const bool same = std::memcmp(got, want, sizeof got) == 0 || (std::isnan(got[0]) && std::isnan(want[0]) &&
                                                                       got[1] == want[1] && got[2] == want[2]);
      CHECK(same, "score_row stats, C = %lld, rep %d: %.17g %g %g vs %.17g %g %g", (long long)C, rep, got[0], got[1],
            got[2], want[0], want[1], want[2]);
      CHECK(std::memcmp(fast.data(), slow.data(), C * sizeof(float)) == 0, "score_row coefficients, C = %lld, rep %d",
            (long long)C, rep);
    }
}

// pack_lists: the entries give back every row's hinge coefficients (a fused row: 1 for every class
// from the column sums, plus its entries), each row takes its cheaper form (as it is while its
// violated classes are at most (C − 1) / 2), fused entries come first in their class, rows keep their
// order, a satisfied row adds nothing; and lists_pay's choice at its ends.
// nonzero_classes against the scalar test it replaces, on zeros of both signs, NaN and values.
template <typename T>
static void check_nonzero_classes() {
  std::mt19937 rng(9);
  const T pool[] = {T(0), -T(0), T(1), T(-3), static_cast<T>(NAN), std::numeric_limits<T>::denorm_min()};
  for (int64_t C = 1; C <= 32; ++C)
    for (int round = 0; round < 50; ++round) {
      T m[32];
      uint32_t want = 0;
      for (int64_t k = 0; k < C; ++k) {
        m[k] = pool[rng() % 6];
        want |= static_cast<uint32_t>(m[k] != 0) << k;
      }
      const uint32_t got = loss::nonzero_classes(m, C);
      CHECK(got == want, "nonzero_classes<%s>(C=%lld) = %#x, want %#x", sizeof(T) == 4 ? "float" : "double",
            (long long)C, got, want);
    }
}

template <typename T>
static void check_pack_lists() {
  std::mt19937 rng(5);
  for (int64_t C : {1, 2, 3, 4, 5, 8, 9, 10, 12}) {
    if (C > simd::kMaxClassTile) continue;  // one class tile only (pack_lists's contract)
    for (int share : {0, 10, 50, 90, 100})
      for (int nb : {1, 7, static_cast<int>(loss::kBlockRows)}) {
        std::vector<T> coef(nb * C), packed(nb * C, static_cast<T>(NAN));
        std::vector<int32_t> labels(nb);
        std::vector<int> violated(nb);
        for (int i = 0; i < nb; ++i) {
          labels[i] = static_cast<int32_t>(rng() % C);
          for (int64_t k = 0; k < C; ++k)
            if (k != labels[i]) violated[i] += (coef[i * C + k] = static_cast<int>(rng() % 100) < share) != 0;
          coef[i * C + labels[i]] = static_cast<T>(-violated[i]);
        }
        int start[simd::kMaxClassTile + 1], fused[simd::kMaxClassTile], active = -1;
        std::vector<int> row_of(nb * C, -1);
        const int n = loss::pack_lists(coef.data(), labels.data(), C, nb, packed.data(), start, fused, &active,
                                       [&](int e, int i) { row_of[e] = i; });
        CHECK(n == start[C] && n <= nb * C && start[0] == 0, "pack_lists: %d entries within [0, nb·C]", n);
        int want_active = 0;
        for (int i = 0; i < nb; ++i) want_active += violated[i] != 0;
        CHECK(active == want_active, "pack_lists counts %d active rows, want %d", active, want_active);
        std::vector<double> rebuilt(nb * C, 0.0);
        std::vector<int> fused_rows(nb, 0);
        for (int64_t k = 0; k < C; ++k) {
          CHECK(start[k] <= start[k + 1] && fused[k] <= start[k + 1] - start[k], "pack_lists: class %lld's range",
                (long long)k);
          for (int e = start[k]; e < start[k + 1]; ++e) {
            const int i = row_of[e];
            CHECK(i >= 0 && i < nb, "pack_lists records entry %d", e);
            if (i < 0 || i >= nb) continue;
            rebuilt[i * C + k] += packed[e];
            const bool is_fused = e < start[k] + fused[k];
            if (is_fused) {
              CHECK(labels[i] == k, "a fused entry is in its row's label class");
              ++fused_rows[i];
            }
            if (e > start[k] && (e != start[k] + fused[k]))
              CHECK(row_of[e - 1] < i, "pack_lists keeps rows in order within a class's fused and plain entries");
          }
        }
        for (int i = 0; i < nb; ++i) {
          const bool want_fused = violated[i] && 2 * violated[i] + 1 > C;
          CHECK(fused_rows[i] == (want_fused ? 1 : 0), "row with %d of %lld classes violated: fused %d times",
                violated[i], (long long)C, fused_rows[i]);
          for (int64_t k = 0; k < C; ++k) {
            const double got = rebuilt[i * C + k] + (fused_rows[i] ? 1.0 : 0.0);
            CHECK(got == coef[i * C + k], "pack_lists rebuilds coefficient %g as %g (C=%lld, %d violated)",
                  coef[i * C + k], got, (long long)C, violated[i]);
          }
        }
      }
  }
  CHECK(loss::lists_pay(32, 32, 10) && !loss::lists_pay(160, 32, 10) && !loss::lists_pay(0, 0, 10),
        "lists_pay: lists for one entry a row of ten classes, dense for five, nothing when nothing is active");
}

// rebalance: a boundary moves towards the slower worker's side by half what would even out the
// call, at most an eighth of the units, never leaving a worker without a unit; no gradient time, no move.
static void check_rebalance() {
  using loss::WorkerTime;
  std::vector<int64_t> split{0, 48, 96};
  WorkerTime t[2];
  t[0].busy = 100, t[0].gradient = 48;  // 1 a unit
  t[1].busy = 108, t[1].gradient = 48;
  loss::rebalance(split, t, 2);  // even out: (108 − 100) / 2 = 4 units; half of it
  CHECK(split[1] == 50, "rebalance hands the slower worker's units over: boundary %lld, want 50", (long long)split[1]);
  t[1].busy = 10000;
  loss::rebalance(split, t, 2);
  CHECK(split[1] == 62, "rebalance moves at most an eighth of the units: boundary %lld, want 62", (long long)split[1]);
  split = {0, 2, 96};
  t[0].busy = 10000, t[1].busy = 0;
  loss::rebalance(split, t, 2);
  CHECK(split[1] == 1, "rebalance leaves every worker a unit: boundary %lld, want 1", (long long)split[1]);
  t[0].gradient = t[1].gradient = 0;
  loss::rebalance(split, t, 2);
  CHECK(split[1] == 1, "rebalance without gradient time moves nothing: boundary %lld", (long long)split[1]);
}

int main() {
  check_stream_lines();
  check_hsum_many();
  check_svm_rows();
  check_nonzero_classes<float>();
  check_nonzero_classes<double>();
  check_pack_lists<float>();
  check_pack_lists<double>();
  check_rebalance();
  std::printf("piece tests: 6 groups, %d failures\n", failures);
  return failures ? 1 : 0;
}
