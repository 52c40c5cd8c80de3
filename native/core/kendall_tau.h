// Kendall's tau with scipy 1.10.1's kendalltau semantics, from counts to statistic and p-value,
// including the NaN policies:
//   tau_a = (C - D) / (n(n-1)/2)
//   tau_b = (C - D) / sqrt((P - T_x) (P - T_y))          P = n(n-1)/2, T_x/T_y pairs tied in x/y
//   tau_c = 2 (C - D) / (n^2 (m - 1) / m)                m = min(distinct x, distinct y)
// clamped to [-1, 1]. p-value (the same for every variant): exact null distribution when there
// are no ties and method is 'exact', or 'auto' with n <= 33 or min(D, P - D) <= 1; otherwise
// S = C - D over sqrt(var S) with the tie-corrected variance
//   var S = (n(n-1)(2n+5) - x1 - y1) / 18 + 2 T_x T_y / (n(n-1)) + x0 y0 / (9 n(n-1)(n-2)).
//
// NaN, as scipy detects it: an array "contains NaN" when it holds a NaN or when its sum is NaN,
// i.e. it holds both +Inf and -Inf (scipy tests np.isnan(np.sum(a))). Then:
//   propagate  statistic and p are NaN
//   raise      status nan_found (the caller raises; nan_index says where, -1 for +Inf/-Inf)
//   omit       rows where x or y is NaN or ±Inf are dropped (scipy's masked_invalid) and the
//              result follows scipy.stats.mstats.kendalltau (tau-b without the clamp; n = 2 keeps
//              a finite asymptotic variance). scipy 1.10 refuses variant 'c' here; we return
//              tau-c of the remaining rows with the same p-value as 'b'.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/kendall_counts.h"
#include "core/kendall_pvalue.h"

namespace tauflow::kendall {

enum class Variant { a, b, c };
enum class Method { automatic, exact, asymptotic };
enum class NanPolicy { propagate, omit, raise };

struct KendallOptions {
  Variant variant = Variant::b;
  Alternative alternative = Alternative::two_sided;
  Method method = Method::automatic;
  NanPolicy nan_policy = NanPolicy::propagate;
};

enum class KendallStatus {
  ok,
  nan_found,        // nanPolicy raise and an array contains NaN (see nan_arg, nan_index)
  exact_with_ties,  // method exact and ties present (scipy: "Ties found, exact method cannot ...")
  exact_too_large,  // method exact would take more than kMaxExactWork steps
};

// Cap on n * min(C, P - C) for the exact distribution (about a second of work).
constexpr double kMaxExactWork = 2e9;

struct KendallResult {
  KendallStatus status = KendallStatus::ok;
  double statistic = 0;
  double pvalue = 0;
  Method method = Method::automatic;  // the method used once 'auto' is resolved
  bool counted = false;               // counts hold data (false for NaN propagation, n < 2)
  KendallCounts counts;               // after NaN omission
  int nan_arg = -1;                   // 0 = x, 1 = y (status nan_found)
  std::int64_t nan_index = -1;        // first NaN's index, -1 when only +Inf and -Inf
};

// Statistic and p-value from counts (no NaN handling). `omit_path` selects scipy's masked
// (mstats) formulas, used after NaN rows were dropped.
KendallResult kendall_from_counts(const KendallCounts& counts, const KendallOptions& options,
                                  bool omit_path);

// The whole computation on x[0, n), y[0, n): NaN policy, counts, statistic, p-value.
KendallResult kendall_tau(const double* x, const double* y, std::size_t n,
                          const KendallOptions& options);

// scipy's NaN test for one array (see above): index of the first NaN, -1 when only the
// +Inf/-Inf pair makes the sum NaN, -2 when the array does not "contain NaN".
std::int64_t scipy_nan_index(const double* v, std::size_t n);

}  // namespace tauflow::kendall
