// kendallTau / kendallTauAsync / kendallMatrix: thin glue over native/core/kendall_*. src/ has
// validated every argument; here we check only what would crash (types, lengths) and translate
// option strings into the core's enums. The async version copies its inputs into a plain struct,
// computes in Execute() with no N-API calls and builds the result object in OnOK().
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "addon/args.h"
#include "addon/registry.h"
#include "core/kendall_matrix.h"
#include "core/kendall_tau.h"
#include "core/scratch_arena.h"

namespace {
namespace k = tauflow::kendall;
using tauflow::addon::export_function;
using tauflow::addon::float64_arg;
using tauflow::addon::is_typed_array_of;
using tauflow::addon::pick;
using tauflow::addon::set_number;
using tauflow::addon::string_or;
using tauflow::addon::with_js_errors;

k::KendallOptions parse_options(const Napi::Env& env, const Napi::Value& value, const char* fn) {
  k::KendallOptions o;
  if (!value.IsObject()) return o;
  Napi::Object obj = value.As<Napi::Object>();
  const std::string variant = string_or(obj, "variant", "b");
  const std::string alt = string_or(obj, "alternative", "two-sided");
  const std::string method = string_or(obj, "method", "auto");
  const std::string nan = string_or(obj, "nanPolicy", "propagate");
  auto bad = [&](const char* what) {
    throw Napi::RangeError::New(env, std::string(fn) + ": unknown " + what);
  };
  if (!pick(variant, {{"a", k::Variant::a}, {"b", k::Variant::b}, {"c", k::Variant::c}}, o.variant))
    bad("variant");
  if (!pick(alt,
            {{"two-sided", k::Alternative::two_sided},
             {"less", k::Alternative::less},
             {"greater", k::Alternative::greater}},
            o.alternative))
    bad("alternative");
  if (!pick(method,
            {{"auto", k::Method::automatic},
             {"exact", k::Method::exact},
             {"asymptotic", k::Method::asymptotic}},
            o.method))
    bad("method");
  if (!pick(nan,
            {{"propagate", k::NanPolicy::propagate},
             {"omit", k::NanPolicy::omit},
             {"raise", k::NanPolicy::raise}},
            o.nan_policy))
    bad("nanPolicy");
  return o;
}

const char* method_name(k::Method m) {
  switch (m) {
    case k::Method::exact:
      return "exact";
    case k::Method::asymptotic:
      return "asymptotic";
    default:
      return "auto";
  }
}

const char* status_name(k::KendallStatus s) {
  switch (s) {
    case k::KendallStatus::nan_found:
      return "nan-found";
    case k::KendallStatus::exact_with_ties:
      return "exact-with-ties";
    case k::KendallStatus::exact_too_large:
      return "exact-too-large";
    default:
      return "ok";
  }
}

// Counts are exact as JS numbers up to 2^53 (n up to about 1.3e8).
Napi::Object to_js(Napi::Env env, const k::KendallResult& r) {
  Napi::Object out = Napi::Object::New(env);
  auto num = [&](const char* key, double v) { set_number(out, key, v); };
  out.Set("status", Napi::String::New(env, status_name(r.status)));
  num("statistic", r.statistic);
  num("pvalue", r.pvalue);
  out.Set("method", Napi::String::New(env, method_name(r.method)));
  out.Set("counted", Napi::Boolean::New(env, r.counted));
  num("n", static_cast<double>(r.counts.n));
  num("concordant", static_cast<double>(r.counts.concordant));
  num("discordant", static_cast<double>(r.counts.discordant));
  num("tiesX", static_cast<double>(r.counts.ties_x));
  num("tiesY", static_cast<double>(r.counts.ties_y));
  num("tiesXY", static_cast<double>(r.counts.ties_xy));
  num("nanArg", r.nan_arg);
  num("nanIndex", static_cast<double>(r.nan_index));
  return out;
}

Napi::Value KendallTau(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  // Options first: their getters run JS that could detach x or y, so the arrays (whose data
  // pointer and length are captured when wrapped) are read only after.
  const k::KendallOptions o = parse_options(env, info[2], "kendallTau");
  Napi::Float64Array x = float64_arg(info, 0, "kendallTau", "x");
  Napi::Float64Array y = float64_arg(info, 1, "kendallTau", "y");
  if (x.ElementLength() != y.ElementLength())
    throw Napi::RangeError::New(env, "kendallTau: x and y differ in length");
  if (x.ElementLength() > k::kMaxRows)
    throw Napi::RangeError::New(env, "kendallTau: more than 2^32 - 1 rows");
  return to_js(env, with_js_errors(env, "kendallTau: ", [&] {
                 return k::kendall_tau(x.Data(), y.Data(), x.ElementLength(), o);
               }));
}

// Inputs copied: the caller's buffers may be detached or changed while the worker runs. The
// copies live in a block of the scratch arena (reused across calls, so no fresh page faults on
// the main thread after the first call).
class KendallWorker : public Napi::AsyncWorker {
 public:
  KendallWorker(Napi::Env env, const double* x, const double* y, std::size_t n,
                k::KendallOptions options)
      : Napi::AsyncWorker(env, "tauflow:kendallTau"),
        deferred_(Napi::Promise::Deferred::New(env)),
        inputs_(tauflow::acquire_scratch(2 * n * sizeof(double))),
        n_(n),
        options_(options) {
    if (n > 0) {
      std::memcpy(inputs_.as<double>(), x, n * sizeof(double));
      std::memcpy(inputs_.as<double>() + n, y, n * sizeof(double));
    }
  }

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      const double* x = inputs_.as<double>();
      result_ = k::kendall_tau(x, x + n_, n_, options_);
    } catch (const std::exception& e) {
      SetError(std::string("kendallTauAsync: ") + e.what());
    }
  }
  void OnOK() override { deferred_.Resolve(to_js(Env(), result_)); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  tauflow::ScratchLease inputs_;  // x then y, n_ doubles each
  std::size_t n_;
  k::KendallOptions options_;
  k::KendallResult result_;
};

