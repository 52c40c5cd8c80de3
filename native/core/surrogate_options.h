// Options of the fused pairwise Kendall surrogate, as a plain struct the addon fills from the
// JS options object and both the CPU core and the CUDA launcher read.
#pragma once

namespace tauflow {

// s_ij = phi(alpha (p_i - p_j)) for the correlation forms; ranknet and hinge are pair losses.
enum class SurrogateKind { kTanh, kHardtanh, kLogistic, kRanknet, kHinge };
// Pair weight w_ij: 1, |y_i - y_j|, or w_i * w_j from a per-element weight array.
enum class PairWeighting { kNone, kTargetDiff, kUser };
// Soft tau-a (sum w s t / sum w) or soft tau-b (sum w s t / sqrt(sum w s^2 * sum w t^2)).
enum class Normalization { kTauA, kTauB };

struct SurrogateOptions {
  SurrogateKind kind = SurrogateKind::kTanh;
  double alpha = 1.0;   // scale inside phi (tanh, hardtanh, logistic, ranknet)
  double margin = 1.0;  // hinge margin
  PairWeighting weighting = PairWeighting::kNone;
  Normalization normalization = Normalization::kTauB;  // correlation forms only
  bool want_grad = true;                               // false: value only, grad untouched
};

inline bool is_correlation(SurrogateKind k) {
  return k == SurrogateKind::kTanh || k == SurrogateKind::kHardtanh ||
         k == SurrogateKind::kLogistic;
}

}  // namespace tauflow
