// adviseHugePages: transparent huge pages for a large, not yet written typed array.
#include "bindings/exports.h"
#include "kernels/huge_pages.h"

namespace svm::bind {

namespace {

Napi::Value AdviseHugePages(const Napi::CallbackInfo& info) {
  if (info.Length() != 1 || !info[0].IsTypedArray())
    throw Napi::TypeError::New(info.Env(), "adviseHugePages expects one typed array");
  const auto ta = info[0].As<Napi::TypedArray>();
  auto* base = static_cast<uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
  return Napi::Number::New(info.Env(), static_cast<double>(advise_huge_pages(base, ta.ByteLength())));
}

}  // namespace

void InitMemory(Napi::Env env, Napi::Object exports) {
  exports.Set("adviseHugePages", Napi::Function::New(env, AdviseHugePages, "adviseHugePages"));
}

}  // namespace svm::bind
