// surrogate(pred, target, weights, batch, n, options) and cudaDeviceCount(): thin glue over
// tauflow::surrogate_cpu (native/core) and tauflow::cuda::surrogate_cuda (native/cuda). Checks
// only what would crash or silently misread memory (types, lengths, option strings), wraps the
// typed arrays without copying, and maps C++ exceptions to JS errors. No math here.
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "addon/args.h"
#include "addon/registry.h"
#include "core/surrogate_cpu.h"
#include "core/surrogate_options.h"

#ifdef TAUFLOW_WITH_CUDA
#include "cuda/device_query.h"
#include "cuda/surrogate_cuda.h"
#endif

namespace {

using tauflow::addon::Choice;
using tauflow::addon::export_function;
using tauflow::addon::is_typed_array_of;
using tauflow::addon::pick;

constexpr const char* kFn = "surrogate";

std::string describe(const Napi::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsUndefined()) return "undefined";
  if (v.IsString()) return "the string \"" + v.As<Napi::String>().Utf8Value() + "\"";
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    return std::isnan(d) ? "NaN" : "the number " + v.ToString().Utf8Value();
  }
  if (v.IsBoolean()) return "a boolean";
  if (v.IsTypedArray())
    return "a typed array of length " + std::to_string(v.As<Napi::TypedArray>().ElementLength());
  if (v.IsArray()) return "an array";
  if (v.IsFunction()) return "a function";
  return "an object";
}

[[noreturn]] void type_error(Napi::Env env, const std::string& arg, const std::string& expected,
                             const Napi::Value& got) {
  throw Napi::TypeError::New(env, std::string(kFn) + ": expected " + expected + " for " + arg +
                                      " but received " + describe(got));
}

[[noreturn]] void range_error(Napi::Env env, const std::string& arg, const std::string& expected,
                              const std::string& got) {
  throw Napi::RangeError::New(
      env, std::string(kFn) + ": expected " + expected + " for " + arg + " but received " + got);
}

Napi::Float32Array float32_arg(Napi::Env env, const Napi::Value& v, const std::string& arg) {
  if (!is_typed_array_of(v, napi_float32_array)) type_error(env, arg, "a Float32Array", v);
  return v.As<Napi::Float32Array>();
}

// A whole number in [lo, 2^53].
std::size_t count_arg(Napi::Env env, const Napi::Value& v, const std::string& arg, double lo) {
  if (!v.IsNumber()) type_error(env, arg, "an integer", v);
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo) || d != std::floor(d) || d > 9007199254740992.0)
    range_error(env, arg, "an integer >= " + std::to_string(static_cast<long long>(lo)),
                describe(v));
  return static_cast<std::size_t>(d);
}

// o[key] as one of the named choices; a TypeError listing them when it is anything else.
template <typename E>
E enum_option(Napi::Env env, const Napi::Object& o, const char* key,
              std::initializer_list<Choice<E>> choices) {
  Napi::Value v = o.Get(key);
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "'" : ", '") + std::string(c.name) + "'";
  std::string arg = std::string("options.") + key;
  if (!v.IsString()) type_error(env, arg, "one of " + list, v);
  E out;
  if (!pick(v.As<Napi::String>().Utf8Value(), choices, out))
    type_error(env, arg, "one of " + list, v);
  return out;
}

double number_option(Napi::Env env, const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  std::string arg = std::string("options.") + key;
  if (!v.IsNumber()) type_error(env, arg, "a finite number", v);
  double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d)) range_error(env, arg, "a finite number", describe(v));
  return d;
}

tauflow::SurrogateOptions read_options(Napi::Env env, const Napi::Value& v, std::string& device) {
  if (!v.IsObject() || v.IsArray() || v.IsFunction()) type_error(env, "options", "an object", v);
  Napi::Object o = v.As<Napi::Object>();
  tauflow::SurrogateOptions opt;
  opt.kind = enum_option<tauflow::SurrogateKind>(env, o, "surrogate",
                                                 {{"tanh", tauflow::SurrogateKind::kTanh},
                                                  {"hardtanh", tauflow::SurrogateKind::kHardtanh},
                                                  {"logistic", tauflow::SurrogateKind::kLogistic},
                                                  {"ranknet", tauflow::SurrogateKind::kRanknet},
                                                  {"hinge", tauflow::SurrogateKind::kHinge}});
  opt.alpha = number_option(env, o, "alpha");
  opt.margin = number_option(env, o, "margin");
  opt.weighting =
      enum_option<tauflow::PairWeighting>(env, o, "weighting",
                                          {{"none", tauflow::PairWeighting::kNone},
                                           {"target-diff", tauflow::PairWeighting::kTargetDiff},
                                           {"user", tauflow::PairWeighting::kUser}});
  opt.normalization = enum_option<tauflow::Normalization>(
      env, o, "normalization",
      {{"tau-a", tauflow::Normalization::kTauA}, {"tau-b", tauflow::Normalization::kTauB}});
  device = enum_option<const char*>(env, o, "device", {{"cpu", "cpu"}, {"cuda", "cuda"}});
  Napi::Value want = o.Get("wantGrad");
  if (!want.IsBoolean()) type_error(env, "options.wantGrad", "a boolean", want);
  opt.want_grad = want.As<Napi::Boolean>().Value();
  return opt;
}

