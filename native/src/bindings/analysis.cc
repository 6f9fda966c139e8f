// lossGrid / candidateLosses: the loss landscape, step-size sweep and random-search kernels.
#include <memory>
#include <tuple>
#include <vector>

#include "bindings/convert.h"
#include "bindings/exports.h"
#include "bindings/promise_worker.h"
#include "kernels/loss_grid.h"

namespace svm::bind {

namespace {

Napi::Float64Array f64(const Napi::CallbackInfo& info, size_t i, const char* name) {
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw type_error(info.Env(), std::string(name) + " must be a Float64Array");
  return v.As<Napi::Float64Array>();
}

LossKind kind_arg(const Napi::CallbackInfo& info, size_t i) {
  const int64_t k = dim(info, i, "kind");
  if (k > 1) throw Napi::RangeError::New(info.Env(), "kind must be 0 (svm) or 1 (softmax)");
  return static_cast<LossKind>(k);
}

struct GridCall {
  LossKind kind = LossKind::Svm;
  double delta = 1;
  FloatView S0, S1, S2;
  int64_t N = 0, C = 0, na = 0, nb = 1;
  // A private copy of the labels, checked by the kernel and then read again per point: the
  // caller's array may change while an async call runs.
  std::shared_ptr<std::vector<int32_t>> labels;
  const int32_t* y = nullptr;
  const double* a = nullptr;
  const double* b = nullptr;
  double* out = nullptr;

  template <typename T>
  void run() const {
    loss_grid<T>(kind, delta, S0.as<T>(), S1.as<T>(), S2.data ? S2.as<T>() : nullptr, N, C, y, a, na, b, nb, out);
  }
  void operator()() const { S0.dtype == DType::Float32 ? run<float>() : run<double>(); }
};

// (kind, delta, S0, S1, S2|null, N, C, y, a, b|null, out)
GridCall parse_grid(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 11) throw type_error(env, "lossGrid expects 11 arguments");
  GridCall g;
  g.kind = kind_arg(info, 0);
  g.delta = number(info, 1, "delta");
  g.S0 = float_view(info, 2, "S0");
  g.S1 = float_view(info, 3, "S1");
  g.N = dim(info, 5, "N");
  g.C = dim(info, 6, "C");
  expect_length(env, g.S0.length, {g.N, g.C}, "S0");
  expect_length(env, g.S1.length, {g.N, g.C}, "S1");
  expect_same_dtype(env, g.S0, g.S1, "S0 and S1");
  if (!is_null(info, 4)) {
    g.S2 = float_view(info, 4, "S2");
    expect_length(env, g.S2.length, {g.N, g.C}, "S2");
    expect_same_dtype(env, g.S0, g.S2, "S0 and S2");
  }
  const Napi::Int32Array y = int32_view(info, 7, "y");
  expect_length(env, y.ElementLength(), g.N, "y");
  g.labels = std::make_shared<std::vector<int32_t>>(y.Data(), y.Data() + g.N);
  g.y = g.labels->data();
  const Napi::Float64Array a = f64(info, 8, "a");
  g.a = a.Data();
  g.na = static_cast<int64_t>(a.ElementLength());
  if (g.na == 0) throw Napi::RangeError::New(env, "a is empty; expected at least one grid point");
  static const double zero = 0;
  g.b = &zero;
  if (!is_null(info, 9)) {
    const Napi::Float64Array b = f64(info, 9, "b");
    g.b = b.Data();
    g.nb = static_cast<int64_t>(b.ElementLength());
    if (g.nb == 0) throw Napi::RangeError::New(env, "b is empty; expected at least one grid point");
  }
  if (!g.S2.data && g.nb != 1) throw Napi::RangeError::New(env, "b needs S2");
  if (g.S2.data && is_null(info, 9)) throw type_error(env, "S2 needs b");
  Napi::Float64Array out = f64(info, 10, "out");
  expect_length(env, out.ElementLength(), {g.na, g.nb}, "out");
  g.out = out.Data();
  const size_t out_bytes = out.ByteLength();
  for (const auto& [in, bytes, what] : {std::tuple<const void*, size_t, const char*>{g.S0.data, g.S0.bytes(), "out and S0"},
                                        {g.S1.data, g.S1.bytes(), "out and S1"},
                                        {g.S2.data, g.S2.bytes(), "out and S2"},
                                        {g.a, g.na * sizeof(double), "out and a"},
                                        {g.b, g.nb * sizeof(double), "out and b"}})
    expect_disjoint(env, g.out, out_bytes, in, bytes, what);
  return g;
}

struct CandidateCall {
  LossKind kind = LossKind::Svm;
  double delta = 1;
  FloatView S;
  int64_t N = 0, K = 0, C = 0;
  std::shared_ptr<std::vector<int32_t>> labels;  // a private copy, as GridCall's
  const int32_t* y = nullptr;
  double* out = nullptr;
  template <typename T>
  void run() const {
    candidate_losses<T>(kind, delta, S.as<T>(), N, K, C, y, out);
  }
  void operator()() const { S.dtype == DType::Float32 ? run<float>() : run<double>(); }
};

// (kind, delta, S, N, K, C, y, out)
CandidateCall parse_candidates(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 8) throw type_error(env, "candidateLosses expects 8 arguments");
  CandidateCall c;
  c.kind = kind_arg(info, 0);
  c.delta = number(info, 1, "delta");
  c.S = float_view(info, 2, "S");
  c.N = dim(info, 3, "N");
  c.K = dim(info, 4, "K");
  c.C = dim(info, 5, "C");
  expect_length(env, c.S.length, {c.N, c.K, c.C}, "S");
  const Napi::Int32Array y = int32_view(info, 6, "y");
  expect_length(env, y.ElementLength(), c.N, "y");
  c.labels = std::make_shared<std::vector<int32_t>>(y.Data(), y.Data() + c.N);
  c.y = c.labels->data();
  Napi::Float64Array out = f64(info, 7, "out");
  expect_length(env, out.ElementLength(), {2, c.K}, "out");
  c.out = out.Data();
  expect_disjoint(env, c.out, out.ByteLength(), c.S.data, c.S.bytes(), "out and S");
  return c;
}

Napi::Value Undefined(Napi::Env env) { return env.Undefined(); }

Napi::Value LossGrid(const Napi::CallbackInfo& info) { return run_sync(info.Env(), parse_grid(info)); }
Napi::Value LossGridAsync(const Napi::CallbackInfo& info) {
  return PromiseWorker::Start(info, parse_grid(info), Undefined);
}
Napi::Value CandidateLosses(const Napi::CallbackInfo& info) { return run_sync(info.Env(), parse_candidates(info)); }
Napi::Value CandidateLossesAsync(const Napi::CallbackInfo& info) {
  return PromiseWorker::Start(info, parse_candidates(info), Undefined);
}

}  // namespace

void InitAnalysis(Napi::Env env, Napi::Object exports) {
  exports.Set("lossGrid", Napi::Function::New(env, LossGrid, "lossGrid"));
  exports.Set("lossGridAsync", Napi::Function::New(env, LossGridAsync, "lossGridAsync"));
  exports.Set("candidateLosses", Napi::Function::New(env, CandidateLosses, "candidateLosses"));
  exports.Set("candidateLossesAsync", Napi::Function::New(env, CandidateLossesAsync, "candidateLossesAsync"));
}

}  // namespace svm::bind
