#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/correlation.h"
#include "core/parallel_for.h"
#include "core/rank_average.h"
#include "core/special_functions.h"

namespace tauflow::corr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_constant(const double* v, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i)
    if (!(v[i] == v[0])) return false;
  return true;
}

// Exact sums of products of doubled, centred ranks. Average ranks are multiples of 1/2 and their
// mean is (n + 1)/2, so c = 2 r - (n + 1) is an integer with |c| < n; sums of c_i c_j reach ~n^3/3,
// past int64 from n ~ 3e6, hence 128-bit accumulators where the compiler has them.
#if defined(__SIZEOF_INT128__)
using Wide = __int128;
#else
// exact to 2^64 with x87 long double, to 2^53 where long double is double; rounding beyond
using Wide = long double;
#endif

struct RankSums {
  Wide xx = 0, yy = 0, xy = 0;
};

}  // namespace

double spearman_pvalue(double rs, std::size_t n, Alternative alternative) {
  if (std::isnan(rs) || n < 2) return kNaN;
  const double dof = static_cast<double>(n) - 2.0;
  // scipy: t = rs * sqrt((dof / ((rs + 1) * (1 - rs))).clip(0)); 0/0 (n == 2) stays NaN.
  double q = dof / ((rs + 1.0) * (1.0 - rs));
  if (q < 0) q = 0;
  const double t = rs * std::sqrt(q);
  if (std::isnan(t)) return kNaN;
  switch (alternative) {
    case Alternative::Less:
      return student_t_cdf(dof, t);
    case Alternative::Greater:
      return student_t_cdf(dof, -t);
    case Alternative::TwoSided:
    default:
      return 2.0 * student_t_cdf(dof, -std::fabs(t));
  }
}

Result spearman(const double* x, const double* y, std::size_t n, Alternative alternative) {
  if (n <= 1 || is_constant(x, n) || is_constant(y, n)) return {kNaN, kNaN};
  std::vector<double> rx(n), ry(n);
  average_ranks(x, n, rx.data());
  average_ranks(y, n, ry.data());

  const std::size_t chunks = chunk_count(n, 1 << 16);
  std::vector<RankSums> partial(chunks ? chunks : 1);
  const auto np1 = static_cast<std::int64_t>(n) + 1;
  parallel_for(n, 1 << 16, [&](std::size_t c, std::size_t b, std::size_t e) {
    RankSums s;
    for (std::size_t i = b; i < e; ++i) {
      const std::int64_t cx = static_cast<std::int64_t>(2.0 * rx[i]) - np1;
      const std::int64_t cy = static_cast<std::int64_t>(2.0 * ry[i]) - np1;
      s.xx += static_cast<Wide>(cx * cx);
      s.yy += static_cast<Wide>(cy * cy);
      s.xy += static_cast<Wide>(cx * cy);
    }
    partial[c] = s;
  });
  RankSums total;
  for (const RankSums& s : partial) {
    total.xx += s.xx;
    total.yy += s.yy;
    total.xy += s.xy;
  }
  // numpy.corrcoef, operation for operation: cov = dot / (n - 1) done as a multiplication by
  // 1/(n - 1), then c[1,0] / stddev[1] / stddev[0], then clip. For n up to ~3e5 numpy's sums of
  // half-integer products are exact too, so the statistic is bit-identical to scipy's.
  const double inv = 1.0 / (static_cast<double>(n) - 1.0);
  const double cxx = static_cast<double>(total.xx) / 4.0 * inv;
  const double cyy = static_cast<double>(total.yy) / 4.0 * inv;
  const double cxy = static_cast<double>(total.xy) / 4.0 * inv;
  double rs = cxy / std::sqrt(cyy) / std::sqrt(cxx);
  if (rs > 1.0) rs = 1.0;
  if (rs < -1.0) rs = -1.0;
  return {rs, spearman_pvalue(rs, n, alternative)};
}

}  // namespace tauflow::corr
