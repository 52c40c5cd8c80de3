// releaseScratch / scratchInfo / setScratchPolicy: thin glue over native/core/scratch_arena.h
// (the process-wide scratch buffers reused by kendallTau). src/scratch.ts validates arguments.
#include "addon/args.h"
#include "addon/registry.h"
#include "core/scratch_arena.h"

namespace {

using tauflow::addon::export_function;
using tauflow::addon::set_number;

Napi::Object info_object(Napi::Env env) {
  const tauflow::ScratchStats s = tauflow::scratch_stats();
  Napi::Object out = Napi::Object::New(env);
  set_number(out, "cachedBytes", static_cast<double>(s.cached_bytes));
  set_number(out, "cachedBlocks", static_cast<double>(s.cached_blocks));
  set_number(out, "limitBytes", static_cast<double>(s.limit_bytes));
  set_number(out, "idleMs", static_cast<double>(s.idle_ms));
  set_number(out, "reused", static_cast<double>(s.reused));
  set_number(out, "mapped", static_cast<double>(s.mapped));
  return out;
}

Napi::Value ReleaseScratch(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(tauflow::release_scratch()));
}

Napi::Value ScratchInfo(const Napi::CallbackInfo& info) { return info_object(info.Env()); }

constexpr double kMaxSafe = 9007199254740991.0;  // Number.MAX_SAFE_INTEGER

// setScratchPolicy(limitBytes, idleMs): both non-negative numbers (checked in src/scratch.ts).
Napi::Value SetScratchPolicy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsNumber())
    throw Napi::TypeError::New(env, "setScratchPolicy: expected two numbers");
  const double limit = info[0].As<Napi::Number>().DoubleValue();
  const double idle = info[1].As<Napi::Number>().DoubleValue();
  if (!(limit >= 0 && limit <= kMaxSafe) || !(idle >= 0 && idle <= kMaxSafe))
    throw Napi::RangeError::New(env, "setScratchPolicy: expected non-negative numbers");
  tauflow::set_scratch_policy(static_cast<std::size_t>(limit), static_cast<std::uint64_t>(idle));
  return info_object(env);
}

void Register(Napi::Env env, Napi::Object exports) {
  export_function(env, exports, "releaseScratch", ReleaseScratch);
  export_function(env, exports, "scratchInfo", ScratchInfo);
  export_function(env, exports, "setScratchPolicy", SetScratchPolicy);
}

}  // namespace

TAUFLOW_EXPORT(Register);
