// buildInfo(): what this binary was compiled with and what it finds at run time. The TS side
// (src/info.ts) adds the package version and where the binary was loaded from.
#include "addon/args.h"
#include "addon/registry.h"
#include "core/parallel_for.h"

#ifdef TAUFLOW_WITH_CUDA
#include "cuda/device_query.h"
#endif

namespace {

// The compiler that built this binary, so a bug report says which toolchain a prebuild came from.
constexpr const char* kCompiler =
#if defined(__clang__)
    "clang " __clang_version__;
#elif defined(__GNUC__)
    "gcc " __VERSION__;
#elif defined(_MSC_VER)
    "msvc";
#else
    "unknown";
#endif

Napi::Value BuildInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  out.Set("threads", Napi::Number::New(env, tauflow::thread_count()));
  out.Set("compiler", Napi::String::New(env, kCompiler));
  Napi::Object cuda = Napi::Object::New(env);
#ifdef TAUFLOW_WITH_CUDA
  cuda.Set("compiled", Napi::Boolean::New(env, true));
  auto q = tauflow::cuda::query_devices();
  cuda.Set("runtimeVersion", Napi::Number::New(env, q.runtime_version));
  cuda.Set("driverVersion", Napi::Number::New(env, q.driver_version));
  cuda.Set("error", q.error.empty() ? env.Null() : Napi::String::New(env, q.error));
  Napi::Array devices = Napi::Array::New(env, q.devices.size());
  for (std::size_t i = 0; i < q.devices.size(); ++i) {
    Napi::Object d = Napi::Object::New(env);
    d.Set("index", Napi::Number::New(env, static_cast<double>(i)));
    d.Set("name", Napi::String::New(env, q.devices[i].name));
    d.Set("computeCapability", Napi::String::New(env, q.devices[i].compute_capability));
    d.Set("totalMemory", Napi::Number::New(env, static_cast<double>(q.devices[i].total_memory)));
    d.Set("multiprocessors", Napi::Number::New(env, q.devices[i].multiprocessors));
    devices.Set(static_cast<uint32_t>(i), d);
  }
  cuda.Set("devices", devices);
#else
  cuda.Set("compiled", Napi::Boolean::New(env, false));
  cuda.Set("runtimeVersion", env.Null());
  cuda.Set("driverVersion", env.Null());
  cuda.Set("error", env.Null());
  cuda.Set("devices", Napi::Array::New(env, 0));
#endif
  out.Set("cuda", cuda);
  return out;
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber())
    throw Napi::TypeError::New(env, "setThreads: expected a number of threads");
  double n = info[0].As<Napi::Number>().DoubleValue();
  if (!(n >= 0 && n <= 1024) || n != static_cast<double>(static_cast<unsigned>(n)))
    throw Napi::RangeError::New(env, "setThreads: expected an integer in [0, 1024] (0 = default)");
  tauflow::set_thread_count(static_cast<unsigned>(n));
  return Napi::Number::New(env, tauflow::thread_count());
}

using tauflow::addon::export_function;

void Register(Napi::Env env, Napi::Object exports) {
  export_function(env, exports, "buildInfo", BuildInfo);
  export_function(env, exports, "setThreads", SetThreads);
}

}  // namespace

TAUFLOW_EXPORT(Register);
