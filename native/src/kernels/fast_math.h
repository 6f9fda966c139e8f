// exp and log on 8 doubles at a time, written with vector extensions so they vectorize whatever
// the libm (glibc's scalar exp/log block auto-vectorization). Used by the softmax loss grid, which
// needs about N·C·(grid points) exponentials.
//  - vexp: x = k·ln2 + r, |r| ≤ ln2/2, degree-11 Taylor polynomial, 2^k built in the exponent bits;
//    relative error < 1e-13 over [−708, 709] (inputs are clamped there).
//  - vlog: x = 2^e·m with m in [√½, √2), log m = 2·atanh((m−1)/(m+1)) by its series; relative
//    error < 1e-14 for positive normal x.
#pragma once

#include <cstdint>

#include "kernels/simd.h"

namespace svm::fast {

using VD = simd::vec_t<double>;
typedef int64_t VI __attribute__((vector_size(64)));

inline VD select(VI mask, VD a, VD b) { return (VD)(((VI)a & mask) | ((VI)b & ~mask)); }
inline VD vmax(VD a, VD b) { return select((VI)(a > b), a, b); }

inline VD vexp(VD x) {
  const VD lo = simd::splat(-708.0), hi = simd::splat(709.0);
  x = select((VI)(x < lo), lo, x);
  x = select((VI)(x > hi), hi, x);
  // Adding 1.5·2^52 rounds x/ln2 to the nearest integer k and leaves k in the low mantissa bits.
  const VD magic = simd::splat(6755399441055744.0);
  const VD t = x * 1.4426950408889634 + magic;
  const VD k = t - magic;
  const VI ki = (VI)t - (VI)magic;
  const VD r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
  VD p = simd::splat(1.0 / 39916800.0);
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
  return p * (VD)((ki + 1023) << 52);
}

inline VD vlog(VD x) {
  const VI bits = (VI)x;
  VI e = ((bits >> 52) & 0x7ff) - 1023;
  VD m = (VD)((bits & 0x000fffffffffffffLL) | (1023LL << 52));  // in [1, 2)
  const VI big = (VI)(m > 1.4142135623730951);
  m = select(big, m * 0.5, m);
  e = e - big;  // big is −1 where true
  const VD t = (m - 1.0) / (m + 1.0);
  const VD t2 = t * t;
  VD s = simd::splat(1.0 / 21.0);
  s = s * t2 + 1.0 / 19.0;
  s = s * t2 + 1.0 / 17.0;
  s = s * t2 + 1.0 / 15.0;
  s = s * t2 + 1.0 / 13.0;
  s = s * t2 + 1.0 / 11.0;
  s = s * t2 + 1.0 / 9.0;
  s = s * t2 + 1.0 / 7.0;
  s = s * t2 + 1.0 / 5.0;
  s = s * t2 + 1.0 / 3.0;
  s = s * t2 + 1.0;
  return __builtin_convertvector(e, VD) * 0.6931471805599453 + 2.0 * t * s;
}

}  // namespace svm::fast
