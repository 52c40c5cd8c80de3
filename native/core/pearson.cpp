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

// Knuth's branch-free TwoSum: sum + carry holds the exact running total up to ~1 ulp of the
// result (instead of ~n ulps), and with no branch the three sums below pipeline together.
struct CompensatedSum {
  double sum = 0, carry = 0;
  void add(double v) {
    const double t = sum + v;
    const double bv = t - sum;
    carry += (sum - (t - bv)) + (v - bv);
    sum = t;
  }
  void add(const CompensatedSum& o) {
    add(o.sum);
    add(o.carry);
  }
  double value() const { return sum + carry; }
};

// Runs body(begin, end, partial&) over fixed blocks of kBlock elements in parallel and combines
// the per-block partials in block order, so the result does not depend on the thread count.
template <class Partial, class Body>
Partial blocked(std::size_t n, Body body) {
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<Partial> partial(blocks);
  parallel_for(blocks, 4, [&](std::size_t, std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1; ++b)
      body(b * kBlock, std::min(n, (b + 1) * kBlock), partial[b]);
  });
  Partial total;
  for (const Partial& p : partial) total.add(p);
  return total;
}

struct PairSums {
  CompensatedSum x, y;
  bool x_constant = true, y_constant = true;
  void add(const PairSums& o) {
    x.add(o.x);
    y.add(o.y);
    x_constant = x_constant && o.x_constant;
    y_constant = y_constant && o.y_constant;
  }
};

struct Moments {
  CompensatedSum xx, yy, xy;
  void add(const Moments& o) {
    xx.add(o.xx);
    yy.add(o.yy);
    xy.add(o.xy);
  }
};

// Sums of (x - mx)^2, (y - my)^2, (x - mx)(y - my), the deviations divided by `sx`, `sy`
// (1 unless the values are so large or small that the squares would overflow or underflow).
Moments central_moments(const double* x, const double* y, std::size_t n, double mx, double my,
                        double sx, double sy) {
  return blocked<Moments>(n, [&](std::size_t b, std::size_t e, Moments& m) {
    for (std::size_t i = b; i < e; ++i) {
      const double dx = (x[i] - mx) / sx;
      const double dy = (y[i] - my) / sy;
      m.xx.add(dx * dx);
      m.yy.add(dy * dy);
      m.xy.add(dx * dy);
    }
  });
}

double max_abs_deviation(const double* v, std::size_t n, double m) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s = std::max(s, std::fabs(v[i] - m));
  return s;
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
  if (n < 2) return {kNaN, kNaN};
  // Pass 1: sums (for the means) and scipy's constant-input check (x == x[0]).all().
  const double x0 = x[0], y0 = y[0];
  const PairSums sums = blocked<PairSums>(n, [&](std::size_t b, std::size_t e, PairSums& p) {
    for (std::size_t i = b; i < e; ++i) {
      p.x.add(x[i]);
      p.y.add(y[i]);
      p.x_constant = p.x_constant && x[i] == x0;
      p.y_constant = p.y_constant && y[i] == y0;
    }
  });
  if (sums.x_constant || sums.y_constant) return {kNaN, kNaN};
  if (n == 2) return {sign(x[1] - x[0]) * sign(y[1] - y[0]), 1.0};
  const double dn = static_cast<double>(n);
  double mx = sums.x.value() / dn;
  double my = sums.y.value() / dn;
  // A sum past DBL_MAX (values near it): average pre-scaled values instead.
  if (!std::isfinite(mx))
    mx = blocked<CompensatedSum>(n, [&](std::size_t b, std::size_t e, CompensatedSum& s) {
           for (std::size_t i = b; i < e; ++i) s.add(x[i] / dn);
         }).value();
  if (!std::isfinite(my))
    my = blocked<CompensatedSum>(n, [&](std::size_t b, std::size_t e, CompensatedSum& s) {
           for (std::size_t i = b; i < e; ++i) s.add(y[i] / dn);
         }).value();
  // Pass 2: the three central moments. r = Sxy / sqrt(Sxx Syy) equals scipy's
  // dot(xm / |xm|, ym / |ym|); if a square over- or underflows, redo the pass on deviations
  // scaled by their largest magnitude (what BLAS nrm2 guards against).
  Moments m = central_moments(x, y, n, mx, my, 1.0, 1.0);
  auto usable = [](double s) { return std::isfinite(s) && s > 1e-280; };
  if (!usable(m.xx.value()) || !usable(m.yy.value()))
    m = central_moments(x, y, n, mx, my, max_abs_deviation(x, n, mx), max_abs_deviation(y, n, my));
  double r = m.xy.value() / (std::sqrt(m.xx.value()) * std::sqrt(m.yy.value()));
  if (!std::isnan(r)) r = std::max(-1.0, std::min(1.0, r));
  return {r, pearson_pvalue(r, n, alternative)};
}

}  // namespace tauflow::corr
