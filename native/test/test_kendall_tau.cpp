// Kendall's tau and its p-values (native/core/kendall_tau.*, kendall_pvalue.*): statistics
// against the count oracle, the exact null distribution against brute-force enumeration of all
// permutations, tails that mirror each other, p-values in [0, 1], and scipy's NaN policies.
#include <doctest/doctest.h>

#if __has_include("core/kendall_tau.h")
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "core/kendall_pvalue.h"
#include "core/kendall_tau.h"
#include "kendall_oracle.h"

namespace {
namespace k = tauflow::kendall;
using tauflow_test::pairs_of;

// P(C = c) for n untied rows by enumerating all n! permutations (C = pairs - inversions).
std::vector<double> exact_null_by_enumeration(int n) {
  std::vector<int> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::vector<double> hist(pairs_of(n) + 1, 0.0);
  double total = 0;
  do {
    std::uint64_t inv = 0;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) inv += perm[i] > perm[j];
    hist[pairs_of(n) - inv] += 1;
    total += 1;
  } while (std::next_permutation(perm.begin(), perm.end()));
  for (auto& h : hist) h /= total;
  return hist;
}

// The same distribution by the Mahonian recursion, normalised at every step (long double), for
// n too large to enumerate: P_j(k) = (1/j) sum_{i<j} P_{j-1}(k - i). Only k <= kmax is kept.
std::vector<long double> inversion_pmf(int n, std::size_t kmax) {
  std::vector<long double> p(kmax + 1, 0.0L), q(kmax + 1);
  p[0] = 1.0L;
  for (int j = 2; j <= n; ++j) {
    long double window = 0;
    for (std::size_t kk = 0; kk <= kmax; ++kk) {
      window += p[kk];
      if (kk >= static_cast<std::size_t>(j)) window -= p[kk - j];
      q[kk] = window / j;
    }
    std::swap(p, q);
  }
  return p;
}

k::KendallOptions opts(k::Variant v = k::Variant::b, k::Alternative a = k::Alternative::two_sided,
                       k::Method m = k::Method::automatic,
                       k::NanPolicy nan = k::NanPolicy::propagate) {
  k::KendallOptions o;
  o.variant = v;
  o.alternative = a;
  o.method = m;
  o.nan_policy = nan;
  return o;
}
}  // namespace

TEST_CASE("exact p-values equal tail sums of the enumerated null distribution (n = 2..8)") {
  for (int n = 2; n <= 8; ++n) {
    const auto pmf = exact_null_by_enumeration(n);
    const std::uint64_t tot = pairs_of(n);
    for (std::uint64_t c = 0; c <= tot; ++c) {
      double ge = 0, le = 0;
      for (std::uint64_t j = 0; j <= tot; ++j) {
        if (j >= c) ge += pmf[j];
        if (j <= c) le += pmf[j];
      }
      CAPTURE(n);
      CAPTURE(c);
      const double two = std::min(1.0, 2 * std::min(ge, le));
      CHECK(k::kendall_p_exact(n, c, k::Alternative::greater) ==
            doctest::Approx(ge).epsilon(1e-12));
      CHECK(k::kendall_p_exact(n, c, k::Alternative::less) == doctest::Approx(le).epsilon(1e-12));
      CHECK(k::kendall_p_exact(n, c, k::Alternative::two_sided) ==
            doctest::Approx(two).epsilon(1e-12));
    }
  }
}

TEST_CASE("exact p-values for n >= 171 (the rescaled recursion) match a normalised recursion") {
  for (int n : {171, 200, 260}) {
    const std::size_t kmax = 120;
    const auto pmf = inversion_pmf(n, kmax);
    long double cum = 0;
    for (std::size_t c = 0; c <= kmax; ++c) {
      cum += pmf[c];
      CAPTURE(n);
      CAPTURE(c);
      // c concordant pairs in the left tail: P(C <= c) = P(inversions <= c) by symmetry.
      const double p = k::kendall_p_exact(n, c, k::Alternative::less);
      CHECK(p >= 0.0);
      CHECK(p <= 1.0);
      if (cum > 1e-300L) CHECK(p == doctest::Approx(static_cast<double>(cum)).epsilon(1e-9));
    }
  }
}

