// The fused Kendall surrogate (native/core/surrogate_cpu, pair_functions.h) tested directly:
// the shared float pair functions against double libm, values against the pair-by-pair double
// reference (surrogate_oracle.h) for every kind x weighting x normalisation, gradients against
// central finite differences of that reference on tiny n, the exact tau-b limit, degenerate
// lists, and results that do not depend on the thread count or the instruction set.
#include <doctest/doctest.h>

#if __has_include("core/surrogate_cpu.h")
#include <cmath>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/pair_functions.h"
#include "core/parallel_for.h"
#include "core/surrogate_cpu.h"
#include "kendall_oracle.h"
#include "surrogate_oracle.h"
#include "thread_override.h"

namespace {
using tauflow::Normalization;
using tauflow::PairWeighting;
using tauflow::SurrogateKind;
using tauflow::SurrogateOptions;
using tauflow_test::ThreadOverride;

const SurrogateKind kKinds[] = {SurrogateKind::kTanh, SurrogateKind::kHardtanh,
                                SurrogateKind::kLogistic, SurrogateKind::kRanknet,
                                SurrogateKind::kHinge};
const PairWeighting kWeightings[] = {PairWeighting::kNone, PairWeighting::kTargetDiff,
                                     PairWeighting::kUser};

struct Lists {
  std::size_t batch, n;
  std::vector<float> p, y, w;
};

Lists random_lists(std::mt19937_64& rng, std::size_t batch, std::size_t n, int target_levels) {
  Lists l{batch, n, std::vector<float>(batch * n), std::vector<float>(batch * n),
          std::vector<float>(batch * n)};
  std::uniform_real_distribution<float> u(-2.0f, 2.0f);
  for (std::size_t k = 0; k < batch * n; ++k) {
    l.p[k] = u(rng);
    l.y[k] = target_levels ? static_cast<float>(rng() % target_levels) : u(rng) * 3.0f;
    l.w[k] = 0.25f + static_cast<float>(rng() % 8) / 4.0f;
  }
  return l;
}

void run(const Lists& l, const SurrogateOptions& o, std::vector<double>* value,
         std::vector<float>* grad) {
  value->assign(l.batch, 0.0);
  grad->assign(l.batch * l.n, 0.0f);
  tauflow::surrogate_cpu(l.p.data(), l.y.data(), l.w.data(), l.batch, l.n, o, value->data(),
                         grad->data());
}

std::vector<double> widen(const float* a, std::size_t n) { return std::vector<double>(a, a + n); }
}  // namespace

TEST_CASE("pair functions: tanh_approx, exp_neg, log1p_unit against double libm") {
  double worst_tanh = 0, worst_exp = 0, worst_log = 0;
  for (double x = -30; x <= 30; x += 1.0 / 1024) {
    const float f = static_cast<float>(x);
    const double want = std::tanh(static_cast<double>(f));
    const double err = std::fabs(tauflow::pair::tanh_approx(f) - want);
    worst_tanh = std::max(worst_tanh, err / std::max(1.0, std::fabs(want) < 1e-3 ? 1e-3 : 1.0));
  }
  for (float x = 1e-30f; x < 1e-2f; x *= 1.7f) {  // tiny arguments keep relative accuracy
    CHECK(std::fabs(tauflow::pair::tanh_approx(x) / std::tanh(static_cast<double>(x)) - 1) < 1e-6);
    CHECK(tauflow::pair::tanh_approx(-x) == -tauflow::pair::tanh_approx(x));
  }
  for (double z = 0; z <= 87; z += 1.0 / 512) {
    const double want = std::exp(-static_cast<double>(static_cast<float>(z)));
    worst_exp =
        std::max(worst_exp, std::fabs(tauflow::pair::exp_neg(static_cast<float>(z)) / want - 1));
  }
  for (double v = 1.0 / 4096; v <= 1; v += 1.0 / 4096) {
    const double want = std::log1p(static_cast<double>(static_cast<float>(v)));
    worst_log =
        std::max(worst_log, std::fabs(tauflow::pair::log1p_unit(static_cast<float>(v)) / want - 1));
  }
  CHECK(worst_tanh < 1e-6);
  CHECK(worst_exp < 1e-6);
  CHECK(worst_log < 1e-6);
  // Far beyond the clamps: saturate, never NaN.
  CHECK(tauflow::pair::tanh_approx(1e30f) == 1.0f);
  CHECK(tauflow::pair::tanh_approx(-INFINITY) == -1.0f);
}

