// Portable fixed-width vectors through GCC/Clang vector extensions. A 64-byte vector is one register
// on AVX-512, two on AVX2 and four on NEON; the compiler splits it, so the kernels stay plain C++.
#pragma once

#include <cstring>

namespace svm::simd {

template <typename T>
struct Vec;

template <>
struct Vec<float> {
  typedef float type __attribute__((vector_size(64)));
  static constexpr int width = 16;
};

template <>
struct Vec<double> {
  typedef double type __attribute__((vector_size(64)));
  static constexpr int width = 8;
};

template <typename T>
using vec_t = typename Vec<T>::type;

template <typename T>
inline vec_t<T> load(const T* p) {
  vec_t<T> v;
  std::memcpy(&v, p, sizeof v);  // unaligned load; compiles to one vmovups
  return v;
}

template <typename T>
inline void store(T* p, vec_t<T> v) {
  std::memcpy(p, &v, sizeof v);
}

template <typename T>
inline vec_t<T> splat(T x) {
  return vec_t<T>{} + x;
}

template <typename T>
inline T hsum(vec_t<T> v) {
  T s = 0;
  for (int i = 0; i < Vec<T>::width; ++i) s += v[i];
  return s;
}

// How many classes one pass keeps in accumulators: enough registers for 12 vectors on AVX-512
// (32 registers), fewer where 64-byte vectors are split over smaller registers.
#if defined(__AVX512F__)
constexpr int kMaxClassTile = 12;
#else
constexpr int kMaxClassTile = 6;
#endif

}  // namespace svm::simd
