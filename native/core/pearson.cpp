#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/correlation.h"
#include "core/parallel_for.h"
#include "core/special_functions.h"

namespace tauflow::corr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Sums run over fixed blocks whose partials are combined in block order, so the result does not
// depend on how many threads ran them.
constexpr std::size_t kBlock = 1 << 14;

// Neumaier's compensated sum: error ~1 ulp of the result instead of ~n ulps.
struct CompensatedSum {
  double sum = 0, carry = 0;
  void add(double v) {
    const double t = sum + v;
    carry += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  void add(const CompensatedSum& o) {
    add(o.sum);
    add(o.carry);
  }
  double value() const { return sum + carry; }
};

// sum over i of term(i), blockwise in parallel, combined in block order.
template <class Term>
double blocked_sum(std::size_t n, Term term) {
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<CompensatedSum> partial(blocks);
  parallel_for(blocks, 4, [&](std::size_t, std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1; ++b) {
      CompensatedSum s;
      const std::size_t end = std::min(n, (b + 1) * kBlock);
      for (std::size_t i = b * kBlock; i < end; ++i) s.add(term(i));
      partial[b] = s;
    }
  });
  CompensatedSum total;
  for (const CompensatedSum& s : partial) total.add(s);
  return total.value();
}

double mean(const double* v, std::size_t n) {
  const double dn = static_cast<double>(n);
  const double s = blocked_sum(n, [&](std::size_t i) { return v[i]; });
  if (std::isfinite(s)) return s / dn;
  // The sum overflowed (values near DBL_MAX): average the scaled values instead.
  return blocked_sum(n, [&](std::size_t i) { return v[i] / dn; });
}

// Euclidean norm of v - m, guarded against overflow/underflow like BLAS nrm2 (scipy.linalg.norm).
double centred_norm(const double* v, std::size_t n, double m) {
  double scale = 0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::fabs(v[i] - m));
  if (scale == 0 || !std::isfinite(scale)) return scale;
  if (scale > 1e-150 && scale < 1e150)
    return std::sqrt(blocked_sum(n, [&](std::size_t i) {
      const double d = v[i] - m;
      return d * d;
    }));
  return scale * std::sqrt(blocked_sum(n, [&](std::size_t i) {
           const double d = (v[i] - m) / scale;
           return d * d;
         }));
}

bool is_constant(const double* v, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i)
    if (!(v[i] == v[0])) return false;
  return true;
}

double sign(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : (v == 0 ? 0.0 : kNaN)); }

}  // namespace

double pearson_pvalue(double r, std::size_t n, Alternative alternative) {
  if (std::isnan(r) || n < 2) return kNaN;
  if (n == 2) return 1.0;
  // scipy: stats.beta(ab, ab, loc=-1, scale=2) with ab = n/2 - 1, evaluated at (r + 1)/2 in
  // double, as scipy's rv_continuous does; sf = 1 - cdf is the complement computed directly.
  const double ab = static_cast<double>(n) / 2.0 - 1.0;
  const double at = alternative == Alternative::TwoSided ? std::fabs(r) : r;
  const double xp = (at + 1.0) / 2.0;
  const BetaIncResult b = beta_inc(ab, ab, xp, 1.0 - xp);
  switch (alternative) {
    case Alternative::Less:
      return b.lower;
    case Alternative::Greater:
      return b.upper;
    case Alternative::TwoSided:
    default:
      return 2.0 * b.upper;
  }
}

Result pearson(const double* x, const double* y, std::size_t n, Alternative alternative) {
  if (n < 2 || is_constant(x, n) || is_constant(y, n)) return {kNaN, kNaN};
  if (n == 2) return {sign(x[1] - x[0]) * sign(y[1] - y[0]), 1.0};
  const double mx = mean(x, n);
  const double my = mean(y, n);
  const double nx = centred_norm(x, n, mx);
  const double ny = centred_norm(y, n, my);
  // scipy: r = dot(xm / |xm|, ym / |ym|); the normalised terms cannot overflow.
  double r = blocked_sum(n, [&](std::size_t i) { return ((x[i] - mx) / nx) * ((y[i] - my) / ny); });
  if (!std::isnan(r)) r = std::max(-1.0, std::min(1.0, r));
  return {r, pearson_pvalue(r, n, alternative)};
}

}  // namespace tauflow::corr
