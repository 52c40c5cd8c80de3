// Turning the pair sums of one list into the surrogate's value and gradient scale factors, and the
// target-only denominators those need. Header-only so the CUDA launcher (host code in a .cu file)
// shares it with the CPU core.
//
// Per list the pair pass yields, over pairs i < j:
//   V = sum w t s (or sum of the pair losses),  Q = sum w s^2,
// and per element k the derivatives gv_k = dV/dp_k and gq_k = (1/2) dQ/dp_k. Then
//   tau-a:   value = V / W,           W = sum w                  grad = gv / W
//   tau-b:   value = V / sqrt(Q T),   T = sum w t^2 (untied w)   grad = (gv - (V/Q) gq) / sqrt(Q T)
//   ranknet, hinge: value = V / N,    N = number of pairs with t != 0, grad = gv / N
// (tau-b: d/dp [V (QT)^-1/2] = (dV - V/(2Q) dQ) / sqrt(QT), and dQ = 2 gq.) With w = 1 and
// s = sign(p_i - p_j) this tau-b is exactly Kendall's tau-b, ties in either input included. With
// weights it is the weighted cosine between (s_ij) and (t_ij), each pair weighted w_ij.
//
// Degenerate lists: all targets tied (no pair with t != 0), or a zero denominator (tau-a: W = 0;
// tau-b: Q = 0, e.g. constant predictions) gives value NaN and gradient 0, as exact Kendall tau
// is NaN for a constant input. Non-finite predictions give value NaN and gradient NaN.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/surrogate_options.h"

namespace tauflow {

// Target-only sums of one list (no dependence on the predictions), in double.
struct ListDenominators {
  double weight_sum = 0;     // W = sum_{i<j} w_ij
  double untied_weight = 0;  // T = sum_{i<j, y_i != y_j} w_ij (= sum w t^2)
  double untied_pairs = 0;   // N = #{i<j : y_i != y_j} (exact below 2^53 pairs, n < 1.3e8)
};

// Scale factors of one list: value, and grad_k = gv_scale * gv_k + gq_scale * gq_k.
struct ListScale {
  double value;
  double gv_scale;
  double gq_scale;
};

// order: indices 0..n-1 stably sorted by target ascending (see sort_by_target). Sums run over
// adjacent gaps or suffixes so every term is >= 0 (for w >= 0) and nothing cancels:
//   |y_i - y_j| summed over pairs = sum over sorted gaps (y_(k+1) - y_(k)) (k+1)(n-k-1).
inline ListDenominators list_denominators(const float* y, const float* w, std::size_t n,
                                          PairWeighting weighting, const std::uint32_t* order) {
  ListDenominators d;
  double tied_pairs = 0;
  for (std::size_t a = 0; a < n;) {  // tie blocks of the sorted targets
    std::size_t b = a + 1;
    while (b < n && y[order[b]] == y[order[a]]) ++b;
    double c = static_cast<double>(b - a);
    tied_pairs += c * (c - 1) / 2;
    a = b;
  }
  double nn = static_cast<double>(n);
  d.untied_pairs = nn * (nn - 1) / 2 - tied_pairs;
  if (weighting == PairWeighting::kNone) {
    d.weight_sum = nn * (nn - 1) / 2;
    d.untied_weight = d.untied_pairs;
  } else if (weighting == PairWeighting::kTargetDiff) {
    double s = 0;
    for (std::size_t k = 0; k + 1 < n; ++k) {
      double gap = static_cast<double>(y[order[k + 1]]) - static_cast<double>(y[order[k]]);
      s += gap * static_cast<double>(k + 1) * static_cast<double>(n - k - 1);
    }
    d.weight_sum = s;
    d.untied_weight = s;  // tied pairs weigh |y_i - y_j| = 0
  } else {
    // W = sum_k w_k * (sum of w after k); T = sum_k w_k * (sum of w after k's tie block).
    std::vector<double> suffix(n + 1, 0.0);
    for (std::size_t k = n; k-- > 0;) suffix[k] = suffix[k + 1] + static_cast<double>(w[order[k]]);
    double all = 0, untied = 0;
    for (std::size_t a = 0; a < n;) {
      std::size_t b = a + 1;
      while (b < n && y[order[b]] == y[order[a]]) ++b;
      for (std::size_t k = a; k < b; ++k) {
        double wk = static_cast<double>(w[order[k]]);
        all += wk * suffix[k + 1];
        untied += wk * suffix[b];
      }
      a = b;
    }
    d.weight_sum = all;
    d.untied_weight = untied;
  }
  return d;
}

// Stable order of indices by target ascending; ties keep index order, so the result (and every
// sum over it) depends only on the input. Targets must not be NaN (checked by the callers).
inline void sort_by_target(const float* y, std::size_t n, std::uint32_t* order) {
  std::iota(order, order + n, std::uint32_t{0});
  std::stable_sort(order, order + n, [y](std::uint32_t a, std::uint32_t b) { return y[a] < y[b]; });
}

// v_sum = V, q_sum = Q; finite = all predictions of the list were finite.
inline ListScale finalize_list(SurrogateKind kind, Normalization norm, double v_sum, double q_sum,
                               const ListDenominators& d, bool finite) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!finite) return ListScale{nan, nan, nan};
  ListScale r{nan, 0.0, 0.0};
  if (kind == SurrogateKind::kRanknet || kind == SurrogateKind::kHinge) {
    if (d.untied_pairs > 0) r = ListScale{v_sum / d.untied_pairs, 1.0 / d.untied_pairs, 0.0};
    return r;
  }
  if (norm == Normalization::kTauA) {
    // All targets tied: V = 0 over W > 0, but like exact tau (scipy) the value is undefined.
    if (d.weight_sum > 0 && d.untied_pairs > 0)
      r = ListScale{v_sum / d.weight_sum, 1.0 / d.weight_sum, 0.0};
  } else {
    double qt = q_sum * d.untied_weight;
    if (qt > 0) {
      double inv = 1.0 / std::sqrt(qt);
      r = ListScale{v_sum * inv, inv, -(v_sum / q_sum) * inv};
    }
  }
  // |V| <= W and |V| <= sqrt(QT) (Cauchy-Schwarz) hold exactly; rounding may overshoot by an ulp.
  if (r.value > 1.0) r.value = 1.0;
  if (r.value < -1.0) r.value = -1.0;
  return r;
}