// Why CUDA cannot run here, or "" when a device is usable.
std::string cuda_unavailable_reason() {
#ifdef TAUFLOW_WITH_CUDA
  if (tauflow::cuda::device_count() > 0) return "";
  auto q = tauflow::cuda::query_devices();
  if (!q.error.empty()) return q.error;
  return "no CUDA device found";
#else
  return "this build of tauflow was compiled without CUDA";
#endif
}

Napi::Value Surrogate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6)
    throw Napi::TypeError::New(env,
                               "surrogate: expected 6 arguments (pred, target, weights, "
                               "batch, n, options) but received " +
                                   std::to_string(info.Length()));
  // Options first: their getters run JS that could detach pred, target or weights, so the
  // arrays (whose data pointer and length are captured when wrapped) are read only after.
  std::string device;
  tauflow::SurrogateOptions opt = read_options(env, info[5], device);
  Napi::Float32Array pred = float32_arg(env, info[0], "pred");
  Napi::Float32Array target = float32_arg(env, info[1], "target");
  std::size_t batch = count_arg(env, info[3], "batch", 1);
  std::size_t n = count_arg(env, info[4], "n", 2);

  if (n > 0xFFFFFFFEull) range_error(env, "n", "at most 4294967294", std::to_string(n));
  if (batch > 9007199254740992ull / n)
    range_error(env, "batch * n", "at most 2^53", "a larger product");
  const std::size_t total = batch * n;
  if (pred.ElementLength() != total)
    range_error(env, "pred", "length batch * n = " + std::to_string(total),
                "length " + std::to_string(pred.ElementLength()));
  if (target.ElementLength() != total)
    range_error(env, "target", "length batch * n = " + std::to_string(total),
                "length " + std::to_string(target.ElementLength()));
  const float* weights = nullptr;
  if (opt.weighting == tauflow::PairWeighting::kUser) {
    Napi::Float32Array w = float32_arg(env, info[2], "weights");
    if (w.ElementLength() != total)
      range_error(env, "weights", "length batch * n = " + std::to_string(total),
                  "length " + std::to_string(w.ElementLength()));
    weights = w.Data();
  } else if (!info[2].IsNull() && !info[2].IsUndefined()) {
    type_error(env, "weights", "null unless options.weighting is 'user'", info[2]);
  }

  Napi::Float64Array value = Napi::Float64Array::New(env, batch);
  Napi::Float32Array grad = Napi::Float32Array::New(env, opt.want_grad ? total : 0);
  try {
    if (device == "cuda") {
      std::string why = cuda_unavailable_reason();
      if (!why.empty())
        throw Napi::Error::New(env, "CUDA requested but no CUDA device is available: " + why);
#ifdef TAUFLOW_WITH_CUDA
      tauflow::cuda::surrogate_cuda(pred.Data(), target.Data(), weights, batch, n, opt,
                                    value.Data(), opt.want_grad ? grad.Data() : nullptr);
#endif
    } else {
      tauflow::surrogate_cpu(pred.Data(), target.Data(), weights, batch, n, opt, value.Data(),
                             opt.want_grad ? grad.Data() : nullptr);
    }
  } catch (const std::invalid_argument& e) {
    throw Napi::RangeError::New(env, e.what());
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(
        env, "surrogate: out of memory for batch * n = " + std::to_string(total));
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("value", value);
  out.Set("grad", grad);
  return out;
}

Napi::Value CudaDeviceCount(const Napi::CallbackInfo& info) {
#ifdef TAUFLOW_WITH_CUDA
  return Napi::Number::New(info.Env(), tauflow::cuda::device_count());
#else
  return Napi::Number::New(info.Env(), 0);
#endif
}

void Register(Napi::Env env, Napi::Object exports) {
  export_function(env, exports, "surrogate", Surrogate);
  export_function(env, exports, "cudaDeviceCount", CudaDeviceCount);
}

}  // namespace

TAUFLOW_EXPORT(Register);
