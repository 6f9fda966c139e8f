// exp() written so the compiler can vectorize loops that call it (glibc's scalar exp blocks
// vectorization). Range reduction x = k·ln2 + r with |r| ≤ ln2/2, then a degree-11 Taylor
// polynomial: relative error below 1e-13 over the whole double range that does not overflow.
#pragma once

#include <cstdint>
#include <cstring>

namespace svm::fast {

inline double exp(double x) {
  if (x < -708.0) x = -708.0;  // e^-708 ≈ 3e-308: below that the sum it feeds cannot tell
  if (x > 709.0) x = 709.0;
  const double k = __builtin_round(x * 1.4426950408889634);  // x / ln 2
  const double r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10;  // ln2 = hi + lo
  double p = 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const int64_t bits = (static_cast<int64_t>(k) + 1023) << 52;  // 2^k
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

}  // namespace svm::fast
