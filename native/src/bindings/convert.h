// Argument conversion for the bindings: zero-copy views of typed arrays, with just enough checking
// that no call can read or write out of bounds. The TypeScript layer owns the user-facing messages;
// these errors are the last line of defence and name the argument position.
#pragma once

#include <napi.h>

#include <cstdint>
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

inline void expect_same_dtype(Napi::Env env, const FloatView& a, const FloatView& b, const char* what) {
  if (a.dtype != b.dtype) throw type_error(env, std::string(what) + " must have the same dtype");
}

}  // namespace svm::bind
