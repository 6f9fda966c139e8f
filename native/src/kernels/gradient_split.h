// How the column split (column_split.cc) shares the gradient's columns between its workers: the
// split follows their timing, as one core is often slower than the other for a while on a shared
// machine. A column of the gradient comes out the same whoever computes it, so moving the split
// changes no result.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace svm::loss {

// Where a worker's time went in one call (nanoseconds).
struct alignas(64) WorkerTime {
  double busy = 0;      // everything but waiting for the other workers' scores
  double gradient = 0;  // its gradient steps
};

// Moves each boundary of split (worker w's units are [split[w], split[w + 1])) towards the point
// where its two workers are busy equally long: by half the units that would even out the last call
// (its timing is noisy), at most an eighth of the units a call, and leaving every worker a unit at
// least.
inline void rebalance(std::vector<int64_t>& split, const WorkerTime* time, int workers) {
  const int64_t units = split[workers];
  for (int w = 1; w < workers; ++w) {
    const int64_t left = split[w] - split[w - 1], right = split[w + 1] - split[w];
    const double per_unit =
        (time[w - 1].gradient + time[w].gradient) / static_cast<double>(std::max<int64_t>(1, left + right));
    if (!(per_unit > 0)) continue;
    // Units the right worker should hand to the left one (negative: the other way).
    const double even_out = (time[w].busy - time[w - 1].busy) / 2 / per_unit;
    const double shift = 0.5 * even_out;
    const int64_t most = std::max<int64_t>(1, units / 8);
    const int64_t delta = std::clamp<int64_t>(std::llround(shift), -most, most);
    split[w] = std::clamp<int64_t>(split[w] + delta, split[w - 1] + 1, split[w + 1] - 1);
  }
}

}  // namespace svm::loss
