#include "core/surrogate_cpu.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/parallel_for.h"
#include "core/surrogate_normalize.h"
#include "core/surrogate_tile_types.h"

namespace tauflow {
namespace detail {

SimdLevel simd_level() {
  SimdLevel hw = SimdLevel::kBaseline;
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") &&
                      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq");
  hw = avx512 ? SimdLevel::kAvx512 : (avx2 ? SimdLevel::kAvx2 : SimdLevel::kBaseline);
#endif
  if (const char* env = std::getenv("TAUFLOW_SIMD")) {
    SimdLevel want = hw;
    if (std::strcmp(env, "baseline") == 0) want = SimdLevel::kBaseline;
    if (std::strcmp(env, "avx2") == 0) want = SimdLevel::kAvx2;
    if (static_cast<int>(want) < static_cast<int>(hw)) hw = want;
  }
  return hw;
}

const char* simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::kAvx512:
      return "avx512";
    case SimdLevel::kAvx2:
      return "avx2";
    default:
      return "baseline";
  }
}

}  // namespace detail

namespace {

using detail::kTile;
using detail::TileTask;

// Rounds of a round-robin tournament over `blocks` row blocks (circle method; a dummy block pads
// an odd count). Round 0 holds the diagonal tiles; every later round pairs each block with one
// other, so no two tiles of a round touch the same block.
std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> tile_rounds(std::size_t blocks) {
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> rounds(1);
  for (std::uint32_t b = 0; b < blocks; ++b) rounds[0].emplace_back(b, b);
  if (blocks < 2) return rounds;
  const std::size_t m = blocks + (blocks & 1);  // even; block m-1 is the dummy when blocks is odd
  for (std::size_t r = 0; r + 1 < m; ++r) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> round;
    auto add = [&](std::size_t a, std::size_t b) {
      if (a >= blocks || b >= blocks) return;  // paired with the dummy: idle this round
      if (a > b) std::swap(a, b);
      round.emplace_back(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
    };
    add(r, m - 1);
    for (std::size_t k = 1; k < m / 2; ++k) add((r + k) % (m - 1), (r + (m - 1) - k) % (m - 1));
    rounds.push_back(std::move(round));
  }
  return rounds;
}

using RunTasks = void (*)(const detail::TileLists&, const TileTask*, std::size_t, std::size_t,
                          const detail::TileConfig&);

RunTasks tiles_for(detail::SimdLevel level) {
  switch (level) {
    case detail::SimdLevel::kAvx512:
      return detail::run_tasks_avx512;
    case detail::SimdLevel::kAvx2:
      return detail::run_tasks_avx2;
    default:
      return detail::run_tasks_baseline;
  }
}

}  // namespace

const char* surrogate_cpu_simd() { return detail::simd_level_name(detail::simd_level()); }

