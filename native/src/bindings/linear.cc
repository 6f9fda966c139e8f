// scores / predict / firstNonFinite: the classifier's forward pass and the finiteness scan that
// input validation uses on large arrays.
#include "bindings/convert.h"
#include "bindings/exports.h"
#include "bindings/promise_worker.h"
#include "kernels/linear_scores.h"

namespace svm::bind {

namespace {

struct ForwardCall {
  FloatView X, W, out;
  int32_t* labels = nullptr;  // predict writes class indices instead of scores
  int64_t N = 0, D = 0, C = 0;

  template <typename T>
  void run() const {
    if (labels)
      linear_predict<T>(X.as<T>(), N, D, W.as<T>(), C, labels);
    else
      linear_scores<T>(X.as<T>(), N, D, W.as<T>(), C, out.as<T>());
  }
  void operator()() const { X.dtype == DType::Float32 ? run<float>() : run<double>(); }
};

// (X, N, D, W, C, out): out is a float array N×C (scores) or an Int32Array N (predict).
ForwardCall parse(const Napi::CallbackInfo& info, bool predict) {
  const Napi::Env env = info.Env();
  if (info.Length() != 6) throw type_error(env, "expected 6 arguments (X, N, D, W, C, out)");
  ForwardCall call;
  call.X = float_view(info, 0, "X");
  call.N = dim(info, 1, "N");
  call.D = dim(info, 2, "D");
  expect_length(env, call.X.length, {call.N, call.D}, "X");
  call.W = float_view(info, 3, "W");
  call.C = dim(info, 4, "C");
  expect_length(env, call.W.length, {call.D, call.C}, "W");
  expect_same_dtype(env, call.X, call.W, "X and W");
  if (predict) {
    Napi::Int32Array out = int32_view(info, 5, "out");
    expect_length(env, out.ElementLength(), call.N, "out");
    call.labels = out.Data();
    expect_disjoint(env, call.labels, out.ByteLength(), call.X.data, call.X.bytes(), "out and X");
    expect_disjoint(env, call.labels, out.ByteLength(), call.W.data, call.W.bytes(), "out and W");
  } else {
    call.out = float_view(info, 5, "out");
    expect_length(env, call.out.length, {call.N, call.C}, "out");
    expect_same_dtype(env, call.X, call.out, "X and out");
    expect_disjoint(env, call.out, call.X, "out and X");
    expect_disjoint(env, call.out, call.W, "out and W");
  }
  return call;
}

Napi::Value Scores(const Napi::CallbackInfo& info) { return run_sync(info.Env(), parse(info, false)); }
Napi::Value Predict(const Napi::CallbackInfo& info) { return run_sync(info.Env(), parse(info, true)); }
Napi::Value ScoresAsync(const Napi::CallbackInfo& info) {
  return PromiseWorker::Start(info, parse(info, false), [](Napi::Env env) { return env.Undefined(); });
}
Napi::Value PredictAsync(const Napi::CallbackInfo& info) {
  return PromiseWorker::Start(info, parse(info, true), [](Napi::Env env) { return env.Undefined(); });
}

Napi::Value FirstNonFinite(const Napi::CallbackInfo& info) {
  const FloatView v = float_view(info, 0, "data");
  int64_t at = -1;
  run_sync(info.Env(), [&] {
    at = v.dtype == DType::Float32 ? first_non_finite(v.as<float>(), static_cast<int64_t>(v.length))
                                   : first_non_finite(v.as<double>(), static_cast<int64_t>(v.length));
  });
  return Napi::Number::New(info.Env(), static_cast<double>(at));
}

}  // namespace

void InitLinear(Napi::Env env, Napi::Object exports) {
  exports.Set("scores", Napi::Function::New(env, Scores, "scores"));
  exports.Set("scoresAsync", Napi::Function::New(env, ScoresAsync, "scoresAsync"));
  exports.Set("predict", Napi::Function::New(env, Predict, "predict"));
  exports.Set("predictAsync", Napi::Function::New(env, PredictAsync, "predictAsync"));
  exports.Set("firstNonFinite", Napi::Function::New(env, FirstNonFinite, "firstNonFinite"));
}

}  // namespace svm::bind
