// Portable fixed-width vectors through GCC/Clang vector extensions. A 64-byte vector is one register
// on AVX-512, two on AVX2 and four on NEON; the compiler splits it, so the kernels stay plain C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

namespace svm::simd {

template <typename T>
struct Vec;

template <>
struct Vec<float> {
  typedef float type __attribute__((vector_size(64)));
  typedef double wide __attribute__((vector_size(128)));  // the same lanes in double
  static constexpr int width = 16;
};

template <>
struct Vec<double> {
  typedef double type __attribute__((vector_size(64)));
  typedef double wide __attribute__((vector_size(64)));
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

// x − 0 rather than 0 + x: the latter must keep x's sign of zero (0 + −0 = +0), so compilers emit an
// add before the broadcast, while x − 0 = x exactly and folds into a bare broadcast (or into the
// multiply-add's memory operand).
template <typename T>
inline vec_t<T> splat(T x) {
  return x - vec_t<T>{};
}

// Sixteen sums of sixteen vectors of 16 floats (v contiguous), each added as hsum adds it: its two
// halves, then the two quarters of that, then the quarter's four lanes in order. Shuffles put the
// same lanes of several vectors side by side, so every add serves four to sixteen sums at once.
inline void hsum16(const float* v, float* out) {
  typedef float v16 __attribute__((vector_size(64)));
  typedef float v8 __attribute__((vector_size(32)));
  v16 t[8];
  for (int i = 0; i < 8; ++i) {  // vectors 2i, 2i + 1: their halves added, side by side
    v16 a, b;
    std::memcpy(&a, v + 32 * i, sizeof a);
    std::memcpy(&b, v + 32 * i + 16, sizeof b);
    t[i] = __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23) +
           __builtin_shufflevector(a, b, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
  }
  v16 u[4];
  for (int i = 0; i < 4; ++i)  // lanes 4j … 4j + 3 of u[i]: the quarter sums of vector 4i + j
    u[i] = __builtin_shufflevector(t[2 * i], t[2 * i + 1], 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27) +
           __builtin_shufflevector(t[2 * i], t[2 * i + 1], 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
  // lane(k): lane k of every vector's quarter, vectors in order.
  auto lane = [&](auto k) {
    constexpr int K = decltype(k)::value;
    const v8 lo = __builtin_shufflevector(u[0], u[1], K, 4 + K, 8 + K, 12 + K, 16 + K, 20 + K, 24 + K, 28 + K);
    const v8 hi = __builtin_shufflevector(u[2], u[3], K, 4 + K, 8 + K, 12 + K, 16 + K, 20 + K, 24 + K, 28 + K);
    return __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  };
  const v16 s = ((lane(std::integral_constant<int, 0>{}) + lane(std::integral_constant<int, 1>{})) +
                 lane(std::integral_constant<int, 2>{})) +
                lane(std::integral_constant<int, 3>{});
  std::memcpy(out, &s, sizeof s);
}

// Halving tree (64 → 32 → 16 bytes, then lanes): a few shuffles and adds instead of one scalar add
// per lane, which matters when every row of a block reduces C vectors.
template <typename T>
inline T hsum(vec_t<T> v) {
  typedef T half_t __attribute__((vector_size(32)));
  typedef T quarter_t __attribute__((vector_size(16)));
  half_t a, b;
  std::memcpy(&a, &v, 32);
  std::memcpy(&b, reinterpret_cast<const char*>(&v) + 32, 32);
  a += b;
  quarter_t c, d;
  std::memcpy(&c, &a, 16);
  std::memcpy(&d, reinterpret_cast<const char*>(&a) + 16, 16);
  c += d;
  T s = c[0];
  for (int i = 1; i < static_cast<int>(16 / sizeof(T)); ++i) s += c[i];
  return s;
}

// out[i] = hsum(v[i·L .. i·L + L)) for i < count: the same sums, bit for bit. For float where a
// vector is one register (AVX-512), sixteen at a time (hsum16): ~3 instructions a sum instead of
// ~12, and a block's partial scores are 320 sums.
template <typename T>
inline void hsum_many(const T* v, int64_t count, T* out) {
  int64_t i = 0;
#if defined(__AVX512F__)
  if constexpr (std::is_same_v<T, float>)
    for (; i + 16 <= count; i += 16) hsum16(v + i * 16, out + i);
#endif
  for (; i < count; ++i) out[i] = hsum<T>(load(v + i * Vec<T>::width));
}

// How many classes one pass keeps in accumulators: enough registers for 12 vectors on AVX-512
// (32 registers), fewer where 64-byte vectors are split over smaller registers.
#if defined(__AVX512F__)
constexpr int kMaxClassTile = 12;
#else
constexpr int kMaxClassTile = 6;
#endif

// Register blocking of the fused loss kernels: rows per scores micro-kernel, vectors per gradient
// step. Two of each halve the loads per multiply-add (32 registers hold 2 × 12 accumulators); where
// a 64-byte vector is split over smaller registers there is room for one only.
#if defined(__AVX512F__)
constexpr int kRowTile = 2;
constexpr int kColTile = 2;
#else
constexpr int kRowTile = 1;
constexpr int kColTile = 1;
#endif

// Keeps v in a register. Without it GCC folds the load of a W vector into each of the R
// multiply-adds that use it (a memory operand each), so the scores kernel issues R loads where one
// would do and is bound by loads, not arithmetic (measured ~30% slower). Only where the 64-byte
// vector is one register (AVX-512); elsewhere the kernels use R = 1 anyway.
template <typename V>
inline void pin(V& v) {
#if defined(__AVX512F__) && (defined(__GNUC__) || defined(__clang__))
  asm("" : "+v"(v));
#else
  (void)v;
#endif
}

// Asks for the cache line holding p to be brought towards L2 (prefetcht1 on x86); a hint only, it
// never faults, so it is safe on any address.
inline void prefetch_l2(const void* p) { __builtin_prefetch(p, 0, 2); }

// Asks for the line `bytes` past p to be brought into L1 (prefetcht0). Integer arithmetic, so an
// address past the end of an array is fine: a prefetch never faults.
inline void prefetch_l1_at(const void* p, std::ptrdiff_t bytes) {
  __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(p) + bytes), 0, 3);
}

// Allocator for buffers the kernels load whole vectors from (W and the gradient in panels, partial
// sums): 64-byte aligned, so no vector load straddles two cache lines — a split load costs a second
// pass through the load port, and malloc's 16-byte alignment made every panel load one.
template <typename T>
struct AlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlign); }
  template <typename U>
  bool operator==(const AlignedAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const AlignedAllocator<U>&) const { return false; }
};

template <typename T>
using aligned_vector = std::vector<T, AlignedAllocator<T>>;

}  // namespace svm::simd
