// Runs a kernel on the libuv thread pool and settles a Promise with its result. The JS objects whose
// memory the kernel reads or writes are held by references until it finishes, so they cannot be
// collected mid-run; a C++ exception becomes a rejected Promise with the exception's message.
#pragma once

#include <napi.h>

#include <functional>
#include <new>
#include <stdexcept>
#include <vector>

namespace svm::bind {

class PromiseWorker : public Napi::AsyncWorker {
 public:
  using Work = std::function<void()>;
  using Result = std::function<Napi::Value(Napi::Env)>;

  static Napi::Promise Start(const Napi::CallbackInfo& info, Work work, Result result) {
    auto* w = new PromiseWorker(info, std::move(work), std::move(result));
    Napi::Promise p = w->deferred_.Promise();
    w->Queue();
    return p;
  }

 protected:
  void Execute() override {
    try {
      work_();
    } catch (const std::out_of_range& e) {
      range_ = true;  // rejected as a RangeError, as the sync call throws one (run_sync)
      SetError(e.what());
    } catch (const std::bad_alloc&) {
      SetError("out of memory");
    } catch (const std::exception& e) {
      SetError(e.what());
    } catch (...) {
      SetError("unknown native error");
    }
  }
  // When the environment is being torn down (a worker terminated, process.exit mid-call), the work
  // still finishes but JS can no longer run: settling the promise then throws, and an exception out
  // of a completion callback would abort the whole process. There is nobody left to tell.
  void OnOK() override {
    try {
      deferred_.Resolve(result_(Env()));
    } catch (const Napi::Error&) {
    }
  }
  void OnError(const Napi::Error& e) override {
    try {
      deferred_.Reject(range_ ? Napi::RangeError::New(Env(), e.Message()).Value() : e.Value());
    } catch (const Napi::Error&) {
    }
  }

 private:
  PromiseWorker(const Napi::CallbackInfo& info, Work work, Result result)
      : Napi::AsyncWorker(info.Env(), "svm-native"),
        deferred_(Napi::Promise::Deferred::New(info.Env())),
        work_(std::move(work)),
        result_(std::move(result)) {
    for (size_t i = 0; i < info.Length(); ++i)
      if (info[i].IsObject()) keep_.push_back(Napi::Persistent(info[i].As<Napi::Object>()));
  }

  Napi::Promise::Deferred deferred_;
  Work work_;
  Result result_;
  std::vector<Napi::ObjectReference> keep_;
  bool range_ = false;
};

// Runs fn now (sync) or queues it (async), converting C++ exceptions to JS errors in the sync case.
template <typename Fn>
Napi::Value run_sync(Napi::Env env, Fn&& fn) {
  try {
    fn();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::out_of_range& e) {
    throw Napi::RangeError::New(env, e.what());
  } catch (const std::invalid_argument& e) {
    throw Napi::Error::New(env, e.what());
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(env, "out of memory");
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
  return env.Undefined();
}

}  // namespace svm::bind
