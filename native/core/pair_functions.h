// Per-pair math of the fused Kendall surrogate, shared by the CPU tiles (native/core) and the
// CUDA kernels (native/cuda): every function is inline, branch-free where it sits in a hot loop
// (ternaries become blends), float32, and marked TAUFLOW_HD (= __host__ __device__ under nvcc),
// so the CPU tests cover the exact code the GPU runs.
//
// A pair (i, j) has delta = p_i - p_j, target sign t = sign(y_i - y_j) and weight w >= 0. Every
// pair term f depends on (delta, t) only through t*delta and is symmetric under i <-> j, so
//   d f / d p_i = g(delta, t)   and   d f / d p_j = -g(delta, t).
// A pair with i == j (delta = 0, t = 0) yields all zeros, so row-wise loops need not skip it.
// The functions return the term (v), its derivative with respect to p_i (g) and, for the
// correlation forms, the tau-b denominator term q = w s^2 and gq = w s ds/dp_i (= half of
// d q / d p_i; the factor 2 cancels in the tau-b gradient, see surrogate_finalize.h).
//
// Accuracy (measured over a dense grid against double libm in test/surrogate_native.test.ts):
// tanh_approx and the logistic/softplus helpers stay within 1e-6 absolute and relative error.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__CUDACC__)
#define TAUFLOW_HD __host__ __device__
#define TAUFLOW_INLINE __forceinline__
#elif defined(__GNUC__)
#define TAUFLOW_HD
// always_inline: the CPU tiles are compiled once per instruction set (surrogate_tiles_*.cpp);
// an out-of-line copy would be shared between them and lose the wide vectors.
#define TAUFLOW_INLINE inline __attribute__((always_inline))
#else
#define TAUFLOW_HD
#define TAUFLOW_INLINE inline
#endif

