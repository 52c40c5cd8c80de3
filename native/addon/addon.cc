// Module entry: walks the export registry filled by each entry-point file. Context-aware
// (NODE_API_MODULE uses napi_module_register with per-env init), so worker_threads may load it.
#include "addon/registry.h"

namespace {
Napi::Object Init(Napi::Env env, Napi::Object exports) {
  for (auto init : tauflow::addon::export_registry()) init(env, exports);
  return exports;
}
}  // namespace

NODE_API_MODULE(tauflow, Init)
