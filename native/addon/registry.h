// Self-registration of addon entry points: each native/addon/*.cc file declares its exports with
// TAUFLOW_EXPORT, and addon.cc only walks the list. Adding an entry point touches one file.
#pragma once
#include <napi.h>

#include <vector>

namespace tauflow::addon {

using ExportInit = void (*)(Napi::Env env, Napi::Object exports);

// Function-local static: safe regardless of static-initialisation order across files.
inline std::vector<ExportInit>& export_registry() {
  static std::vector<ExportInit> registry;
  return registry;
}

struct ExportRegistrar {
  explicit ExportRegistrar(ExportInit init) { export_registry().push_back(init); }
};

}  // namespace tauflow::addon

#define TAUFLOW_CONCAT_INNER(a, b) a##b
#define TAUFLOW_CONCAT(a, b) TAUFLOW_CONCAT_INNER(a, b)
// Usage: TAUFLOW_EXPORT(init_fn) where init_fn(env, exports) sets properties on exports.
#define TAUFLOW_EXPORT(fn) \
  static ::tauflow::addon::ExportRegistrar TAUFLOW_CONCAT(tauflow_registrar_, __LINE__)(fn)
