// lossGrad / lossGradAsync: the fused SVM and softmax loss (and gradient) kernels.
#include <memory>

#include "bindings/convert.h"
#include "bindings/exports.h"
#include "bindings/promise_worker.h"
#include "kernels/linear_loss.h"

namespace svm::bind {

namespace {

constexpr int kStatsLength = 5;  // loss, dataLoss, regLoss, violatedShare, accuracy

// Everything a loss call needs, copied out of the JS arguments so Execute() never touches JS.
struct LossCall {
  FloatView X, W, grad;
  bool has_grad = false;
  const int32_t* y = nullptr;
  const int32_t* batch = nullptr;
  int64_t N = 0, D = 0, C = 0, batch_size = 0;
  LossKind kind = LossKind::Svm;
  double reg = 0, delta = 1;
  double* stats = nullptr;

  template <typename T>
  void run() const {
    LossInput<T> in;
    in.X = X.as<T>();
    in.rows_total = N;
    in.D = D;
    in.y = y;
    in.batch = batch;
    in.batch_size = batch ? batch_size : N;
    in.W = W.as<T>();
    in.C = C;
    in.kind = kind;
    in.reg = reg;
    in.delta = delta;
    const LossStats s = loss_and_grad<T>(in, has_grad ? grad.as<T>() : nullptr);
    stats[0] = s.loss;
    stats[1] = s.data_loss;
    stats[2] = s.reg_loss;
    stats[3] = s.violated_share;
    stats[4] = s.accuracy;
  }
  void operator()() const { X.dtype == DType::Float32 ? run<float>() : run<double>(); }
};

// (kind, X, N, D, y, batch|null, W, C, reg, delta, grad|null, stats)
LossCall parse(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 12) throw type_error(env, "lossGrad expects 12 arguments");
  LossCall call;
  const int64_t kind = dim(info, 0, "kind");
  if (kind > 1) throw Napi::RangeError::New(env, "kind must be 0 (svm) or 1 (softmax)");
  call.kind = static_cast<LossKind>(kind);
  call.X = float_view(info, 1, "X");
  call.N = dim(info, 2, "N");
  call.D = dim(info, 3, "D");
  expect_length(env, call.X.length, {call.N, call.D}, "X");
  const Napi::Int32Array y = int32_view(info, 4, "y");
  expect_length(env, y.ElementLength(), call.N, "y");
  call.y = y.Data();
  if (!is_null(info, 5)) {
    const Napi::Int32Array batch = int32_view(info, 5, "batch");
    call.batch = batch.Data();
    call.batch_size = static_cast<int64_t>(batch.ElementLength());
  }
  call.W = float_view(info, 6, "W");
  call.C = dim(info, 7, "C");
  expect_length(env, call.W.length, {call.D, call.C}, "W");
  expect_same_dtype(env, call.X, call.W, "X and W");
  call.reg = number(info, 8, "reg");
  call.delta = number(info, 9, "delta");
  if (!is_null(info, 10)) {
    call.grad = float_view(info, 10, "grad");
    call.has_grad = true;
    expect_length(env, call.grad.length, {call.D, call.C}, "grad");
    expect_same_dtype(env, call.X, call.grad, "X and grad");
    expect_disjoint(env, call.grad, call.X, "grad and X");
    expect_disjoint(env, call.grad, call.W, "grad and W");
  }
  const Napi::Value s = info[11];
  if (!s.IsTypedArray() || s.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw type_error(env, "stats must be a Float64Array");
  expect_length(env, s.As<Napi::TypedArray>().ElementLength(), kStatsLength, "stats");
  call.stats = s.As<Napi::Float64Array>().Data();
  // stats is written at the end only, after every read: overlapping it with an input is harmless.
  return call;
}

Napi::Value LossGrad(const Napi::CallbackInfo& info) {
  const LossCall call = parse(info);
  return run_sync(info.Env(), call);
}

Napi::Value LossGradAsync(const Napi::CallbackInfo& info) {
  const LossCall call = parse(info);
  return PromiseWorker::Start(info, call, [](Napi::Env env) { return env.Undefined(); });
}

}  // namespace

void InitLoss(Napi::Env env, Napi::Object exports) {
  exports.Set("lossGrad", Napi::Function::New(env, LossGrad, "lossGrad"));
  exports.Set("lossGradAsync", Napi::Function::New(env, LossGradAsync, "lossGradAsync"));
}

}  // namespace svm::bind
