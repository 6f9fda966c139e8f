// Module entry: registers every binding and the thread knob.
#include <napi.h>

#include <cmath>

#include "bindings/exports.h"
#include "kernels/blas.h"
#include "kernels/thread_pool.h"

namespace svm::bind {

namespace {

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "threads must be a number");
  const double n = info[0].As<Napi::Number>().DoubleValue();
  if (!(n >= 1) || n > 1024 || n != std::floor(n)) throw Napi::RangeError::New(info.Env(), "threads must be an integer in [1, 1024]");
  ThreadPool::global().set_threads(static_cast<int>(n));
  return info.Env().Undefined();
}

Napi::Value GetThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), ThreadPool::global().threads());
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  InitLoss(env, exports);
  InitLinear(env, exports);
  InitMatmul(env, exports);
  InitTrain(env, exports);
  InitAnalysis(env, exports);
  InitMemory(env, exports);
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  exports.Set("getThreads", Napi::Function::New(env, GetThreads, "getThreads"));
  exports.Set("blasInfo", Napi::String::New(env, blas_info()));
  ThreadPool::global().set_threads(ThreadPool::global().threads());  // aligns BLAS threads with ours
  return exports;
}

}  // namespace svm::bind

namespace {
Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return svm::bind::Init(env, exports); }
}  // namespace

NODE_API_MODULE(svm_native, InitAddon)
