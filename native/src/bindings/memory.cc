// adviseHugePages: transparent huge pages for a large, not yet written typed array.
#include "bindings/exports.h"
#include "kernels/huge_pages.h"

namespace svm::bind {

namespace {

Napi::Value AdviseHugePages(const Napi::CallbackInfo& info) {
  if (info.Length() != 1 || !info[0].IsTypedArray())
    throw Napi::TypeError::New(info.Env(), "adviseHugePages expects one typed array");
  // The data pointer straight from the typed array: ArrayBuffer() fails for a SharedArrayBuffer.
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  napi_value buffer;
  size_t offset = 0;
  NAPI_THROW_IF_FAILED(info.Env(), napi_get_typedarray_info(info.Env(), info[0], &type, &length, &data, &buffer, &offset),
                       Napi::Value());
  const size_t bytes = info[0].As<Napi::TypedArray>().ByteLength();
  return Napi::Number::New(info.Env(), static_cast<double>(data ? advise_huge_pages(static_cast<uint8_t*>(data), bytes) : 0));
}

}  // namespace

void InitMemory(Napi::Env env, Napi::Object exports) {
  exports.Set("adviseHugePages", Napi::Function::New(env, AdviseHugePages, "adviseHugePages"));
}

}  // namespace svm::bind
