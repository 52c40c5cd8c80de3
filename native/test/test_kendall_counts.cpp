// Exact Kendall pair counts (native/core/kendall_counts.*) against the O(n^2) definition and the
// independent Fenwick count in kendall_oracle.h: random data with heavy ties, ±Inf, -0.0 vs 0.0,
// the tie-group variance sums, and results that do not depend on the thread count.
#include <doctest/doctest.h>

#if __has_include("core/kendall_counts.h")
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "core/kendall_counts.h"
#include "core/parallel_for.h"
#include "kendall_oracle.h"
#include "thread_override.h"

namespace {
using tauflow::kendall::KendallCounts;
using tauflow_test::PairCounts;
using tauflow_test::ThreadOverride;

PairCounts as_pairs(const KendallCounts& k) {
  PairCounts p;
  p.concordant = k.concordant;
  p.discordant = k.discordant;
  p.tied_x = k.ties_x;
  p.tied_y = k.ties_y;
  p.tied_xy = k.ties_xy;
  return p;
}

// Tie-group sums as scipy computes them: x0 = sum t(t-1)(t-2), x1 = sum t(t-1)(2t+5).
void tie_sums(const std::vector<double>& v, double* s0, double* s1, std::uint64_t* distinct) {
  std::map<double, std::uint64_t> groups;
  for (double a : v) ++groups[a == 0.0 ? 0.0 : a];
  *s0 = *s1 = 0;
  for (auto& [value, t] : groups) {
    const double td = static_cast<double>(t);
    *s0 += td * (td - 1) * (td - 2);
    *s1 += td * (td - 1) * (2 * td + 5);
  }
  *distinct = groups.size();
}

std::vector<double> random_values(std::mt19937_64& rng, std::size_t n, int levels, bool specials) {
  std::vector<double> v(n);
  for (auto& a : v) {
    a = levels > 0 ? static_cast<double>(static_cast<int>(rng() % levels) - levels / 2)
                   : std::ldexp(static_cast<double>(rng() % 2000001) - 1e6, -10);
    if (specials) {
      switch (rng() % 40) {
        case 0:
          a = INFINITY;
          break;
        case 1:
          a = -INFINITY;
          break;
        case 2:
          a = -0.0;
          break;
        case 3:
          a = 0.0;
          break;
        case 4:
          a = 5e-324;
          break;  // denormal
        case 5:
          a = -1.7976931348623157e308;
          break;
        default:
          break;
      }
    }
  }
  return v;
}
}  // namespace

TEST_CASE("kendall_counts equals the O(n^2) definition on random tied data (n < 400)") {
  std::mt19937_64 rng(20261204);
  for (int trial = 0; trial < 400; ++trial) {
    const std::size_t n = rng() % 400;
    const int levels = static_cast<int>(rng() % 30);  // 0 = continuous values
    const bool specials = trial % 3 == 0;
    auto x = random_values(rng, n, levels, specials);
    auto y = random_values(rng, n, static_cast<int>(rng() % 30), specials);
    CAPTURE(trial);
    CAPTURE(n);
    const KendallCounts k = tauflow::kendall::kendall_counts(x.data(), y.data(), n);
    CHECK(as_pairs(k) == tauflow_test::count_pairs_naive(x.data(), y.data(), n));
    CHECK(k.n == n);
    CHECK(k.pairs == tauflow_test::pairs_of(n));
    double x0, x1, y0, y1;
    std::uint64_t dx, dy;
    tie_sums(x, &x0, &x1, &dx);
    tie_sums(y, &y0, &y1, &dy);
    CHECK(k.x0 == x0);
    CHECK(k.x1 == x1);
    CHECK(k.y0 == y0);
    CHECK(k.y1 == y1);
    CHECK(k.distinct_x == dx);
    CHECK(k.distinct_y == dy);
    // The core's own naive reference agrees too (it is what the addon's tests lean on).
    const KendallCounts kn = tauflow::kendall::kendall_counts_naive(x.data(), y.data(), n);
    CHECK(as_pairs(kn) == as_pairs(k));
  }
}