TEST_CASE("pair terms: derivative g matches the double derivative of the term") {
  for (float delta = -3.0f; delta <= 3.0f; delta += 0.037f) {
    for (float t : {-1.0f, 0.0f, 1.0f}) {
      const float w = 1.5f, alpha = 1.7f;
      CAPTURE(delta);
      CAPTURE(t);
      const double d = delta;
      // tanh: v = w t tanh(alpha d), dv/dd = w t alpha (1 - tanh^2).
      auto tanh_r = tauflow::pair::corr_pair<tauflow::pair::PhiTanh>(delta, t, w, alpha);
      const double th = std::tanh(alpha * d);
      CHECK(tanh_r.v == doctest::Approx(w * t * th).epsilon(1e-5));
      CHECK(tanh_r.g == doctest::Approx(w * t * alpha * (1 - th * th)).epsilon(1e-5));
      CHECK(tanh_r.q == doctest::Approx(w * th * th).epsilon(1e-5));
      // ranknet: v = w log(1 + exp(-alpha t d)), dv/dd = -w alpha t sigma(-alpha t d); the
      // losses count only pairs with t != 0, and the pair functions return 0 for tied targets.
      auto rn = tauflow::pair::ranknet_pair(delta, t, w, alpha);
      const double u = -alpha * t * d;
      const double tied = t == 0.0f ? 0.0 : 1.0;
      CHECK(rn.v == doctest::Approx(tied * w * std::log1p(std::exp(u))).epsilon(1e-5));
      CHECK(rn.g == doctest::Approx(-w * alpha * t / (1 + std::exp(-u))).epsilon(1e-5));
      // hinge: v = w max(0, m - t d).
      auto hg = tauflow::pair::hinge_pair(delta, t, w, 0.5f);
      CHECK(hg.v == doctest::Approx(tied * w * std::max(0.0, 0.5 - t * d)).epsilon(1e-6));
    }
  }
}

TEST_CASE("surrogate_cpu values equal the double reference (kinds x weightings x norms)") {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t batch = 1 + trial % 3;
    const std::size_t n = 2 + rng() % (trial < 50 ? 40 : 700);  // the last ones span tiles
    const Lists l = random_lists(rng, batch, n, trial % 2 ? 5 : 0);
    for (auto kind : kKinds)
      for (auto weighting : kWeightings)
        for (auto norm : {Normalization::kTauA, Normalization::kTauB}) {
          SurrogateOptions o;
          o.kind = kind;
          o.weighting = weighting;
          o.normalization = norm;
          o.alpha = 0.5 + static_cast<double>(rng() % 40) / 10;
          o.margin = 0.25 + static_cast<double>(rng() % 8) / 8;
          std::vector<double> value;
          std::vector<float> grad;
          run(l, o, &value, &grad);
          for (std::size_t b = 0; b < batch; ++b) {
            const auto p = widen(l.p.data() + b * n, n), y = widen(l.y.data() + b * n, n),
                       w = widen(l.w.data() + b * n, n);
            const auto ref = tauflow_test::surrogate_ref(p.data(), y.data(), w.data(), n, o);
            CAPTURE(trial);
            CAPTURE(n);
            CAPTURE(static_cast<int>(kind));
            CAPTURE(static_cast<int>(weighting));
            CAPTURE(static_cast<int>(norm));
            if (ref.degenerate) {
              CHECK(std::isnan(value[b]));
              for (std::size_t k = 0; k < n; ++k) CHECK(grad[b * n + k] == 0.0f);
            } else {
              CHECK(value[b] == doctest::Approx(ref.value).epsilon(2e-5).scale(1.0));
              for (std::size_t k = 0; k < n; ++k) CHECK(std::isfinite(grad[b * n + k]));
            }
          }
        }
  }
}