Napi::Value KendallTauAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  // Options first: their getters run JS that could detach x or y, so the arrays (whose data
  // pointer and length are captured when wrapped) are read only after.
  const k::KendallOptions o = parse_options(env, info[2], "kendallTauAsync");
  Napi::Float64Array x = float64_arg(info, 0, "kendallTauAsync", "x");
  Napi::Float64Array y = float64_arg(info, 1, "kendallTauAsync", "y");
  if (x.ElementLength() != y.ElementLength())
    throw Napi::RangeError::New(env, "kendallTauAsync: x and y differ in length");
  if (x.ElementLength() > k::kMaxRows)
    throw Napi::RangeError::New(env, "kendallTauAsync: more than 2^32 - 1 rows");
  KendallWorker* worker = with_js_errors(env, "kendallTauAsync: ", [&] {
    return new KendallWorker(env, x.Data(), y.Data(), x.ElementLength(), o);
  });
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

// kendallMatrix(columns: Float64Array[], options, minPeriods)
Napi::Value KendallMatrix(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray())
    throw Napi::TypeError::New(env, "kendallMatrix: expected an array of Float64Array columns");
  Napi::Array arr = info[0].As<Napi::Array>();
  const std::size_t m = arr.Length();
  // Run every getter (options, array elements) before wrapping any column: JS run later could
  // detach a column whose data pointer and length were already captured.
  const k::KendallOptions o = parse_options(env, info[1], "kendallMatrix");
  std::vector<Napi::Value> values(m);
  for (std::size_t c = 0; c < m; ++c) values[c] = arr.Get(static_cast<uint32_t>(c));
  std::vector<const double*> cols(m);
  std::size_t n = 0;
  for (std::size_t c = 0; c < m; ++c) {
    Napi::Value v = values[c];
    if (!is_typed_array_of(v, napi_float64_array))
      throw Napi::TypeError::New(env, "kendallMatrix: expected Float64Array columns");
    Napi::Float64Array a = v.As<Napi::Float64Array>();
    if (c == 0) n = a.ElementLength();
    if (a.ElementLength() != n)
      throw Napi::RangeError::New(env, "kendallMatrix: columns differ in length");
    cols[c] = a.Data();
  }
  if (n > k::kMaxRows) throw Napi::RangeError::New(env, "kendallMatrix: more than 2^32 - 1 rows");
  double min_periods =
      info.Length() > 2 && info[2].IsNumber() ? info[2].As<Napi::Number>().DoubleValue() : 1.0;
  if (!(min_periods >= 0)) min_periods = 0;
  // More than 2^53 rows never exist: clamping keeps the size_t conversion defined (+Inf).
  min_periods = std::min(min_periods, 9007199254740991.0);
  const k::KendallMatrixResult r = with_js_errors(env, "kendallMatrix: ", [&] {
    return k::kendall_matrix(cols.data(), m, n, o, static_cast<std::size_t>(min_periods));
  });
  auto to_array = [&](const std::vector<double>& v) {
    Napi::Float64Array a = Napi::Float64Array::New(env, v.size());
    if (!v.empty()) std::memcpy(a.Data(), v.data(), v.size() * sizeof(double));
    return a;
  };
  Napi::Object out = Napi::Object::New(env);
  out.Set("values", to_array(r.values));
  out.Set("pvalues", to_array(r.pvalues));
  out.Set("counts", to_array(r.counts));
  return out;
}

void Register(Napi::Env env, Napi::Object exports) {
  export_function(env, exports, "kendallTau", KendallTau);
  export_function(env, exports, "kendallTauAsync", KendallTauAsync);
  export_function(env, exports, "kendallMatrix", KendallMatrix);
}

}  // namespace

TAUFLOW_EXPORT(Register);
