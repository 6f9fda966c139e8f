// matmul / matmulAsync: C = op(A)·op(B) through BLAS gemm.
#include "bindings/convert.h"
#include "bindings/exports.h"
#include "bindings/promise_worker.h"
#include "kernels/blas.h"

namespace svm::bind {

namespace {

struct MatmulCall {
  FloatView A, B, out;
  int64_t m = 0, k = 0, n = 0;
  bool trans_a = false, trans_b = false;

  template <typename T>
  void run() const {
    // Stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k).
    gemm(trans_a, trans_b, m, n, k, T(1), A.as<T>(), trans_a ? m : k, B.as<T>(), trans_b ? k : n, T(0), out.as<T>(), n);
  }
  void operator()() const { A.dtype == DType::Float32 ? run<float>() : run<double>(); }
};

// (A, B, m, k, n, transA, transB, out): out (m×n) = op(A) (m×k) · op(B) (k×n).
MatmulCall parse(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 8) throw type_error(env, "matmul expects 8 arguments (A, B, m, k, n, transA, transB, out)");
  MatmulCall call;
  call.A = float_view(info, 0, "A");
  call.B = float_view(info, 1, "B");
  call.m = dim(info, 2, "m");
  call.k = dim(info, 3, "k");
  call.n = dim(info, 4, "n");
  call.trans_a = info[5].ToBoolean();
  call.trans_b = info[6].ToBoolean();
  call.out = float_view(info, 7, "out");
  expect_length(env, call.A.length, {call.m, call.k}, "A");
  expect_length(env, call.B.length, {call.k, call.n}, "B");
  expect_length(env, call.out.length, {call.m, call.n}, "out");
  expect_same_dtype(env, call.A, call.B, "A and B");
  expect_same_dtype(env, call.A, call.out, "A and out");
  expect_disjoint(env, call.out, call.A, "out and A");
  expect_disjoint(env, call.out, call.B, "out and B");
  return call;
}

Napi::Value Matmul(const Napi::CallbackInfo& info) { return run_sync(info.Env(), parse(info)); }
Napi::Value MatmulAsync(const Napi::CallbackInfo& info) {
  return PromiseWorker::Start(info, parse(info), [](Napi::Env env) { return env.Undefined(); });
}

}  // namespace

void InitMatmul(Napi::Env env, Napi::Object exports) {
  exports.Set("matmul", Napi::Function::New(env, Matmul, "matmul"));
  exports.Set("matmulAsync", Napi::Function::New(env, MatmulAsync, "matmulAsync"));
}

}  // namespace svm::bind
