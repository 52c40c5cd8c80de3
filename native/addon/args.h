// Argument reading, result building and C++-to-JS error conversion shared by the addon's entry
// points (correlation.cc, kendall.cc, scratch.cc, surrogate.cc, build_info.cc). Checks here guard
// only what would crash or misread memory; src/ has already validated every argument.
#pragma once
#include <napi.h>

#include <cstddef>
#include <exception>
#include <initializer_list>
#include <string>

namespace tauflow::addon {

// True when v is a typed array of exactly this element type (e.g. napi_float64_array).
inline bool is_typed_array_of(const Napi::Value& v, napi_typedarray_type type) {
  return v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == type;
}

// info[i] as a Float64Array, or a TypeError "fn: expected a Float64Array for name".
inline Napi::Float64Array float64_arg(const Napi::CallbackInfo& info, std::size_t i, const char* fn,
                                      const char* name) {
  if (info.Length() <= i || !is_typed_array_of(info[i], napi_float64_array))
    throw Napi::TypeError::New(info.Env(),
                               std::string(fn) + ": expected a Float64Array for " + name);
  return info[i].As<Napi::Float64Array>();
}

// o[key] when it is a string, else dflt (for options whose values src/ has already checked).
inline std::string string_or(const Napi::Object& o, const char* key, const char* dflt) {
  Napi::Value v = o.Get(key);
  return v.IsString() ? v.As<Napi::String>().Utf8Value() : std::string(dflt);
}

// One accepted spelling of an option and the core enum value it stands for.
template <typename E>
struct Choice {
  const char* name;
  E value;
};

template <typename T>
struct NonDeduced {
  using type = T;
};

// out = the value whose name is s; false (out untouched) when s names none of the choices.
template <typename E>
bool pick(const std::string& s, std::initializer_list<Choice<typename NonDeduced<E>::type>> choices,
          E& out) {
  for (const auto& c : choices)
    if (s == c.name) {
      out = c.value;
      return true;
    }
  return false;
}

// out[key] = v as a JS number (64-bit counters are exact up to 2^53).
inline void set_number(Napi::Object& out, const char* key, double v) {
  out.Set(key, Napi::Number::New(out.Env(), v));
}

// exports[name] = fn, with the JS function's name set to name too.
inline void export_function(Napi::Env env, Napi::Object& exports, const char* name,
                            Napi::Value (*fn)(const Napi::CallbackInfo&)) {
  exports.Set(name, Napi::Function::New(env, fn, name));
}

// Runs compute() and turns a C++ exception (e.g. std::bad_alloc) into a JS Error whose message is
// prefix + what(), so native failures reach JS as errors rather than crashes.
template <typename Compute>
auto with_js_errors(Napi::Env env, const std::string& prefix, Compute compute)
    -> decltype(compute()) {
  try {
    return compute();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, prefix + e.what());
  }
}

}  // namespace tauflow::addon
