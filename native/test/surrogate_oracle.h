// Double-precision reference for the fused Kendall surrogate (native/core/surrogate_cpu), pair
// by pair from the definition in surrogate_cpu.h / surrogate_normalize.h, written independently
// of the tiled float kernel. Used for values and, through central finite differences, gradients.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "core/surrogate_options.h"

namespace tauflow_test {

struct SurrogateRef {
  double value;
  bool degenerate;   // a zero denominator: the core's value is NaN (and its gradient 0)
  double scale = 0;  // sum of |pair terms| over the same denominator: the size of rounding error
  double q = 0;      // tau-b's Q = sum w s^2 (float32 underflows it to 0 below ~1e-45)
  double denom = 0;  // the denominator used (N, W or sqrt(QT)): float32 terms carry an absolute
                     // error of up to ~1e-45 each (denormals), which matters when it is tiny
};

inline double phi_ref(tauflow::SurrogateKind k, double x) {
  switch (k) {
    case tauflow::SurrogateKind::kTanh:
      return std::tanh(x);
    case tauflow::SurrogateKind::kHardtanh:
      return std::clamp(x, -1.0, 1.0);
    default:
      return std::tanh(0.5 * x);  // 2 sigma(x) - 1
  }
}

// One list of length n; w: per-element weights (weighting kUser) or nullptr.
inline SurrogateRef surrogate_ref(const double* p, const double* y, const double* w, std::size_t n,
                                  const tauflow::SurrogateOptions& o) {
  double v = 0, q = 0, wsum = 0, tsum = 0, untied = 0, vabs = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double t = y[i] > y[j] ? 1.0 : (y[i] < y[j] ? -1.0 : 0.0);
      const double d = p[i] - p[j];
      double wij = 1.0;
      if (o.weighting == tauflow::PairWeighting::kTargetDiff) wij = std::fabs(y[i] - y[j]);
      if (o.weighting == tauflow::PairWeighting::kUser) wij = w[i] * w[j];
      wsum += wij;
      tsum += wij * t * t;
      if (t != 0) untied += 1;
      if (o.kind == tauflow::SurrogateKind::kRanknet) {
        if (t != 0) {
          const double u = -o.alpha * t * d;
          v += wij * (std::max(u, 0.0) + std::log1p(std::exp(-std::fabs(u))));
          vabs = v;
        }
      } else if (o.kind == tauflow::SurrogateKind::kHinge) {
        if (t != 0) v += wij * std::max(0.0, o.margin - t * d);
        vabs = v;
      } else {
        const double s = phi_ref(o.kind, o.alpha * d);
        v += wij * t * s;
        vabs += std::fabs(wij * s);
        q += wij * s * s;
      }
    }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (o.kind == tauflow::SurrogateKind::kRanknet || o.kind == tauflow::SurrogateKind::kHinge)
    return untied > 0 ? SurrogateRef{v / untied, false, vabs / untied, 0, untied}
                      : SurrogateRef{nan, true};
  if (o.normalization == tauflow::Normalization::kTauA)
    // All targets tied: undefined, like exact tau (NaN), even though W > 0.
    return wsum > 0 && untied > 0
               ? SurrogateRef{std::clamp(v / wsum, -1.0, 1.0), false, vabs / wsum, 0, wsum}
               : SurrogateRef{nan, true};
  const double denom = std::sqrt(q * tsum);
  return denom > 0 ? SurrogateRef{std::clamp(v / denom, -1.0, 1.0), false, vabs / denom, q, denom}
                   : SurrogateRef{nan, true};
}

// Central difference of the reference value with respect to p[k].
inline double surrogate_ref_fd(std::vector<double> p, const double* y, const double* w,
                               std::size_t k, const tauflow::SurrogateOptions& o, double h) {
  const double p0 = p[k];
  p[k] = p0 + h;
  const double up = surrogate_ref(p.data(), y, w, p.size(), o).value;
  p[k] = p0 - h;
  const double down = surrogate_ref(p.data(), y, w, p.size(), o).value;
  return (up - down) / (2 * h);
}

// Distance of the list's pairs from the non-differentiable points: hardtanh's |alpha d| = 1
// and the hinge's t d = margin (in units of d). Finite differences are meaningless near them.
inline double kink_distance(const double* p, const double* y, std::size_t n,
                            const tauflow::SurrogateOptions& o) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = p[i] - p[j];
      const double t = y[i] > y[j] ? 1.0 : (y[i] < y[j] ? -1.0 : 0.0);
      if (o.kind == tauflow::SurrogateKind::kHardtanh && o.alpha != 0)
        best = std::min(best, std::fabs(std::fabs(d) - 1.0 / std::fabs(o.alpha)));
      if (o.kind == tauflow::SurrogateKind::kHinge && t != 0)
        best = std::min(best, std::fabs(t * d - o.margin));
    }
  return best;
}

}  // namespace tauflow_test