TEST_CASE("statistic of variants a, b, c equals the count oracle's formulas") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + rng() % 300;
    const int levels = 2 + static_cast<int>(rng() % 40);
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = static_cast<double>(rng() % levels);
      y[i] = static_cast<double>(rng() % (levels + trial % 5));
    }
    const auto c = tauflow_test::count_pairs_naive(x.data(), y.data(), n);
    const double s = static_cast<double>(c.concordant) - static_cast<double>(c.discordant);
    const double P = static_cast<double>(pairs_of(n));
    auto distinct = [&](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return static_cast<double>(std::unique(v.begin(), v.end()) - v.begin());
    };
    const double m = std::min(distinct(x), distinct(y));
    CAPTURE(trial);
    const auto ra = k::kendall_tau(x.data(), y.data(), n, opts(k::Variant::a));
    const auto rb = k::kendall_tau(x.data(), y.data(), n, opts(k::Variant::b));
    const auto rc = k::kendall_tau(x.data(), y.data(), n, opts(k::Variant::c));
    const double want_b = tauflow_test::tau_b(c, n);
    if (std::isnan(want_b)) {
      CHECK(std::isnan(rb.statistic));
      CHECK(std::isnan(ra.statistic));
      continue;
    }
    CHECK(ra.statistic == doctest::Approx(s / P).epsilon(1e-14));
    CHECK(rb.statistic == doctest::Approx(want_b).epsilon(1e-14));
    const double nd = static_cast<double>(n);
    CHECK(rc.statistic ==
          doctest::Approx(std::clamp(2 * s / (nd * nd * (m - 1) / m), -1.0, 1.0)).epsilon(1e-14));
    for (const auto* r : {&ra, &rb, &rc}) {
      CHECK(r->statistic >= -1.0);
      CHECK(r->statistic <= 1.0);
      CHECK(r->pvalue >= 0.0);
      CHECK(r->pvalue <= 1.0);
      CHECK(r->pvalue == rb.pvalue);  // the p-value does not depend on the variant
    }
  }
}

TEST_CASE("one-sided p-values mirror under y -> -y; two-sided is twice the smaller tail") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 100; ++trial) {
    const std::size_t n = 3 + rng() % 80;
    const bool tied = trial % 2;
    std::vector<double> x(n), y(n), neg(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = tied ? static_cast<double>(rng() % 6) : static_cast<double>(rng());
      y[i] = x[i] * 0.5 + (tied ? static_cast<double>(rng() % 4) : static_cast<double>(rng()));
      neg[i] = -y[i];
    }
    CAPTURE(trial);
    const auto less =
        k::kendall_tau(x.data(), y.data(), n, opts(k::Variant::b, k::Alternative::less));
    const auto greater_neg =
        k::kendall_tau(x.data(), neg.data(), n, opts(k::Variant::b, k::Alternative::greater));
    const auto greater =
        k::kendall_tau(x.data(), y.data(), n, opts(k::Variant::b, k::Alternative::greater));
    const auto two = k::kendall_tau(x.data(), y.data(), n, opts());
    if (std::isnan(two.statistic)) continue;
    CHECK(less.pvalue == doctest::Approx(greater_neg.pvalue).epsilon(1e-12));
    if (less.method == k::Method::asymptotic)
      CHECK(
          two.pvalue ==
          doctest::Approx(std::min(1.0, 2 * std::min(less.pvalue, greater.pvalue))).epsilon(1e-12));
    CHECK(less.pvalue + greater.pvalue >= 1.0 - 1e-12);  // the tails overlap at the observed value
  }
}

