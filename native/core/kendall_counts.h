// Exact pair counts for Kendall's tau in O(n log n): concordant, discordant and tied pairs.
//
// Over all n(n-1)/2 pairs (i < j):
//   concordant  sign(x_i - x_j) * sign(y_i - y_j) = +1
//   discordant  sign(x_i - x_j) * sign(y_i - y_j) = -1
//   ties_x      x_i == x_j (whatever y does)       ties_y  y_i == y_j (whatever x does)
//   ties_xy     x_i == x_j and y_i == y_j
// so concordant + discordant + ties_x + ties_y - ties_xy = n(n-1)/2 (scipy's xtie, ytie, ntie).
//
// All counters are 64-bit: n(n-1)/2 exceeds a signed 32-bit counter (2^31 - 1) from n = 65,537
// and an unsigned one from n = 92,683. Unsigned 64-bit holds n(n-1) (before the halving) for
// every n up to 2^32 - 1, the most rows the 32-bit ranks used inside allow (callers check n).
#pragma once
#include <cstddef>
#include <cstdint>

namespace tauflow::kendall {

struct KendallCounts {
  std::uint64_t n = 0;
  std::uint64_t pairs = 0;  // n(n-1)/2
  std::uint64_t concordant = 0;
  std::uint64_t discordant = 0;
  std::uint64_t ties_x = 0;
  std::uint64_t ties_y = 0;
  std::uint64_t ties_xy = 0;
  std::uint64_t distinct_x = 0;
  std::uint64_t distinct_y = 0;
  // Tie-group sums for the variance of S = concordant - discordant (t = size of a tie group):
  //   x0 = sum t(t-1)(t-2),  x1 = sum t(t-1)(2t+5)   (y0, y1 the same over y's groups).
  // Doubles as in scipy: they pass 2^64 long before the pair counts do.
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
};

// Largest n accepted (ranks are stored in 32 bits).
constexpr std::uint64_t kMaxRows = 0xFFFFFFFFull;

// Counts for x[0, n), y[0, n). x and y must hold no NaN (callers apply a NaN policy first);
// ±Inf are ordinary values and -0.0 equals 0.0. Uses thread_count() threads for large n; the
// result does not depend on the thread count. n must be <= kMaxRows.
KendallCounts kendall_counts(const double* x, const double* y, std::size_t n);

// The same counts when neither x nor y "contains NaN" as scipy tests it (a NaN, or both +Inf and
// -Inf: their sum is NaN); otherwise returns false and leaves *out unspecified. The test rides on
// the pass that builds the sort keys, so the common NaN-free call reads its inputs once.
bool kendall_counts_if_no_nan(const double* x, const double* y, std::size_t n, KendallCounts* out);

// The O(n^2) definition, for tests and tiny inputs.
KendallCounts kendall_counts_naive(const double* x, const double* y, std::size_t n);

}  // namespace tauflow::kendall
