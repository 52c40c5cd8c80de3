// libFuzzer target: the exact Kendall core (native/core/kendall_counts, kendall_tau) against the
// O(n^2) definition (native/test/kendall_oracle.h). Input bytes: a header (value width, tie
// levels, options, thread count, tiling) then tagged values for x and y.
// Checks, on every input:
//   - pair counts of the NaN-free rows equal the oracle's (Fenwick oracle when tiled past 65,536
//     rows, which exercises the parallel radix sort and the threaded inversion count);
//   - the statistic is in [-1, 1] (or NaN exactly when scipy gives NaN) and equals the oracle's
//     tau for the chosen variant; the p-value is in [0, 1] or NaN;
//   - statuses follow the options (raise <-> scipy's NaN test, exact with ties refused);
//   - the same call twice, and with another thread count, gives bit-identical results.
// requires: core/kendall_counts.h
// requires: core/kendall_tau.h
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/kendall_counts.h"
#include "core/kendall_tau.h"
#include "core/parallel_for.h"
#include "fuzz_input.h"
#include "kendall_oracle.h"

#ifndef TAUFLOW_FUZZ_KENDALL_TILED
#define TAUFLOW_FUZZ_KENDALL_TILED 0
#endif

namespace {
namespace k = tauflow::kendall;
using tauflow_fuzz::Cursor;
using tauflow_fuzz::Width;

[[noreturn]] void fail(const char* what, double got, double want) {
  std::fprintf(stderr, "MISMATCH %s: got %.17g want %.17g\n", what, got, want);
  std::abort();
}
void expect(bool ok, const char* what) {
  if (!ok) fail(what, 0, 0);
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool scipy_has_nan(const std::vector<double>& v) {
  bool pos = false, neg = false;
  for (double a : v) {
    if (std::isnan(a)) return true;
    pos |= a == INFINITY;
    neg |= a == -INFINITY;
  }
  return pos && neg;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Cursor c(data, size);
  const std::uint8_t h0 = c.byte(), h1 = c.byte(), h2 = c.byte();
  const Width w = (h0 & 1) ? Width::f32 : Width::f64;
  const unsigned levels = (h0 >> 1) & 1 ? 1 + h1 % 12 : 0;
  // Tiling costs ~100x a plain run, so it has its own target (fuzz_kendall_parallel.cpp
  // compiles this file with TAUFLOW_FUZZ_KENDALL_TILED=1) instead of slowing this one down.
  const bool tile = TAUFLOW_FUZZ_KENDALL_TILED != 0;
  k::KendallOptions o;
  o.variant = static_cast<k::Variant>(h2 % 3);
  o.alternative = static_cast<k::Alternative>((h2 / 3) % 3);
  o.method = static_cast<k::Method>((h2 / 9) % 3);
  o.nan_policy = static_cast<k::NanPolicy>((h2 / 27) % 3);
  const unsigned threads = 1 + (h0 >> 3) % 4;

  std::vector<double> x, y;
  while (c.left() > 0 && x.size() < 512) {
    x.push_back(tauflow_fuzz::next_value(c, w, levels));
    y.push_back(tauflow_fuzz::next_value(c, w, levels));
  }
  if (tile && !x.empty()) {
    // Past 65,536 rows: copies of the input shifted by a per-copy offset in x only (so rows of
    // different copies are ordered in x but may tie in y), to reach the multithreaded paths.
    const std::size_t base = x.size();
    const std::size_t copies = 70000 / base + 1;
    for (std::size_t r = 1; r < copies; ++r)
      for (std::size_t i = 0; i < base; ++i) {
        x.push_back(std::isfinite(x[i]) ? x[i] + static_cast<double>(r) * 1e6 : x[i]);
        y.push_back(y[i]);
      }
  }
  const std::size_t n = x.size();
  // The exact p-value recursion costs n * min(C, P - C) steps (capped by the core at 2e9, about
  // a second at -O3, many under ASan): keep it to small n so the fuzzer stays fast.
  if (o.method == k::Method::exact && n > 128) o.method = k::Method::automatic;
  tauflow::set_thread_count(threads);

  // 1. Counts on the NaN-free rows vs the oracle.
  std::vector<double> fx, fy;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) fx.push_back(x[i]), fy.push_back(y[i]);
  const k::KendallCounts got = k::kendall_counts(fx.data(), fy.data(), fx.size());
  const tauflow_test::PairCounts want =
      fx.size() > 2000 ? tauflow_test::count_pairs_fenwick(fx.data(), fy.data(), fx.size())
                       : tauflow_test::count_pairs_naive(fx.data(), fy.data(), fx.size());
  if (got.concordant != want.concordant) fail("concordant", got.concordant, want.concordant);
  if (got.discordant != want.discordant) fail("discordant", got.discordant, want.discordant);
  if (got.ties_x != want.tied_x) fail("ties_x", got.ties_x, want.tied_x);
  if (got.ties_y != want.tied_y) fail("ties_y", got.ties_y, want.tied_y);
  if (got.ties_xy != want.tied_xy) fail("ties_xy", got.ties_xy, want.tied_xy);

  // 2. The full computation with the fuzzed options.
  const k::KendallResult r = k::kendall_tau(x.data(), y.data(), n, o);
  const bool nan_in = n > 0 && (scipy_has_nan(x) || scipy_has_nan(y));
  if (o.nan_policy == k::NanPolicy::raise)
    expect((r.status == k::KendallStatus::nan_found) == nan_in, "raise status");
  if (r.status == k::KendallStatus::ok) {
    const double s = r.statistic;
    expect(std::isnan(s) || (s >= -1.0 - 1e-12 && s <= 1.0 + 1e-12), "statistic in [-1, 1]");
    expect(std::isnan(r.pvalue) || (r.pvalue >= 0.0 && r.pvalue <= 1.0), "pvalue in [0, 1]");
    if (nan_in && o.nan_policy == k::NanPolicy::propagate)
      expect(std::isnan(s) && std::isnan(r.pvalue), "propagate gives NaN");
    if (!nan_in && n >= 2) {
      const double P = static_cast<double>(tauflow_test::pairs_of(n));
      const bool degenerate =
          want.tied_x == tauflow_test::pairs_of(n) || want.tied_y == tauflow_test::pairs_of(n);
      if (degenerate)
        expect(std::isnan(s), "constant input gives NaN");
      else if (o.variant == k::Variant::b) {
        const double t = tauflow_test::tau_b(want, n);
        if (!(std::fabs(s - t) <= 1e-12)) fail("tau-b", s, t);
      } else if (o.variant == k::Variant::a) {
        const double t =
            (static_cast<double>(want.concordant) - static_cast<double>(want.discordant)) / P;
        if (!(std::fabs(s - t) <= 1e-12)) fail("tau-a", s, t);
      }
    }
  } else if (r.status == k::KendallStatus::exact_with_ties) {
    expect(o.method == k::Method::exact, "exact_with_ties only for method exact");
  } else if (r.status == k::KendallStatus::exact_too_large) {
    expect(o.method == k::Method::exact, "exact_too_large only for method exact");
  } else {
    expect(o.nan_policy == k::NanPolicy::raise, "nan_found only for raise");
  }

  // 3. Determinism: again, and with a different thread count.
  tauflow::set_thread_count(threads == 1 ? 3 : 1);
  const k::KendallResult r2 = k::kendall_tau(x.data(), y.data(), n, o);
  tauflow::set_thread_count(0);
  expect(r2.status == r.status, "status deterministic");
  if (!same_bits(r.statistic, r2.statistic))
    fail("statistic deterministic", r2.statistic, r.statistic);
  if (!same_bits(r.pvalue, r2.pvalue)) fail("pvalue deterministic", r2.pvalue, r.pvalue);
  return 0;
}