TEST_CASE("NaN policies: propagate, raise (with where), omit; +Inf with -Inf counts as NaN") {
  const double x[] = {1, 2, NAN, 4, 5, 6};
  const double y[] = {2, 1, 3, 5, 4, 6};
  const auto prop = k::kendall_tau(x, y, 6, opts());
  CHECK(std::isnan(prop.statistic));
  CHECK(std::isnan(prop.pvalue));
  const auto raise = k::kendall_tau(
      x, y, 6,
      opts(k::Variant::b, k::Alternative::two_sided, k::Method::automatic, k::NanPolicy::raise));
  CHECK(raise.status == k::KendallStatus::nan_found);
  CHECK(raise.nan_arg == 0);
  CHECK(raise.nan_index == 2);
  const auto omit = k::kendall_tau(
      x, y, 6,
      opts(k::Variant::b, k::Alternative::two_sided, k::Method::automatic, k::NanPolicy::omit));
  const double fx[] = {1, 2, 4, 5, 6}, fy[] = {2, 1, 5, 4, 6};
  CHECK(omit.statistic == doctest::Approx(k::kendall_tau(fx, fy, 5, opts()).statistic));
  CHECK(omit.counts.n == 5);
  // scipy tests isnan(sum(a)): +Inf and -Inf together "contain NaN"; either alone does not.
  const double inf_both[] = {INFINITY, 1, -INFINITY, 2};
  const double inf_one[] = {INFINITY, 1, 3, 2};
  const double yy[] = {4, 1, 0, 2};
  CHECK(std::isnan(k::kendall_tau(inf_both, yy, 4, opts()).statistic));
  // 4 concordant, 2 discordant pairs.
  CHECK(k::kendall_tau(inf_one, yy, 4, opts()).statistic == doctest::Approx(1.0 / 3.0));
  const auto r = k::kendall_tau(
      yy, inf_both, 4,
      opts(k::Variant::b, k::Alternative::two_sided, k::Method::automatic, k::NanPolicy::raise));
  CHECK(r.status == k::KendallStatus::nan_found);
  CHECK(r.nan_arg == 1);
  CHECK(r.nan_index == -1);
  // omit with everything NaN leaves nothing: NaN, not a crash.
  const double all_nan[] = {NAN, NAN, NAN};
  const auto empty = k::kendall_tau(
      all_nan, all_nan, 3,
      opts(k::Variant::b, k::Alternative::two_sided, k::Method::automatic, k::NanPolicy::omit));
  CHECK(std::isnan(empty.statistic));
}

TEST_CASE("exact method: ties refused, too much work refused, small n exact") {
  const double x[] = {1, 2, 2, 4}, y[] = {1, 3, 2, 4};
  CHECK(k::kendall_tau(x, y, 4, opts(k::Variant::b, k::Alternative::two_sided, k::Method::exact))
            .status == k::KendallStatus::exact_with_ties);
  const std::size_t n = 100000;
  std::vector<double> bx(n), by(n);
  std::mt19937_64 rng(3);
  for (std::size_t i = 0; i < n; ++i)
    bx[i] = static_cast<double>(i), by[i] = static_cast<double>(rng());
  CHECK(k::kendall_tau(bx.data(), by.data(), n,
                       opts(k::Variant::b, k::Alternative::two_sided, k::Method::exact))
            .status == k::KendallStatus::exact_too_large);
  const double sx[] = {1, 2, 3, 4, 5}, sy[] = {1, 2, 3, 5, 4};
  const auto r = k::kendall_tau(sx, sy, 5, opts());
  CHECK(r.method == k::Method::exact);
  // 9 concordant of 10 pairs, n = 5: two-sided p = 2 * (1 + 4) / 120.
  CHECK(r.pvalue == doctest::Approx(2.0 * 5.0 / 120.0));
}

#else
TEST_CASE("kendall_tau: native/core/kendall_tau.h not present yet" * doctest::skip(true)) {}
#endif
