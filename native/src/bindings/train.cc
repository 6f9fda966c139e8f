// trainChunk / trainChunkAsync: many steps of mini-batch gradient descent in one native call.
#include <cmath>
#include <string>
#include <tuple>

#include "bindings/convert.h"
#include "bindings/exports.h"
#include "bindings/promise_worker.h"
#include "kernels/train_loop.h"

namespace svm::bind {

namespace {

double field(const Napi::Object& o, const char* name, double fallback) {
  const Napi::Value v = o.Get(name);
  if (v.IsUndefined()) return fallback;
  if (!v.IsNumber()) throw Napi::TypeError::New(o.Env(), std::string("config.") + name + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

int enum_field(const Napi::Object& o, const char* name, int max) {
  const double v = field(o, name, 0);
  if (!(v >= 0 && v <= max) || v != std::floor(v))
    throw Napi::RangeError::New(o.Env(), std::string("config.") + name + " out of range");
  return static_cast<int>(v);
}

struct TrainCall {
  TrainConfig cfg;
  FloatView X, W, s1, s2;
  const int32_t* y = nullptr;
  uint32_t* rng = nullptr;
  int32_t* perm = nullptr;
  int32_t* cursor = nullptr;
  int64_t N = 0, D = 0, C = 0, step_start = 0, max_steps = 0;
  double max_millis = 0;
  double* out = nullptr;
  std::shared_ptr<ChunkResult> result = std::make_shared<ChunkResult>();

  template <typename T>
  void run() const {
    TrainState<T> st;
    st.W = W.as<T>();
    st.s1 = s1.data ? s1.as<T>() : nullptr;
    st.s2 = s2.data ? s2.as<T>() : nullptr;
    st.rng = rng;
    st.perm = perm;
    st.cursor = cursor;
    *result = train_chunk<T>(cfg, X.as<T>(), N, D, y, C, st, step_start, max_steps, max_millis, out);
  }
  void operator()() const { X.dtype == DType::Float32 ? run<float>() : run<double>(); }

  Napi::Value result_value(Napi::Env env) const {
    Napi::Object o = Napi::Object::New(env);
    o.Set("steps", Napi::Number::New(env, static_cast<double>(result->steps)));
    o.Set("diverged", Napi::Boolean::New(env, result->diverged));
    return o;
  }
};

// (config, X, N, D, y, W, C, s1|null, s2|null, rngState, perm|null, cursor, stepStart, maxSteps, maxMillis, out)
TrainCall parse(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (info.Length() != 16) throw type_error(env, "trainChunk expects 16 arguments");
  if (!info[0].IsObject()) throw type_error(env, "config must be an object");
  const Napi::Object c = info[0].As<Napi::Object>();
  TrainCall call;
  call.cfg.kind = static_cast<LossKind>(enum_field(c, "kind", 1));
  call.cfg.reg = field(c, "reg", 0);
  call.cfg.delta = field(c, "delta", 1);
  const double batch = field(c, "batchSize", 0);
  if (!(batch >= 0 && batch <= 9.0e15) || batch != std::floor(batch))
    throw Napi::RangeError::New(env, "config.batchSize must be a non-negative integer");
  call.cfg.batch_size = static_cast<int64_t>(batch);
  call.cfg.replace = field(c, "replace", 1) != 0;
  call.cfg.diverge_above = field(c, "divergeAbove", 1e300);
  OptimizerConfig& o = call.cfg.opt;
  o.rule = static_cast<UpdateRule>(enum_field(c, "rule", 4));
  o.learning_rate = field(c, "learningRate", 1e-3);
  o.momentum = field(c, "momentum", 0.9);
  o.decay = field(c, "decay", 0.99);
  o.beta1 = field(c, "beta1", 0.9);
  o.beta2 = field(c, "beta2", 0.999);
  o.eps = field(c, "eps", 1e-8);
  o.schedule = static_cast<Schedule>(enum_field(c, "schedule", 3));
  o.schedule_every = field(c, "scheduleEvery", 1);
  o.schedule_gamma = field(c, "scheduleGamma", 0.1);
  o.schedule_k = field(c, "scheduleK", 0);
  if (!(o.schedule_every >= 1)) throw Napi::RangeError::New(env, "config.scheduleEvery must be >= 1");

  call.X = float_view(info, 1, "X");
  call.N = dim(info, 2, "N");
  call.D = dim(info, 3, "D");
  expect_length(env, call.X.length, {call.N, call.D}, "X");
  const Napi::Int32Array y = int32_view(info, 4, "y");
  expect_length(env, y.ElementLength(), call.N, "y");
  call.y = y.Data();
  call.W = float_view(info, 5, "W");
  call.C = dim(info, 6, "C");
  expect_length(env, call.W.length, {call.D, call.C}, "W");
  expect_same_dtype(env, call.X, call.W, "X and W");
  const bool needs_s1 = o.rule != UpdateRule::Sgd, needs_s2 = o.rule == UpdateRule::Adam;
  for (int k = 0; k < 2; ++k) {
    const size_t i = 7 + k;
    FloatView& s = k == 0 ? call.s1 : call.s2;
    if (is_null(info, i)) {
      if (k == 0 ? needs_s1 : needs_s2) throw type_error(env, "this update rule needs its state arrays");
      continue;
    }
    s = float_view(info, i, k == 0 ? "s1" : "s2");
    expect_length(env, s.length, {call.D, call.C}, k == 0 ? "s1" : "s2");
    expect_same_dtype(env, call.X, s, "X and optimizer state");
  }
  const Napi::Value r = info[9];
  if (!r.IsTypedArray() || r.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array ||
      r.As<Napi::TypedArray>().ElementLength() != 4)
    throw type_error(env, "rngState must be a Uint32Array(4)");
  call.rng = r.As<Napi::Uint32Array>().Data();
  if (!is_null(info, 10)) {
    Napi::Int32Array perm = int32_view(info, 10, "perm");
    expect_length(env, perm.ElementLength(), call.N, "perm");
    call.perm = perm.Data();
    for (int64_t i = 0; i < call.N; ++i)
      if (call.perm[i] < 0 || call.perm[i] >= call.N) throw Napi::RangeError::New(env, "perm holds an index out of range");
  }
  Napi::Int32Array cursor = int32_view(info, 11, "cursor");
  expect_length(env, cursor.ElementLength(), 1, "cursor");
  call.cursor = cursor.Data();
  if (!call.cfg.replace && call.cfg.batch_size > 0 && !call.perm)
    throw type_error(env, "sampling without replacement needs perm");
  if (call.cfg.batch_size > call.N) throw Napi::RangeError::New(env, "batchSize is larger than N");
  call.step_start = dim(info, 12, "stepStart");
  call.max_steps = dim(info, 13, "maxSteps");
  call.max_millis = number(info, 14, "maxMillis");
  const Napi::Value out = info[15];
  if (!out.IsTypedArray() || out.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw type_error(env, "out must be a Float64Array");
  if (static_cast<int64_t>(out.As<Napi::TypedArray>().ElementLength()) < call.max_steps * kStepRecord)
    throw Napi::RangeError::New(env, "out is too short for maxSteps records");
  call.out = out.As<Napi::Float64Array>().Data();
  // W, the optimizer's state and out are written while X is read; none may share memory.
  const size_t out_bytes = out.As<Napi::TypedArray>().ByteLength();
  const std::tuple<const void*, size_t, const char*> written[] = {
      {call.W.data, call.W.bytes(), "W"}, {call.s1.data, call.s1.bytes(), "s1"}, {call.s2.data, call.s2.bytes(), "s2"},
      {call.out, out_bytes, "out"}};
  for (size_t i = 0; i < 4; ++i) {
    const auto& [w, wb, wn] = written[i];
    expect_disjoint(env, w, wb, call.X.data, call.X.bytes(), (std::string(wn) + " and X").c_str());
    for (size_t j = i + 1; j < 4; ++j)
      expect_disjoint(env, w, wb, std::get<0>(written[j]), std::get<1>(written[j]),
                      (std::string(wn) + " and " + std::get<2>(written[j])).c_str());
  }
  return call;
}

Napi::Value TrainChunk(const Napi::CallbackInfo& info) {
  const TrainCall call = parse(info);
  run_sync(info.Env(), call);
  return call.result_value(info.Env());
}

Napi::Value TrainChunkAsync(const Napi::CallbackInfo& info) {
  const TrainCall call = parse(info);
  return PromiseWorker::Start(info, call, [call](Napi::Env env) { return call.result_value(env); });
}

}  // namespace

void InitTrain(Napi::Env env, Napi::Object exports) {
  exports.Set("trainChunk", Napi::Function::New(env, TrainChunk, "trainChunk"));
  exports.Set("trainChunkAsync", Napi::Function::New(env, TrainChunkAsync, "trainChunkAsync"));
  exports.Set("stepRecordLength", Napi::Number::New(env, kStepRecord));
}

}  // namespace svm::bind