namespace tauflow::pair {

// Bit pattern reinterpretation that vectorises on the CPU and is a register move on the GPU.
TAUFLOW_HD TAUFLOW_INLINE float bits_to_float(std::int32_t b) {
#if defined(__CUDA_ARCH__)
  return __int_as_float(b);
#else
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
#endif
}

TAUFLOW_HD TAUFLOW_INLINE float abs_f(float x) { return x < 0.0f ? -x : x; }

// exp(-z) for z in [0, 87]; callers clamp (2^-126, the smallest normal float, is e^-87.3). Range
// reduction exp(-z) = 2^-k exp(r) with k = round(z / ln 2) and r = k ln 2 - z in [-ln2/2, ln2/2]
// (Cody-Waite: ln 2 split into a part with few significant bits, so k * ln2_hi is exact, and a
// small correction). exp(r) is its Taylor polynomial to degree 7: the remainder is below 0.347^8 /
// 8! = 5.2e-9 relative. Rounding uses the 1.5 * 2^23 trick (no libm call, so the loop vectorises).
TAUFLOW_HD TAUFLOW_INLINE float exp_neg(float z) {
  const float kLog2e = 1.44269504088896341f;
  const float kLn2Hi = 0.693145751953125f;      // 0x3F317200: 15 significant bits
  const float kLn2Lo = 1.428606820309417e-06f;  // ln 2 - kLn2Hi
  const float kRound = 12582912.0f;             // 1.5 * 2^23
  float kf = (z * kLog2e + kRound) - kRound;    // round to nearest, exact for k < 2^22
  float r = (kf * kLn2Hi - z) + kf * kLn2Lo;
  float e = 1.0f / 5040.0f;
  e = e * r + 1.0f / 720.0f;
  e = e * r + 1.0f / 120.0f;
  e = e * r + 1.0f / 24.0f;
  e = e * r + 1.0f / 6.0f;
  e = e * r + 0.5f;
  e = e * r + 1.0f;
  e = e * r + 1.0f;
  std::int32_t k = static_cast<std::int32_t>(kf);  // 0 <= k <= 126 for z <= 87
  return e * bits_to_float((127 - k) << 23);       // times 2^-k (a normal float)
}

// tanh in float32. |x| < 0.3: odd Taylor polynomial to x^11 (next term < 6e-10), so tiny x
// keeps full relative accuracy. |x| >= 0.3: (1 - e) / (1 + e) with e = exp(-2|x|) <= 0.55, no
// cancellation. |x| is clamped to 20 (tanh(20) = 1 in float). NaN inputs are not propagated;
// the callers check predictions for non-finite values before the pair loop.
TAUFLOW_HD TAUFLOW_INLINE float tanh_approx(float x) {
  float ax = abs_f(x);
  float x2 = x * x;
  float poly = -1382.0f / 155925.0f;
  poly = poly * x2 + 62.0f / 2835.0f;
  poly = poly * x2 - 17.0f / 315.0f;
  poly = poly * x2 + 2.0f / 15.0f;
  poly = poly * x2 - 1.0f / 3.0f;
  float small = x + x * (x2 * poly);
  float z = ax < 20.0f ? 2.0f * ax : 40.0f;
  float e = exp_neg(z);
  float big = (1.0f - e) / (1.0f + e);
  big = x < 0.0f ? -big : big;
  return ax < 0.3f ? small : big;
}

// log(1 + v) for v in [0, 1] through log(1 + v) = 2 atanh(q), q = v / (2 + v) in [0, 1/3]:
// 2 (q + q^3/3 + ... + q^13/13); the next term is below 1e-8, and small v keeps full relative
// accuracy (q ~ v / 2).
TAUFLOW_HD TAUFLOW_INLINE float log1p_unit(float v) {
  float q = v / (2.0f + v);
  float q2 = q * q;
  float s = 1.0f / 13.0f;
  s = s * q2 + 1.0f / 11.0f;
  s = s * q2 + 1.0f / 9.0f;
  s = s * q2 + 1.0f / 7.0f;
  s = s * q2 + 1.0f / 5.0f;
  s = s * q2 + 1.0f / 3.0f;
  s = s * q2 + 1.0f;
  return 2.0f * q * s;
}

// target sign t_ij = sign(y_i - y_j), 0 on ties.
TAUFLOW_HD TAUFLOW_INLINE float target_sign(float yi, float yj) {
  return yi > yj ? 1.0f : (yi < yj ? -1.0f : 0.0f);
}

// ---- phi: the soft sign s = phi(x) and its derivative ds/dx ------------------------------------
// Policies (structs with a static eval) rather than function pointers, so nvcc and the CPU
// vectoriser both see plain inline calls.

// tanh: ds/dx = 1 - s^2.
struct PhiTanh {
  TAUFLOW_HD static TAUFLOW_INLINE void eval(float x, float& s, float& ds) {
    s = tanh_approx(x);
    ds = 1.0f - s * s;
  }
};

// hardtanh: clip to [-1, 1]; ds/dx = 1 strictly inside (-1, 1) and 0 on and beyond the
// boundary |x| = 1 (the subgradient PyTorch's hardtanh uses too).
struct PhiHardtanh {
  TAUFLOW_HD static TAUFLOW_INLINE void eval(float x, float& s, float& ds) {
    s = x < -1.0f ? -1.0f : (x > 1.0f ? 1.0f : x);
    ds = (x > -1.0f && x < 1.0f) ? 1.0f : 0.0f;
  }
};

// logistic: 2 sigma(x) - 1 = tanh(x / 2); ds/dx = (1 - s^2) / 2.
struct PhiLogistic {
  TAUFLOW_HD static TAUFLOW_INLINE void eval(float x, float& s, float& ds) {
    s = tanh_approx(0.5f * x);
    ds = 0.5f * (1.0f - s * s);
  }
};

// ---- pair terms ------------------------------------------------------------------------------

struct PairTerms {
  float v;   // the pair's term: w t s, or the pair loss
  float g;   // d v / d p_i (d v / d p_j = -g)
  float q;   // w s^2 (tau-b denominator; 0 for the losses)
  float gq;  // w s alpha ds = half of d q / d p_i (0 for the losses)
};

// Correlation forms (tanh, hardtanh, logistic); Phi is one of the Phi* policies above.
template <class Phi>
TAUFLOW_HD TAUFLOW_INLINE PairTerms corr_pair(float delta, float t, float w, float alpha) {
  float s, ds;
  Phi::eval(alpha * delta, s, ds);
  float wt = w * t;
  float ads = alpha * ds;
  PairTerms r;
  r.v = wt * s;
  r.g = wt * ads;
  r.q = w * s * s;
  r.gq = w * s * ads;
  return r;
}

// RankNet's pairwise logistic loss w log(1 + exp(u)), u = -alpha t delta, for t != 0 (0 for
// t = 0); d/dp_i = -w alpha t
// sigma(u). Written with e = exp(-|u|) so nothing overflows: softplus(u) = max(u, 0) +
// log1p(e), sigma(u) = 1 / (1 + e) for u >= 0 and e / (1 + e) otherwise. |u| is clamped to 87
// (e stays a normal float); beyond it the loss and slope of a well-ordered pair are < 1.7e-38.
TAUFLOW_HD TAUFLOW_INLINE PairTerms ranknet_pair(float delta, float t, float w, float alpha) {
  float u = -alpha * t * delta;
  float au = abs_f(u);
  float e = exp_neg(au < 87.0f ? au : 87.0f);
  float inv = 1.0f / (1.0f + e);
  float sig = u >= 0.0f ? inv : e * inv;
  const float wl = t != 0.0f ? w : 0.0f;  // tied pairs (and i == j) carry no loss
  PairTerms r;
  r.v = wl * ((u > 0.0f ? u : 0.0f) + log1p_unit(e));
  r.g = -wl * alpha * t * sig;
  r.q = 0.0f;
  r.gq = 0.0f;
  return r;
}

// Hinge w max(0, m - t delta) for t != 0 (0 for t = 0); d/dp_i = -w t where m - t delta > 0,
// else 0 (also at the kink).
TAUFLOW_HD TAUFLOW_INLINE PairTerms hinge_pair(float delta, float t, float w, float margin) {
  float r = margin - t * delta;
  const bool active = r > 0.0f && t != 0.0f;  // tied pairs (and i == j) carry no loss
  PairTerms out;
  out.v = active ? w * r : 0.0f;
  out.g = active ? -w * t : 0.0f;
  out.q = 0.0f;
  out.gq = 0.0f;
  return out;
}

// ---- policies the kernels are templated on: eval(delta, t, w, param), param = alpha or margin -

template <class Phi>
struct CorrPair {
  static constexpr bool kCorrelation = true;
  TAUFLOW_HD static TAUFLOW_INLINE PairTerms eval(float delta, float t, float w, float alpha) {
    return corr_pair<Phi>(delta, t, w, alpha);
  }
};

struct RanknetPair {
  static constexpr bool kCorrelation = false;
  TAUFLOW_HD static TAUFLOW_INLINE PairTerms eval(float delta, float t, float w, float alpha) {
    return ranknet_pair(delta, t, w, alpha);
  }
};

struct HingePair {
  static constexpr bool kCorrelation = false;
  TAUFLOW_HD static TAUFLOW_INLINE PairTerms eval(float delta, float t, float w, float margin) {
    return hinge_pair(delta, t, w, margin);
  }
};

// Pair weight w_ij for the three weightings (0 = none, 1 = |y_i - y_j|, 2 = w_i w_j), matching
// PairWeighting's order in surrogate_options.h.
template <int kWeighting>
TAUFLOW_HD TAUFLOW_INLINE float pair_weight(float yi, float yj, float wi, float wj) {
  if (kWeighting == 1) return abs_f(yi - yj);
  if (kWeighting == 2) return wi * wj;
  return 1.0f;
}

}  // namespace tauflow::pair