TEST_CASE("surrogate_cpu gradients equal finite differences of the reference (n <= 8)") {
  std::mt19937_64 rng(23);
  int checked = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const std::size_t n = 2 + rng() % 7;
    const Lists l = random_lists(rng, 1, n, trial % 3 == 0 ? 3 : 0);
    for (auto kind : kKinds)
      for (auto weighting : kWeightings)
        for (auto norm : {Normalization::kTauA, Normalization::kTauB}) {
          SurrogateOptions o;
          o.kind = kind;
          o.weighting = weighting;
          o.normalization = norm;
          o.alpha = 0.3 + static_cast<double>(rng() % 30) / 10;
          o.margin = 0.5;
          const auto p = widen(l.p.data(), n), y = widen(l.y.data(), n), w = widen(l.w.data(), n);
          const auto ref = tauflow_test::surrogate_ref(p.data(), y.data(), w.data(), n, o);
          if (ref.degenerate || tauflow_test::kink_distance(p.data(), y.data(), n, o) < 1e-3)
            continue;
          std::vector<double> value;
          std::vector<float> grad;
          run(l, o, &value, &grad);
          for (std::size_t k = 0; k < n; ++k) {
            const double fd = tauflow_test::surrogate_ref_fd(p, y.data(), w.data(), k, o, 1e-6);
            CAPTURE(trial);
            CAPTURE(k);
            CAPTURE(static_cast<int>(kind));
            CAPTURE(static_cast<int>(weighting));
            CAPTURE(static_cast<int>(norm));
            CHECK(std::fabs(grad[k] - fd) <= 1e-4 + 1e-3 * std::fabs(fd));
          }
          ++checked;
        }
  }
  CHECK(checked > 500);
}

TEST_CASE("hardtanh with a large alpha is exactly Kendall's tau-b, ties included") {
  std::mt19937_64 rng(31);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = 2 + rng() % 300;
    std::vector<float> p(n), y(n);
    for (std::size_t k = 0; k < n; ++k) {
      p[k] = static_cast<float>(rng() % 40);  // ties in predictions too
      y[k] = static_cast<float>(rng() % 25);
    }
    SurrogateOptions o;
    o.kind = SurrogateKind::kHardtanh;
    o.alpha = 4.0;  // |alpha d| >= 4 for every untied pair: s = sign(d) exactly
    double value = 0;
    std::vector<float> grad(n);
    tauflow::surrogate_cpu(p.data(), y.data(), nullptr, 1, n, o, &value, grad.data());
    const auto c = tauflow_test::count_pairs_naive(p.data(), y.data(), n);
    const double want = tauflow_test::tau_b(c, n);
    CAPTURE(trial);
    if (std::isnan(want))
      CHECK(std::isnan(value));
    else
      CHECK(value == doctest::Approx(want).epsilon(1e-12));
  }
}

TEST_CASE("degenerate lists: tied targets, constant or non-finite predictions, bad arguments") {
  const float p[] = {0.1f, 0.5f, -0.2f, 0.9f}, flat_y[] = {2, 2, 2, 2}, y[] = {1, 2, 3, 4};
  const float flat_p[] = {1, 1, 1, 1}, inf_p[] = {0.1f, INFINITY, 0.3f, 0.2f};
  const float nan_y[] = {1, NAN, 3, 4};
  for (auto kind : kKinds) {
    SurrogateOptions o;
    o.kind = kind;
    double v = 0;
    float g[4];
    CAPTURE(static_cast<int>(kind));
    tauflow::surrogate_cpu(p, flat_y, nullptr, 1, 4, o, &v, g);
    CHECK(std::isnan(v));  // every target tied: no untied pair
    for (float gk : g) CHECK(gk == 0.0f);
    tauflow::surrogate_cpu(inf_p, y, nullptr, 1, 4, o, &v, g);
    CHECK(std::isnan(v));
    for (float gk : g) CHECK(std::isnan(gk));
    tauflow::surrogate_cpu(flat_p, y, nullptr, 1, 4, o, &v, g);
    if (kind != SurrogateKind::kRanknet && kind != SurrogateKind::kHinge) {
      CHECK(std::isnan(v));  // tau-b of a constant prediction, as exact tau-b
      for (float gk : g) CHECK(gk == 0.0f);
    } else {
      CHECK(std::isfinite(v));
    }
    CHECK_THROWS_AS(tauflow::surrogate_cpu(p, y, nullptr, 1, 1, o, &v, g), std::invalid_argument);
    CHECK_THROWS_AS(tauflow::surrogate_cpu(p, nan_y, nullptr, 1, 4, o, &v, g),
                    std::invalid_argument);
    o.weighting = PairWeighting::kUser;
    CHECK_THROWS_AS(tauflow::surrogate_cpu(p, y, nullptr, 1, 4, o, &v, g), std::invalid_argument);
  }
  SurrogateOptions o;
  tauflow::surrogate_cpu(nullptr, nullptr, nullptr, 0, 4, o, nullptr, nullptr);  // batch 0
}

