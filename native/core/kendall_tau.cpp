// Kendall's tau: NaN policy, variants and p-value selection as scipy 1.10.1 (see kendall_tau.h).
#include "core/kendall_tau.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/parallel_for.h"

namespace tauflow::kendall {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double statistic_for(const KendallCounts& c, Variant variant, bool omit_path) {
  const double s = static_cast<double>(static_cast<std::int64_t>(c.concordant) -
                                       static_cast<std::int64_t>(c.discordant));
  const double tot = static_cast<double>(c.pairs);
  switch (variant) {
    case Variant::a:
      return std::clamp(s / tot, -1.0, 1.0);
    case Variant::c: {
      const double m = static_cast<double>(std::min(c.distinct_x, c.distinct_y));
      const double nd = static_cast<double>(c.n);
      return std::clamp(2.0 * s / (nd * nd * (m - 1) / m), -1.0, 1.0);
    }
    case Variant::b:
    default:
      if (omit_path) {
        // mstats: (C - D) / sqrt((n(n-1) - corr_x)/2 * (n(n-1) - corr_y)/2), corr = 2 * ties.
        const double nn1 = static_cast<double>(c.n * (c.n - 1));
        const double denom = std::sqrt((nn1 - 2.0 * static_cast<double>(c.ties_x)) / 2.0 *
                                       ((nn1 - 2.0 * static_cast<double>(c.ties_y)) / 2.0));
        return s / denom;
      }
      return std::clamp(s / std::sqrt(tot - static_cast<double>(c.ties_x)) /
                            std::sqrt(tot - static_cast<double>(c.ties_y)),
                        -1.0, 1.0);
  }
}

double asymptotic_pvalue(const KendallCounts& c, Alternative alt, bool omit_path) {
  const double n = static_cast<double>(c.n);
  const double s = static_cast<double>(static_cast<std::int64_t>(c.concordant) -
                                       static_cast<std::int64_t>(c.discordant));
  const double tx = static_cast<double>(c.ties_x), ty = static_cast<double>(c.ties_y);
  double var;
  if (omit_path) {
    // mstats.kendalltau: v2 is 0 for n = 2 instead of 0/0.
    double var_s = n * (n - 1) * (2 * n + 5);
    var_s -= c.x1;
    var_s -= c.y1;
    const double v1 = (2 * tx) * (2 * ty) / (2.0 * n * (n - 1));
    const double v2 = c.n > 2 ? c.x0 * c.y0 / (9.0 * n * (n - 1) * (n - 2)) : 0.0;
    var = var_s / 18.0 + (v1 + v2);
  } else {
    const double m = n * (n - 1.0);
    var =
        (m * (2 * n + 5) - c.x1 - c.y1) / 18 + (2 * tx * ty) / m + c.x0 * c.y0 / (9 * m * (n - 2));
  }
  return normal_pvalue(s / std::sqrt(var), alt);
}
}  // namespace

std::int64_t scipy_nan_index(const double* v, std::size_t n) {
  // Chunks scanned in parallel (a serial pass over both inputs was ~5% of a 1e7-row call); the
  // first NaN is the one in the lowest chunk, whatever the thread count.
  constexpr std::size_t kMinPerChunk = std::size_t{1} << 16;
  struct Part {
    std::int64_t first_nan = -1;
    bool pos_inf = false, neg_inf = false;
  };
  std::vector<Part> parts(std::max<std::size_t>(chunk_count(n, kMinPerChunk), 1));
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    Part p;
    for (std::size_t i = b; i < e; ++i) {
      const double a = v[i];
      if (a != a) {
        p.first_nan = static_cast<std::int64_t>(i);
        break;
      }
      p.pos_inf |= a == std::numeric_limits<double>::infinity();
      p.neg_inf |= a == -std::numeric_limits<double>::infinity();
    }
    parts[c] = p;
  });
  bool pos_inf = false, neg_inf = false;
  for (const Part& p : parts) {
    if (p.first_nan >= 0) return p.first_nan;
    pos_inf |= p.pos_inf;
    neg_inf |= p.neg_inf;
  }
  return pos_inf && neg_inf ? -1 : -2;
}

KendallResult kendall_from_counts(const KendallCounts& c, const KendallOptions& o, bool omit_path) {
  KendallResult r;
  r.counts = c;
  r.counted = c.n >= 2;
  r.method = o.method;
  const bool ties = c.ties_x != 0 || c.ties_y != 0;
  // mstats (the omit path) checks 'exact' with ties before it meets a constant column.
  if (omit_path && c.n >= 2 && o.method == Method::exact && ties) {
    r.status = KendallStatus::exact_with_ties;
    return r;
  }
  // scipy: n < 2, or every pair tied in x or in y -> NaN, NaN (before any method check).
  if (c.n < 2 || c.ties_x == c.pairs || c.ties_y == c.pairs) {
    r.statistic = r.pvalue = kNaN;
    return r;
  }
  r.statistic = statistic_for(c, o.variant, omit_path);
  if (o.method == Method::exact && ties) {
    r.status = KendallStatus::exact_with_ties;
    return r;
  }
  Method m = o.method;
  if (m == Method::automatic) {
    const std::uint64_t dmin = std::min(c.discordant, c.pairs - c.discordant);
    m = (!ties && (c.n <= 33 || dmin <= 1)) ? Method::exact : Method::asymptotic;
  }
  r.method = m;
  if (m == Method::exact) {
    // Without ties C = P - D; scipy passes P - D (and mstats passes C).
    const std::uint64_t conc = c.pairs - c.discordant;
    if (kendall_exact_work(c.n, conc) > kMaxExactWork) {
      r.status = KendallStatus::exact_too_large;
      return r;
    }
    r.pvalue = kendall_p_exact(c.n, conc, o.alternative);
  } else {
    r.pvalue = asymptotic_pvalue(c, o.alternative, omit_path);
  }
  return r;
}

KendallResult kendall_tau(const double* x, const double* y, std::size_t n,
                          const KendallOptions& o) {
  KendallResult r;
  r.method = o.method;
  if (n == 0) {  // scipy returns NaN for empty input before looking at NaN
    r.statistic = r.pvalue = kNaN;
    return r;
  }
  // The common case first: no NaN, counted in one go. When that declines, x or y contains NaN
  // (scipy's sense) and the policy decides.
  KendallCounts counts;
  if (kendall_counts_if_no_nan(x, y, n, &counts)) return kendall_from_counts(counts, o, false);
  if (o.nan_policy == NanPolicy::raise) {
    const std::int64_t nan_x = scipy_nan_index(x, n);
    r.status = KendallStatus::nan_found;
    r.nan_arg = nan_x != -2 ? 0 : 1;
    r.nan_index = nan_x != -2 ? nan_x : scipy_nan_index(y, n);
    return r;
  }
  if (o.nan_policy == NanPolicy::propagate) {
    r.statistic = r.pvalue = kNaN;
    r.counts.n = n;
    return r;
  }
  // omit: keep rows where both values are finite.
  std::vector<double> fx, fy;
  fx.reserve(n);
  fy.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      fx.push_back(x[i]);
      fy.push_back(y[i]);
    }
  }
  const KendallCounts c = kendall_counts(fx.data(), fy.data(), fx.size());
  return kendall_from_counts(c, o, true);
}

}  // namespace tauflow::kendall
