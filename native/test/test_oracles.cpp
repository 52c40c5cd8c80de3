// The test oracles themselves (kendall_oracle.h): the Fenwick count agrees with the O(n^2)
// definition on random inputs with many ties, and both satisfy the pair identity.
#include <doctest/doctest.h>

#include <random>

#include "kendall_oracle.h"

using tauflow_test::count_pairs_fenwick;
using tauflow_test::count_pairs_naive;
using tauflow_test::pairs_of;

TEST_CASE("oracle: Fenwick pair counts equal the O(n^2) definition (ties, negatives, +-inf)") {
  std::mt19937_64 rng(12345);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = rng() % 200;
    const int levels = 1 + static_cast<int>(rng() % 12);  // few levels -> many ties
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = static_cast<double>(static_cast<int>(rng() % levels) - levels / 2);
      y[i] = static_cast<double>(static_cast<int>(rng() % levels) - levels / 2);
      if (rng() % 50 == 0) x[i] = (rng() & 1) ? INFINITY : -INFINITY;
      if (rng() % 50 == 0) y[i] = (rng() & 1) ? INFINITY : -INFINITY;
    }
    auto a = count_pairs_naive(x.data(), y.data(), n);
    auto b = count_pairs_fenwick(x.data(), y.data(), n);
    CAPTURE(trial);
    CHECK(a == b);
    CHECK(a.concordant + a.discordant + a.tied_x + a.tied_y - a.tied_xy == pairs_of(n));
  }
}

TEST_CASE("oracle: closed forms (identity, reversal, all tied)") {
  const std::size_t n = 1000;
  std::vector<double> up(n), down(n), flat(n, 3.0);
  for (std::size_t i = 0; i < n; ++i) up[i] = static_cast<double>(i), down[i] = -up[i];
  auto same = count_pairs_fenwick(up.data(), up.data(), n);
  CHECK(same.concordant == pairs_of(n));
  CHECK(same.discordant == 0);
  auto rev = count_pairs_fenwick(up.data(), down.data(), n);
  CHECK(rev.discordant == pairs_of(n));
  auto tied = count_pairs_fenwick(flat.data(), up.data(), n);
  CHECK(tied.tied_x == pairs_of(n));
  CHECK(tied.concordant + tied.discordant == 0);
  CHECK(tauflow_test::tau_b(same, n) == 1.0);
  CHECK(tauflow_test::tau_b(rev, n) == -1.0);
  CHECK(std::isnan(tauflow_test::tau_b(tied, n)));
}