// The checks every implementation makes before touching memory: what would crash (n < 2, a NaN
// target breaks the sort, missing user weights) is a std::invalid_argument.
inline void check_surrogate_inputs(const float* target, const float* weights, std::size_t batch,
                                   std::size_t n, const SurrogateOptions& options) {
  if (n < 2) throw std::invalid_argument("surrogate: n must be at least 2");
  if (n >= 0xFFFFFFFFu) throw std::invalid_argument("surrogate: n must be below 2^32 - 1");
  if (options.weighting == PairWeighting::kUser && weights == nullptr)
    throw std::invalid_argument("surrogate: weighting 'user' needs a weights array");
  for (std::size_t k = 0; k < batch * n; ++k)
    if (std::isnan(target[k]))
      throw std::invalid_argument("surrogate: target[" + std::to_string(k) + "] is NaN");
}

// Denominators and "all predictions finite" of every list, for the row-wise paths (the CPU
// mirror and CUDA); the tiled CPU path computes the same while it sorts.
struct ListsPrep {
  std::vector<ListDenominators> denominators;
  std::vector<char> finite;
};

inline ListsPrep prepare_lists(const float* pred, const float* target, const float* weights,
                               std::size_t batch, std::size_t n, const SurrogateOptions& options) {
  ListsPrep prep;
  prep.denominators.resize(batch);
  prep.finite.assign(batch, 1);
  std::vector<std::uint32_t> order(n);
  const bool user = options.weighting == PairWeighting::kUser;
  for (std::size_t b = 0; b < batch; ++b) {
    const std::size_t base = b * n;
    for (std::size_t k = 0; k < n; ++k)
      if (!std::isfinite(pred[base + k])) prep.finite[b] = 0;
    sort_by_target(target + base, n, order.data());
    prep.denominators[b] = list_denominators(target + base, user ? weights + base : nullptr, n,
                                             options.weighting, order.data());
  }
  return prep;
}

}  // namespace tauflow
