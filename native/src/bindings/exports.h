// Each binding file registers its functions on the addon's exports.
#pragma once

#include <napi.h>

namespace svm::bind {

void InitLoss(Napi::Env env, Napi::Object exports);
void InitLinear(Napi::Env env, Napi::Object exports);
void InitMatmul(Napi::Env env, Napi::Object exports);
void InitTrain(Napi::Env env, Napi::Object exports);
void InitAnalysis(Napi::Env env, Napi::Object exports);
void InitMemory(Napi::Env env, Napi::Object exports);

}  // namespace svm::bind