TEST_CASE("surrogate_cpu is bit-identical across thread counts; SIMD levels agree") {
  std::mt19937_64 rng(41);
  const Lists l = random_lists(rng, 3, 1100, 7);  // 5 tiles per list, many tasks per round
  for (auto kind : kKinds) {
    SurrogateOptions o;
    o.kind = kind;
    o.weighting = PairWeighting::kUser;
    std::vector<double> v1, v2;
    std::vector<float> g1, g2;
    {
      ThreadOverride t(1);
      run(l, o, &v1, &g1);
    }
    {
      ThreadOverride t(5);
      run(l, o, &v2, &g2);
    }
    CAPTURE(static_cast<int>(kind));
    CHECK(v1 == v2);
    CHECK(g1 == g2);
    const char* levels[] = {"baseline", "avx2", "avx512"};
    for (const char* level : levels) {
      setenv("TAUFLOW_SIMD", level, 1);
      std::vector<double> v3;
      std::vector<float> g3;
      run(l, o, &v3, &g3);
      CAPTURE(level);
      for (std::size_t b = 0; b < 3; ++b) CHECK(v3[b] == doctest::Approx(v1[b]).epsilon(1e-5));
      for (std::size_t k = 0; k < g1.size(); ++k)
        CHECK(g3[k] == doctest::Approx(g1[k]).epsilon(1e-3).scale(1e-3));
    }
    unsetenv("TAUFLOW_SIMD");
  }
}

// Regression (found by fuzz_surrogate): a row's ragged end runs as a masked vector step whose
// dead lanes read past the list into the next list of the batch; weight "live * w" gave
// 0 * inf = NaN when the next list held an infinite user weight or target, so one list's value
// turned NaN because of another list's data.
TEST_CASE("a list's value does not depend on the other lists of the batch (inf weights/targets)") {
  const std::size_t n = 8;
  const float p0[n] = {0.1f, -0.3f, 0.7f, 0.7f, 2.0f, -1.5f, 0.25f, 0.1f};
  const float y0[n] = {1, 2, 2, 3, 0.5f, 4, 3, 1};
  const float w0[n] = {1, 0.5f, 2, 1, 0.25f, 1.5f, 1, 1};
  for (auto kind : kKinds)
    for (auto weighting : {PairWeighting::kTargetDiff, PairWeighting::kUser}) {
      SurrogateOptions o;
      o.kind = kind;
      o.weighting = weighting;
      double alone = 0;
      float galone[n];
      tauflow::surrogate_cpu(p0, y0, w0, 1, n, o, &alone, galone);
      std::vector<float> p(p0, p0 + n), y(y0, y0 + n), w(w0, w0 + n);
      for (std::size_t k = 0; k < n; ++k) {  // list 1: infinite weights and targets
        p.push_back(0.5f * static_cast<float>(k));
        y.push_back(k % 3 ? INFINITY : 1.0f);
        w.push_back(k % 2 ? INFINITY : 1.0f);
      }
      double value[2];
      std::vector<float> grad(2 * n);
      tauflow::surrogate_cpu(p.data(), y.data(), w.data(), 2, n, o, value, grad.data());
      CAPTURE(static_cast<int>(kind));
      CAPTURE(static_cast<int>(weighting));
      CHECK(std::isfinite(alone));
      CHECK(value[0] == alone);
      for (std::size_t k = 0; k < n; ++k) CHECK(grad[k] == galone[k]);
    }
}

#else
TEST_CASE("surrogate: native/core/surrogate_cpu.h not present yet" * doctest::skip(true)) {}
#endif
