// Counts past the thresholds where 32-bit arithmetic fails, tested directly in the core:
//   n(n-1)/2 > 2^31 - 1 from n = 65,537 (signed 32-bit), > 2^32 - 1 from n = 92,683 (unsigned);
//   a tie group of t rows adds t(t-1)/2 tied pairs, so one group of 65,537 / 92,683 equal values
//   crosses the same lines, and t(t-1) alone exceeds 2^32 from t = 65,537.
// Expected values are closed forms computed here in 64-bit integers, or the independent Fenwick
// count (kendall_oracle.h) for random data.
#include <doctest/doctest.h>

#include <cstdint>

#include "kendall_oracle.h"

TEST_CASE("overflow thresholds used below are where they are claimed to be") {
  using tauflow_test::pairs_of;
  CHECK(pairs_of(65536) <= 0x7FFFFFFFull);
  CHECK(pairs_of(65537) > 0x7FFFFFFFull);
  CHECK(pairs_of(92682) <= 0xFFFFFFFFull);
  CHECK(pairs_of(92683) > 0xFFFFFFFFull);
}

#if __has_include("core/kendall_counts.h")
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "core/kendall_counts.h"
#include "core/kendall_tau.h"

namespace {
using tauflow::kendall::kendall_counts;
using tauflow_test::pairs_of;

std::vector<double> iota_values(std::size_t n) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), 0.0);
  return v;
}
}  // namespace

TEST_CASE("overflow: identity and reversal at n = 65,537, 92,683 and 100,000") {
  for (std::size_t n : {65537u, 92683u, 100000u}) {
    CAPTURE(n);
    const auto up = iota_values(n);
    std::vector<double> down(up.rbegin(), up.rend());
    const auto same = kendall_counts(up.data(), up.data(), n);
    CHECK(same.pairs == pairs_of(n));
    CHECK(same.concordant == pairs_of(n));
    CHECK(same.discordant == 0);
    const auto rev = kendall_counts(up.data(), down.data(), n);
    CHECK(rev.discordant == pairs_of(n));
    CHECK(rev.concordant == 0);
    tauflow::kendall::KendallOptions o;
    for (auto variant : {tauflow::kendall::Variant::a, tauflow::kendall::Variant::b,
                         tauflow::kendall::Variant::c}) {
      o.variant = variant;
      CHECK(tauflow::kendall::kendall_tau(up.data(), up.data(), n, o).statistic == 1.0);
      CHECK(tauflow::kendall::kendall_tau(up.data(), down.data(), n, o).statistic == -1.0);
    }
  }
}

TEST_CASE("overflow: one tie group of 65,537 and one of 92,683 rows (tie sums past 32 bits)") {
  // x: 65,537 copies of 0 then 92,683 copies of 1; y: distinct, increasing.
  const std::uint64_t a = 65537, b = 92683, n = a + b;
  std::vector<double> x(n), y = iota_values(n);
  for (std::uint64_t i = a; i < n; ++i) x[i] = 1.0;
  const auto k = kendall_counts(x.data(), y.data(), n);
  CHECK(k.pairs == pairs_of(n));
  CHECK(k.ties_x == pairs_of(a) + pairs_of(b));
  CHECK(k.ties_y == 0);
  CHECK(k.concordant == a * b);  // every (group 0, group 1) pair
  CHECK(k.discordant == 0);
  // x0 = sum t(t-1)(t-2), x1 = sum t(t-1)(2t+5): exact in 64-bit integers, < 2^53 here so the
  // core's doubles must match exactly.
  const auto t0 = [](std::uint64_t t) { return t * (t - 1) * (t - 2); };
  const auto t1 = [](std::uint64_t t) { return t * (t - 1) * (2 * t + 5); };
  CHECK(k.x0 == static_cast<double>(t0(a) + t0(b)));
  CHECK(k.x1 == static_cast<double>(t1(a) + t1(b)));
  CHECK(k.distinct_x == 2);
  // Swapped roles: the ties are now in y.
  const auto ks = kendall_counts(y.data(), x.data(), n);
  CHECK(ks.ties_y == pairs_of(a) + pairs_of(b));
  CHECK(ks.concordant == a * b);
  // tau-b = a*b / sqrt(P * (P - T_x)).
  const double P = static_cast<double>(pairs_of(n));
  const double want =
      static_cast<double>(a * b) / std::sqrt(P * (P - static_cast<double>(k.ties_x)));
  CHECK(tauflow::kendall::kendall_tau(x.data(), y.data(), n, {}).statistic ==
        doctest::Approx(want).epsilon(1e-14));
}

TEST_CASE("overflow: all 92,683 rows tied in x (ties_x = ties_xy = pairs > 2^32)") {
  const std::size_t n = 92683;
  std::vector<double> x(n, 2.5), y(n, -1.0);
  const auto k = kendall_counts(x.data(), y.data(), n);
  CHECK(k.ties_x == pairs_of(n));
  CHECK(k.ties_y == pairs_of(n));
  CHECK(k.ties_xy == pairs_of(n));
  CHECK(k.concordant == 0);
  CHECK(k.discordant == 0);
  const auto r = tauflow::kendall::kendall_tau(x.data(), y.data(), n, {});
  CHECK(std::isnan(r.statistic));
  CHECK(std::isnan(r.pvalue));
}

TEST_CASE("overflow: random permutations with ties at n = 100,000 match the Fenwick count") {
  std::mt19937_64 rng(7);
  const std::size_t n = 100000;
  for (int levels : {0, 2, 50, 5000}) {
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = levels ? static_cast<double>(rng() % levels) : static_cast<double>(i);
      y[i] = levels ? static_cast<double>(rng() % (levels + 1)) : static_cast<double>(rng());
    }
    CAPTURE(levels);
    const auto want = tauflow_test::count_pairs_fenwick(x.data(), y.data(), n);
    const auto k = kendall_counts(x.data(), y.data(), n);
    CHECK(k.concordant == want.concordant);
    CHECK(k.discordant == want.discordant);
    CHECK(k.ties_x == want.tied_x);
    CHECK(k.ties_y == want.tied_y);
    CHECK(k.ties_xy == want.tied_xy);
    // The counts really are past 2^31 here (discordant, or the tie counts for 2 levels).
    CHECK(std::max({k.discordant, k.ties_x, k.ties_y}) > 0x7FFFFFFFull);
    const auto r = tauflow::kendall::kendall_tau(x.data(), y.data(), n, {});
    CHECK(r.statistic == doctest::Approx(tauflow_test::tau_b(want, n)).epsilon(1e-13));
    CHECK(r.pvalue >= 0.0);
    CHECK(r.pvalue <= 1.0);
  }
}

#else
TEST_CASE("overflow in the Kendall core: kendall_counts.h not present yet" * doctest::skip(true)) {}
#endif
