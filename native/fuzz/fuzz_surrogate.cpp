// libFuzzer target: the fused Kendall surrogate on the CPU (native/core/surrogate_cpu,
// pair_functions.h) against the double pair-by-pair reference (native/test/surrogate_oracle.h).
// requires: core/surrogate_cpu.h
// requires: core/pair_functions.h
// Input bytes: a header (kind, weighting, normalisation, want_grad, alpha, margin, batch,
// threads, target tie levels, tiling) then per element a tagged prediction, target and weight.
// Checks, on every input:
//   - a NaN target is refused with std::invalid_argument, nothing else throws;
//   - non-finite predictions give value NaN and gradient NaN for that list (documented);
//   - on well-scaled input the value equals the reference within float rounding, correlation
//     forms stay in [-1, 1], gradients are finite; a zero denominator gives NaN and gradient 0;
//   - on tiny well-scaled lists (n <= 8) the gradient equals finite differences of the reference;
//   - results are bit-identical with another thread count, and a list computed alone equals the
//     same list inside the batch.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/parallel_for.h"
#include "core/surrogate_cpu.h"
#include "fuzz_input.h"
#include "surrogate_oracle.h"

namespace {
using tauflow_fuzz::Cursor;
using tauflow_fuzz::Width;

[[noreturn]] void fail(const char* what, double got, double want) {
  std::fprintf(stderr, "MISMATCH %s: got %.9g want %.9g\n", what, got, want);
  std::abort();
}
void expect(bool ok, const char* what) {
  if (!ok) fail(what, 0, 0);
}

double scaled(std::uint8_t b, double special_low, double special_high) {
  if (b == 0) return special_low;
  if (b == 255) return special_high;
  return std::exp2((static_cast<int>(b) - 128) / 8.0);  // 2^-16 .. 2^16
}

bool in(double v, double lo, double hi) { return v >= lo && v <= hi; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Cursor c(data, size);
  const std::uint8_t h0 = c.byte(), h1 = c.byte(), h2 = c.byte(), h3 = c.byte(), h4 = c.byte();
  tauflow::SurrogateOptions o;
  o.kind = static_cast<tauflow::SurrogateKind>(h0 % 5);
  o.weighting = static_cast<tauflow::PairWeighting>((h0 / 5) % 3);
  o.normalization = static_cast<tauflow::Normalization>((h0 / 15) % 2);
  o.want_grad = (h0 / 30) % 2 == 0;
  o.alpha = scaled(h1, 0.0, 1e30);
  o.margin = scaled(h2, 0.0, 1e30);
  const std::size_t batch = 1 + h3 % 3;
  const unsigned threads = 1 + (h3 / 3) % 4;
  const unsigned levels = (h3 / 12) % 8;
  const bool user = o.weighting == tauflow::PairWeighting::kUser;

  std::vector<float> p, y, w;
  while (c.left() > 0 && p.size() < 96 * batch) {
    p.push_back(static_cast<float>(tauflow_fuzz::next_value(c, Width::f32, 0)));
    y.push_back(static_cast<float>(tauflow_fuzz::next_value(c, Width::f32, levels)));
    w.push_back(user ? static_cast<float>(tauflow_fuzz::next_value(c, Width::f32, 4)) : 1.0f);
  }
  if (h4 == 0xA7 && !p.empty()) {  // rare: past one 256-wide tile, several tasks per round
    const std::size_t base = p.size();
    for (std::size_t k = 0; p.size() < 600 * batch; ++k) {
      p.push_back(p[k % base] + static_cast<float>(k) * 1e-3f);
      y.push_back(y[k % base]);
      w.push_back(w[k % base]);
    }
  }
  const std::size_t n = p.size() / batch;
  if (n < 2) return 0;
  p.resize(batch * n), y.resize(batch * n), w.resize(batch * n);

  bool nan_target = false;
  for (float t : y) nan_target |= std::isnan(t);
  std::vector<double> value(batch, -7.0);
  std::vector<float> grad(batch * n, -7.0f);
  tauflow::set_thread_count(threads);
  try {
    tauflow::surrogate_cpu(p.data(), y.data(), w.data(), batch, n, o, value.data(), grad.data());
    expect(!nan_target, "NaN target accepted");
  } catch (const std::invalid_argument&) {
    expect(nan_target, "threw without a NaN target");
    tauflow::set_thread_count(0);
    return 0;
  }

  for (std::size_t b = 0; b < batch; ++b) {
    const float* pb = p.data() + b * n;
    const float* yb = y.data() + b * n;
    const float* wb = w.data() + b * n;
    bool finite = true;
    for (std::size_t k = 0; k < n; ++k) finite &= std::isfinite(pb[k]) != 0;
    if (!finite) {
      expect(std::isnan(value[b]), "non-finite prediction: value NaN");
      if (o.want_grad)
        for (std::size_t k = 0; k < n; ++k) expect(std::isnan(grad[b * n + k]), "grad NaN");
      continue;
    }
    if (tauflow::is_correlation(o.kind) && !std::isnan(value[b]))
      expect(in(value[b], -1.0, 1.0), "correlation value in [-1, 1]");
    // Well-scaled input: compare with the reference.
    bool tame = in(o.alpha, 1e-3, 1e3) && in(o.margin, 1e-3, 1e3);
    for (std::size_t k = 0; k < n; ++k)
      tame = tame && in(pb[k], -1e3, 1e3) && in(yb[k], -1e3, 1e3) && in(wb[k], 0, 1e3);
    if (!tame) continue;
    const std::vector<double> pd(pb, pb + n), yd(yb, yb + n), wd(wb, wb + n);
    const auto ref = tauflow_test::surrogate_ref(pd.data(), yd.data(), wd.data(), n, o);
    if (ref.degenerate) {
      if (!std::isnan(value[b])) fail("degenerate list: value NaN", value[b], ref.value);
      if (o.want_grad)
        for (std::size_t k = 0; k < n; ++k) expect(grad[b * n + k] == 0.0f, "degenerate: grad 0");
      continue;
    }
    // Predictions a denormal apart: the float32 terms w s^2 underflow to 0 (the core sees Q = 0,
    // constant predictions, and answers NaN where double still has Q ~ 1e-78) or to denormals
    // with a few significant bits (values off by percents; found at p ~ 8e-24, alpha 8).
    const bool tau_b =
        tauflow::is_correlation(o.kind) && o.normalization == tauflow::Normalization::kTauB;
    // Q in the denormal range (~1e-45 per term) keeps only a few bits either way: no comparison.
    if (tau_b && ref.q < 1e-30) continue;
    // float pair terms (~1e-6 relative each) summed over up to n^2/2 pairs.
    // Plus denormal products (a target gap or weight near 1e-43 keeps ~8 significant bits):
    // up to ~1.4e-45 absolute per pair term, over the denominator.
    const double pairs = 0.5 * static_cast<double>(n) * static_cast<double>(n - 1);
    const double tol = 1e-5 * (1 + ref.scale) * (1 + std::log2(static_cast<double>(n))) +
                       pairs * 4e-45 / ref.denom;
    if (!(std::fabs(value[b] - ref.value) <= tol)) fail("value vs reference", value[b], ref.value);
    if (!o.want_grad) continue;
    for (std::size_t k = 0; k < n; ++k) expect(std::isfinite(grad[b * n + k]), "grad finite");
    // Tiny, moderate lists away from kinks: gradient vs finite differences.
    bool small = n <= 8 && in(o.alpha, 0.05, 20) && in(o.margin, 0.05, 20);
    for (std::size_t k = 0; k < n; ++k)
      small = small && in(pb[k], -10, 10) && in(yb[k], -10, 10) && in(wb[k], 0.01, 10);
    if (!small || tauflow_test::kink_distance(pd.data(), yd.data(), n, o) < 1e-3) continue;
    // Target-gap weights must be ordinary floats too (a denormal gap keeps a few bits).
    bool tiny_gap = false;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double gap = std::fabs(yd[i] - yd[j]);
        tiny_gap = tiny_gap || (gap > 0 && gap < 1e-6);
      }
    if (o.weighting == tauflow::PairWeighting::kTargetDiff && tiny_gap) continue;
    // Soft tau-b is V / sqrt(Q T) with Q = sum s^2: as all predictions approach each other Q -> 0
    // and the value tends to a sign (for n = 2 it is exactly sign(d) t), so finite differences
    // across that point are meaningless (first found: n = 2, p = 4e-8 and 6e-45, FD -1e6).
    double spread = 0;
    for (std::size_t k = 0; k < n; ++k) spread = std::max(spread, std::fabs(pd[k] - pd[0]));
    if (o.normalization == tauflow::Normalization::kTauB && o.alpha * spread < 1e-2) continue;
    // A tie in predictions sits on no kink, but tanh-type terms there are smooth; fine.
    for (std::size_t k = 0; k < n; ++k) {
      const double fd = tauflow_test::surrogate_ref_fd(pd, yd.data(), wd.data(), k, o, 1e-6);
      const double g = grad[b * n + k];
      if (!(std::fabs(g - fd) <= 2e-4 * (1 + ref.scale) + 2e-3 * std::fabs(fd)))
        fail("gradient vs finite differences", g, fd);
    }
  }

  // Determinism: another thread count, bit for bit; each list alone equals its batch slot.
  std::vector<double> value2(batch);
  std::vector<float> grad2(batch * n);
  tauflow::set_thread_count(threads == 1 ? 3 : 1);
  tauflow::surrogate_cpu(p.data(), y.data(), w.data(), batch, n, o, value2.data(), grad2.data());
  for (std::size_t b = 0; b < batch; ++b) {
    expect(std::memcmp(&value[b], &value2[b], sizeof(double)) == 0, "value deterministic");
    double alone = 0;
    std::vector<float> galone(n);
    tauflow::surrogate_cpu(p.data() + b * n, y.data() + b * n, w.data() + b * n, 1, n, o, &alone,
                           galone.data());
    expect(std::memcmp(&alone, &value[b], sizeof(double)) == 0, "list alone == list in batch");
    if (o.want_grad)
      expect(std::memcmp(galone.data(), grad.data() + b * n, n * sizeof(float)) == 0,
             "grad alone == grad in batch");
  }
  if (o.want_grad)
    expect(std::memcmp(grad.data(), grad2.data(), grad.size() * sizeof(float)) == 0,
           "grad deterministic");
  tauflow::set_thread_count(0);
  return 0;
}
