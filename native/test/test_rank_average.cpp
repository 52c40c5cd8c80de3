// average_ranks (native/core/rank_average.*) against a std::stable_sort reference: ties, -0.0 vs
// 0.0, NaN (ranked last, all tied), ±Inf, sizes around the sort's thresholds, 1 to 3 threads.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/parallel_for.h"
#include "core/rank_average.h"
#include "thread_override.h"

namespace {
using tauflow_test::ThreadOverride;

// Mean 1-based position of each value's run in a stable sort; NaN last and tied.
std::vector<double> reference_ranks(const std::vector<double>& x) {
  const std::size_t n = x.size();
  auto less = [&](std::size_t a, std::size_t b) {
    const bool na = std::isnan(x[a]), nb = std::isnan(x[b]);
    if (na || nb) return !na && nb;
    return x[a] < x[b];
  };
  auto same = [&](std::size_t a, std::size_t b) {
    return (std::isnan(x[a]) && std::isnan(x[b])) || x[a] == x[b];
  };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), less);
  std::vector<double> r(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && same(order[j], order[i])) ++j;
    for (std::size_t k = i; k < j; ++k) r[order[k]] = 0.5 * static_cast<double>(i + 1 + j);
    i = j;
  }
  return r;
}

std::vector<double> values(const std::string& kind, std::size_t n, std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v(n);
  for (auto& a : v) {
    if (kind == "normal") {
      a = normal(rng);
    } else if (kind == "ties") {
      a = static_cast<double>(rng() % 100);
    } else {  // "specials": ties with -0.0, 0.0, ±Inf and NaNs of both signs mixed in
      switch (rng() % 12) {
        case 0:
          a = nan;
          break;
        case 1:
          a = -nan;
          break;
        case 2:
          a = -0.0;
          break;
        case 3:
          a = 0.0;
          break;
        case 4:
          a = inf;
          break;
        case 5:
          a = -inf;
          break;
        default:
          a = static_cast<double>(static_cast<int>(rng() % 50) - 25);
      }
    }
  }
  return v;
}

}  // namespace

TEST_CASE(
    "average_ranks equals the stable-sort reference for ties, NaN, ±0, ±Inf, any thread count") {
  std::mt19937_64 rng(11);
  for (const char* kind : {"normal", "ties", "specials"}) {
    for (std::size_t n : {1u, 2u, 49u, 5000u, 65537u, 300001u}) {
      const auto x = values(kind, n, rng);
      const auto want = reference_ranks(x);
      for (unsigned threads : {1u, 2u, 3u}) {
        ThreadOverride t(threads);
        std::vector<double> got(n, -1.0);
        tauflow::average_ranks(x.data(), n, got.data());
        CAPTURE(kind);
        CAPTURE(n);
        CAPTURE(threads);
        CHECK(got == want);
      }
    }
  }
}