TEST_CASE("kendall_counts: -0.0 and 0.0 are one value; ±Inf are ordinary extremes") {
  const double x[] = {-0.0, 0.0, INFINITY, -INFINITY, 1.0};
  const double y[] = {1.0, 2.0, 3.0, 0.0, 2.0};
  const KendallCounts k = tauflow::kendall::kendall_counts(x, y, 5);
  CHECK(k.ties_x == 1);  // (-0.0, 0.0)
  CHECK(k.ties_y == 1);  // (2.0, 2.0)
  CHECK(as_pairs(k) == tauflow_test::count_pairs_naive(x, y, 5));
}

TEST_CASE("kendall_counts: n = 0, 1, 2 and all-equal inputs") {
  const double one[] = {3.0}, two_x[] = {1.0, 2.0}, two_y[] = {5.0, 4.0};
  auto k0 = tauflow::kendall::kendall_counts(nullptr, nullptr, 0);
  CHECK(k0.pairs == 0);
  CHECK(k0.concordant + k0.discordant == 0);
  auto k1 = tauflow::kendall::kendall_counts(one, one, 1);
  CHECK(k1.pairs == 0);
  auto k2 = tauflow::kendall::kendall_counts(two_x, two_y, 2);
  CHECK(k2.discordant == 1);
  CHECK(k2.concordant == 0);
  std::vector<double> flat(1000, 7.0);
  auto kf = tauflow::kendall::kendall_counts(flat.data(), flat.data(), flat.size());
  CHECK(kf.ties_x == kf.pairs);
  CHECK(kf.ties_xy == kf.pairs);
  CHECK(kf.concordant + kf.discordant == 0);
}

TEST_CASE("kendall_counts does not depend on the thread count (n past the parallel cut-offs)") {
  std::mt19937_64 rng(99);
  for (std::size_t n : {70000u, 200003u}) {
    for (int levels : {0, 3, 1000}) {
      auto x = random_values(rng, n, levels, true);
      auto y = random_values(rng, n, levels ? levels + 7 : 0, true);
      const PairCounts want = tauflow_test::count_pairs_fenwick(x.data(), y.data(), n);
      for (unsigned threads : {1u, 2u, 3u, 8u}) {
        ThreadOverride t(threads);
        CAPTURE(n);
        CAPTURE(levels);
        CAPTURE(threads);
        CHECK(as_pairs(tauflow::kendall::kendall_counts(x.data(), y.data(), n)) == want);
      }
    }
  }
}

TEST_CASE("kendall_counts_if_no_nan declines exactly when scipy sees NaN, else counts the same") {
  using tauflow::kendall::kendall_counts_if_no_nan;
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 rng(5);
  for (std::size_t n : {0u, 1u, 2u, 7u, 70000u, 200003u}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      ThreadOverride t(threads);
      CAPTURE(n);
      CAPTURE(threads);
      auto x = random_values(rng, n, 5, false);
      auto y = random_values(rng, n, 0, false);
      tauflow::kendall::KendallCounts got;
      REQUIRE(kendall_counts_if_no_nan(x.data(), y.data(), n, &got));
      CHECK(as_pairs(got) == as_pairs(tauflow::kendall::kendall_counts(x.data(), y.data(), n)));
      if (n == 0) continue;
      const std::size_t at = n - 1 - n / 3;  // in the last chunk when there are several
      for (double bad : {nan, -nan}) {
        auto xb = x;
        xb[at] = bad;
        CHECK_FALSE(kendall_counts_if_no_nan(xb.data(), y.data(), n, &got));
        auto yb = y;
        yb[at] = bad;
        CHECK_FALSE(kendall_counts_if_no_nan(x.data(), yb.data(), n, &got));
      }
      // One infinity is an ordinary value; +Inf and -Inf in the same array sum to NaN.
      auto xi = x;
      xi[at] = inf;
      CHECK(kendall_counts_if_no_nan(xi.data(), y.data(), n, &got));
      CHECK(as_pairs(got) == as_pairs(tauflow::kendall::kendall_counts(xi.data(), y.data(), n)));
      if (n >= 2) {
        auto yi = y;
        yi[0] = -inf;  // +Inf in x, -Inf in y: still no NaN
        CHECK(kendall_counts_if_no_nan(xi.data(), yi.data(), n, &got));
        xi[0] = -inf;  // both in x
        CHECK_FALSE(kendall_counts_if_no_nan(xi.data(), y.data(), n, &got));
      }
    }
  }
}

#else
TEST_CASE("kendall_counts: native/core/kendall_counts.h not present yet" * doctest::skip(true)) {}
#endif