void surrogate_cpu(const float* pred, const float* target, const float* weights, std::size_t batch,
                   std::size_t n, const SurrogateOptions& options, double* value, float* grad) {
  check_surrogate_inputs(target, weights, batch, n, options);
  if (batch == 0) return;
  if (const char* algo = std::getenv("TAUFLOW_SURROGATE_CPU"))
    if (std::strcmp(algo, "rowwise") == 0)
      return surrogate_cpu_rowwise(pred, target, weights, batch, n, options, value, grad);
  const bool user = options.weighting == PairWeighting::kUser;
  const std::size_t total = batch * n;

  // Per list: stable order by target, the sorted copies, tie-block ends, denominators.
  std::vector<std::uint32_t> order(total), tie_end(total);
  const std::size_t padded = total + detail::kTilePadding;  // zeros after the last list
  std::vector<float> ps(padded, 0.0f), ys(padded, 0.0f), ws(user ? padded : 0, 0.0f);
  std::vector<ListDenominators> denoms(batch);
  std::vector<char> finite(batch, 1);
  parallel_for(batch, 1, [&](std::size_t, std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1; ++b) {
      const std::size_t base = b * n;
      std::uint32_t* ord = order.data() + base;
      sort_by_target(target + base, n, ord);
      for (std::size_t k = 0; k < n; ++k) {
        const float pk = pred[base + ord[k]];
        if (!std::isfinite(pk)) finite[b] = 0;
        ps[base + k] = pk;
        ys[base + k] = target[base + ord[k]];
        if (user) ws[base + k] = weights[base + ord[k]];
      }
      if (!finite[b])  // the value is NaN anyway; keep the pair loop on harmless numbers
        std::fill(ps.begin() + static_cast<std::ptrdiff_t>(base),
                  ps.begin() + static_cast<std::ptrdiff_t>(base + n), 0.0f);
      for (std::size_t a = 0; a < n;) {
        std::size_t e = a + 1;
        while (e < n && ys[base + e] == ys[base + a]) ++e;
        for (std::size_t k = a; k < e; ++k) tie_end[base + k] = static_cast<std::uint32_t>(e);
        a = e;
      }
      denoms[b] = list_denominators(target + base, user ? weights + base : nullptr, n,
                                    options.weighting, ord);
    }
  });

  const std::size_t blocks = (n + kTile - 1) / kTile;
  const bool tau_b = is_correlation(options.kind) && options.normalization == Normalization::kTauB;
  // The pair loop always runs its gradient instantiation, also for want_grad false: the value
  // must not depend on want_grad, and the compiler contracts multiply-adds into FMAs differently
  // in the two instantiations (seen: values differing in the 10th digit). The gradient sums are
  // then computed and dropped; forward-only calls pay for them, training calls pay nothing.
  std::vector<double> gv(total, 0.0);
  std::vector<double> gq(tau_b ? total : 0, 0.0);
  std::vector<double> block_v(batch * blocks, 0.0), block_q(batch * blocks, 0.0);

  detail::TileLists lists;
  lists.n = n;
  lists.blocks = blocks;
  lists.p = ps.data();
  lists.y = ys.data();
  lists.w = user ? ws.data() : nullptr;
  lists.tie_end = tie_end.data();
  lists.gv = gv.data();
  lists.gq = gq.data();
  lists.block_v = block_v.data();
  lists.block_q = block_q.data();

  detail::TileConfig config;
  config.kind = options.kind;
  config.weighting = options.weighting == PairWeighting::kTargetDiff ? 1 : (user ? 2 : 0);
  config.tau_b = tau_b;
  config.grad = true;  // see gv above
  config.param =
      static_cast<float>(options.kind == SurrogateKind::kHinge ? options.margin : options.alpha);
  const RunTasks run = tiles_for(detail::simd_level());

  // Threads only pay off from ~64k pairs per chunk on; below that one thread does the round.
  const std::size_t tile_pairs = (n < kTile ? n : kTile) * (n < kTile ? n : kTile);
  const std::size_t min_tasks = (std::size_t{1} << 16) / tile_pairs + 1;
  std::vector<TileTask> tasks;
  for (const auto& round : tile_rounds(blocks)) {
    tasks.clear();
    for (std::size_t b = 0; b < batch; ++b)
      for (const auto& t : round)
        tasks.push_back(TileTask{static_cast<std::uint32_t>(b), t.first, t.second});
    parallel_for(tasks.size(), min_tasks, [&](std::size_t, std::size_t begin, std::size_t end) {
      run(lists, tasks.data(), begin, end, config);
    });
  }

  for (std::size_t b = 0; b < batch; ++b) {
    double v_sum = 0, q_sum = 0;
    for (std::size_t k = 0; k < blocks; ++k) {
      v_sum += block_v[b * blocks + k];
      q_sum += block_q[b * blocks + k];
    }
    const ListScale s =
        finalize_list(options.kind, options.normalization, v_sum, q_sum, denoms[b], finite[b]);
    value[b] = s.value;
    if (!options.want_grad) continue;
    const std::size_t base = b * n;
    for (std::size_t k = 0; k < n; ++k) {
      double g = s.gv_scale * gv[base + k];
      if (tau_b) g += s.gq_scale * gq[base + k];
      grad[base + order[base + k]] = static_cast<float>(g);
    }
  }
}

}  // namespace tauflow
