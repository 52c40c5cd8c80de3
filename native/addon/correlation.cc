// spearman / pearson / averageRanks and the p-value special functions: thin glue between
// Float64Arrays and native/core (core/correlation.h, core/rank_average.h,
// core/special_functions.h). src/metrics/{spearman,pearson}.ts validate the arguments and apply
// the NaN policy; here we re-check only what could crash (types, lengths).
#include "core/correlation.h"

#include <string>

#include "addon/args.h"
#include "addon/registry.h"
#include "core/rank_average.h"
#include "core/special_functions.h"

namespace {

using tauflow::addon::export_function;
using tauflow::addon::float64_arg;
using tauflow::addon::pick;
using tauflow::addon::set_number;
using tauflow::corr::Alternative;

constexpr double kMaxSafe = 9007199254740991.0;  // Number.MAX_SAFE_INTEGER

double NumberArg(const Napi::CallbackInfo& info, std::size_t i, const char* fn, const char* name) {
  if (info.Length() <= i || !info[i].IsNumber())
    throw Napi::TypeError::New(info.Env(), std::string(fn) + ": expected a number for " + name);
  return info[i].As<Napi::Number>().DoubleValue();
}

Alternative AlternativeArg(const Napi::CallbackInfo& info, std::size_t i, const char* fn) {
  const std::string s =
      info.Length() > i && info[i].IsString() ? info[i].As<Napi::String>().Utf8Value() : "";
  Alternative alt;
  if (pick(s,
           {{"two-sided", Alternative::TwoSided},
            {"less", Alternative::Less},
            {"greater", Alternative::Greater}},
           alt))
    return alt;
  throw Napi::RangeError::New(info.Env(),
                              std::string(fn) + ": expected 'two-sided', 'less' or 'greater'");
}

Napi::Object ResultObject(Napi::Env env, tauflow::corr::Result r) {
  Napi::Object out = Napi::Object::New(env);
  set_number(out, "statistic", r.statistic);
  set_number(out, "pvalue", r.pvalue);
  return out;
}

// (x, y, alternative) -> { statistic, pvalue } with x, y NaN-free Float64Arrays of equal length.
template <tauflow::corr::Result (*Compute)(const double*, const double*, std::size_t, Alternative)>
Napi::Value PairStatistic(const Napi::CallbackInfo& info, const char* fn) {
  Napi::Float64Array x = float64_arg(info, 0, fn, "x");
  Napi::Float64Array y = float64_arg(info, 1, fn, "y");
  const Alternative alt = AlternativeArg(info, 2, fn);
  if (x.ElementLength() != y.ElementLength())
    throw Napi::RangeError::New(info.Env(), std::string(fn) + ": x and y differ in length");
  return ResultObject(info.Env(), Compute(x.Data(), y.Data(), x.ElementLength(), alt));
}

Napi::Value Spearman(const Napi::CallbackInfo& info) {
  return PairStatistic<tauflow::corr::spearman>(info, "spearman");
}

Napi::Value Pearson(const Napi::CallbackInfo& info) {
  return PairStatistic<tauflow::corr::pearson>(info, "pearson");
}

Napi::Value AverageRanks(const Napi::CallbackInfo& info) {
  Napi::Float64Array x = float64_arg(info, 0, "averageRanks", "x");
  Napi::Float64Array out = Napi::Float64Array::New(info.Env(), x.ElementLength());
  tauflow::average_ranks(x.Data(), x.ElementLength(), out.Data());
  return out;
}

// (statistic, n, alternative) -> p-value, for a statistic computed elsewhere.
Napi::Value SpearmanPValue(const Napi::CallbackInfo& info) {
  const double rs = NumberArg(info, 0, "spearmanPValue", "rs");
  const double n = NumberArg(info, 1, "spearmanPValue", "n");
  // The range check also keeps the size_t conversion below defined (+Inf, 1e300).
  if (!(n >= 0 && n <= kMaxSafe))
    throw Napi::RangeError::New(info.Env(), "spearmanPValue: expected 0 <= n <= 2^53 - 1");
  return Napi::Number::New(
      info.Env(), tauflow::corr::spearman_pvalue(rs, static_cast<std::size_t>(n),
                                                 AlternativeArg(info, 2, "spearmanPValue")));
}

Napi::Value PearsonPValue(const Napi::CallbackInfo& info) {
  const double r = NumberArg(info, 0, "pearsonPValue", "r");
  const double n = NumberArg(info, 1, "pearsonPValue", "n");
  // The range check also keeps the size_t conversion below defined (+Inf, 1e300).
  if (!(n >= 0 && n <= kMaxSafe))
    throw Napi::RangeError::New(info.Env(), "pearsonPValue: expected 0 <= n <= 2^53 - 1");
  return Napi::Number::New(info.Env(),
                           tauflow::corr::pearson_pvalue(r, static_cast<std::size_t>(n),
                                                         AlternativeArg(info, 2, "pearsonPValue")));
}

// (a, b, x) -> [I_x(a, b), 1 - I_x(a, b)]
Napi::Value BetaInc(const Napi::CallbackInfo& info) {
  const auto r =
      tauflow::beta_inc(NumberArg(info, 0, "betaInc", "a"), NumberArg(info, 1, "betaInc", "b"),
                        NumberArg(info, 2, "betaInc", "x"));
  Napi::Array out = Napi::Array::New(info.Env(), 2);
  out.Set(uint32_t{0}, Napi::Number::New(info.Env(), r.lower));
  out.Set(uint32_t{1}, Napi::Number::New(info.Env(), r.upper));
  return out;
}

Napi::Value StudentTCdf(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(),
                           tauflow::student_t_cdf(NumberArg(info, 0, "studentTCdf", "df"),
                                                  NumberArg(info, 1, "studentTCdf", "t")));
}

void Register(Napi::Env env, Napi::Object exports) {
  export_function(env, exports, "spearman", Spearman);
  export_function(env, exports, "pearson", Pearson);
  export_function(env, exports, "averageRanks", AverageRanks);
  export_function(env, exports, "spearmanPValue", SpearmanPValue);
  export_function(env, exports, "pearsonPValue", PearsonPValue);
  export_function(env, exports, "betaInc", BetaInc);
  export_function(env, exports, "studentTCdf", StudentTCdf);
}

}  // namespace

TAUFLOW_EXPORT(Register);
