// Argument conversion for the bindings: zero-copy views of typed arrays, with just enough checking
// that no call can read or write out of bounds. The TypeScript layer owns the user-facing messages;
// these errors are the last line of defence and name the argument position.
#pragma once

#include <napi.h>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace svm::bind {

enum class DType { Float32, Float64 };

struct FloatView {
  void* data = nullptr;
  size_t length = 0;
  DType dtype = DType::Float32;
  template <typename T>
  T* as() const {
    return static_cast<T*>(data);
  }
  size_t bytes() const { return length * (dtype == DType::Float32 ? sizeof(float) : sizeof(double)); }
};

inline Napi::TypeError type_error(Napi::Env env, const std::string& what) {
  return Napi::TypeError::New(env, what);
}

inline FloatView float_view(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsTypedArray()) throw type_error(info.Env(), std::string(name) + " must be a Float32Array or Float64Array");
  const auto ta = v.As<Napi::TypedArray>();
  FloatView out;
  switch (ta.TypedArrayType()) {
    case napi_float32_array:
      out.dtype = DType::Float32;
      out.data = ta.As<Napi::Float32Array>().Data();
      break;
    case napi_float64_array:
      out.dtype = DType::Float64;
      out.data = ta.As<Napi::Float64Array>().Data();
      break;
    default:
      throw type_error(info.Env(), std::string(name) + " must be a Float32Array or Float64Array");
  }
  out.length = ta.ElementLength();
  return out;
}

inline bool is_null(const Napi::CallbackInfo& info, size_t i) { return info[i].IsNull() || info[i].IsUndefined(); }

inline Napi::Int32Array int32_view(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
    throw type_error(info.Env(), std::string(name) + " must be an Int32Array");
  return v.As<Napi::Int32Array>();
}

inline int64_t dim(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsNumber()) throw type_error(info.Env(), std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > 9.0e15 || d != static_cast<double>(static_cast<int64_t>(d)))
    throw Napi::RangeError::New(info.Env(), std::string(name) + " must be a non-negative integer");
  return static_cast<int64_t>(d);
}

inline double number(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsNumber()) throw type_error(info.Env(), std::string(name) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

inline void expect_length(Napi::Env env, size_t length, int64_t want, const char* name) {
  if (static_cast<int64_t>(length) != want)
    throw Napi::RangeError::New(env, std::string(name) + " has " + std::to_string(length) + " elements, expected " +
                                         std::to_string(want));
}

// The element count a shape implies, checked: dimensions are each below 2^53, but their product
// can wrap around int64 (2^32 · 2^32 = 0), and a wrapped count would let an empty array through.
inline void expect_length(Napi::Env env, size_t length, std::initializer_list<int64_t> dims, const char* name) {
  int64_t want = 1;
  for (const int64_t d : dims)
    if (d == 0) return expect_length(env, length, 0, name);  // a zero anywhere: no overflow to fear
  for (const int64_t d : dims) {
    if (__builtin_mul_overflow(want, d, &want) || want > (int64_t{1} << 53))
      throw Napi::RangeError::New(env, std::string(name) + "'s dimensions multiply past 2^53 elements");
  }
  expect_length(env, length, want, name);
}

// An output must not share memory with an input the kernel is still reading (BLAS forbids it, and
// the fused kernels would read what they have already written).
inline void expect_disjoint(Napi::Env env, const void* out, size_t out_bytes, const void* in, size_t in_bytes,
                            const char* what) {
  const auto o = reinterpret_cast<uintptr_t>(out), i = reinterpret_cast<uintptr_t>(in);
  if (out_bytes && in_bytes && o < i + in_bytes && i < o + out_bytes)
    throw type_error(env, std::string(what) + " must not share memory");
}

inline void expect_disjoint(Napi::Env env, const FloatView& out, const FloatView& in, const char* what) {
  expect_disjoint(env, out.data, out.bytes(), in.data, in.bytes(), what);
}

inline void expect_same_dtype(Napi::Env env, const FloatView& a, const FloatView& b, const char* what) {
  if (a.dtype != b.dtype) throw type_error(env, std::string(what) + " must have the same dtype");
}

}  // namespace svm::bind
