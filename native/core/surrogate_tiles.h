// The CPU pair loop of the fused surrogate: one square tile of the upper triangle (i < j) of one
// list, its elements sorted by target. Included once per instruction set by
// surrogate_tiles_{avx512,avx2,baseline}.cpp, after each file's `#pragma GCC target`, inside an
// anonymous namespace, so every copy has internal linkage and its own vector width.
//
// Why sorted by target: for i < j in sorted order y_i <= y_j, so t_ij = -1 except inside i's tie
// block, where t_ij = 0. Each row of a tile splits into [tied | untied] column ranges with a
// constant t: no sign computation, no target loads (unless the weights need them), and tied
// columns are skipped entirely unless tau-b's Q = sum w s^2 needs them.
//
// Accumulation: each row keeps kLanes float partial sums per quantity across the tile's columns
// (kLanes independent chains the compiler turns into vector registers; at most kTile/kLanes terms
// each), then adds their sum, in lane order, to double accumulators. Column derivatives are float
// per tile (at most kTile terms) and added to the double gradient at the end of the tile. All
// orders are fixed, so results repeat bit for bit.
//
// A row's ragged end (fewer than kLanes columns) runs as one more vector step whose extra lanes
// have weight 0; they read up to kLanes - 1 elements past the range, so TileLists' arrays carry
// kLanes elements of (finite) padding at the end.
//
// Expects in scope: <cstddef>, <cstdint>, core/pair_functions.h, core/surrogate_tile_types.h.

constexpr int kLanes = 16;
static_assert(kLanes <= static_cast<int>(tauflow::detail::kTilePadding),
              "ragged ends read kLanes - 1 past a row");

// One row against the columns [a, b) of a tile; kTied: those columns tie with the row's target.
template <class Pair, int kWeighting, bool kTauB, bool kGrad, bool kTied>
TAUFLOW_INLINE void pair_row_range(float pi, float yi, float wi, const float* p, const float* y,
                                   const float* w, std::size_t a, std::size_t b, float param,
                                   float* colg, float* colq, float* av, float* ag, float* aq,
                                   float* agq) {
  constexpr float t = kTied ? 0.0f : -1.0f;
  std::size_t j = a;
  for (; j + kLanes <= b; j += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      const std::size_t c = j + l;
      // Sorted order: y_c >= y_i, so |y_i - y_c| = y_c - y_i.
      const float wij = kWeighting == 1 ? y[c] - yi : (kWeighting == 2 ? wi * w[c] : 1.0f);
      const tauflow::pair::PairTerms r = Pair::eval(pi - p[c], t, wij, param);
      if (!kTied) {
        av[l] += r.v;
        if (kGrad) {
          ag[l] += r.g;
          colg[c] += r.g;
        }
      }
      if (kTauB) {
        aq[l] += r.q;
        if (kGrad) {
          agq[l] += r.gq;
          colq[c] += r.gq;
        }
      }
    }
  }
  if (j < b) {  // the ragged end of the row: one more vector step with the extra lanes' weight 0
    const std::size_t rest = b - j;
    for (int l = 0; l < kLanes; ++l) {
      const std::size_t c = j + l;  // may run past b: the arrays carry kLanes of padding
      // Dead lanes read the next list's (or the padding's) values, which may be infinite:
      // select 0 rather than multiply by 0 (0 * inf is NaN and would leak into this list).
      const float w_live = kWeighting == 1 ? y[c] - yi : (kWeighting == 2 ? wi * w[c] : 1.0f);
      const bool live = static_cast<std::size_t>(l) < rest;
      const float wij = live ? w_live : 0.0f;
      // The difference is selected too: inf - inf is NaN, and a NaN delta survives weight 0 in
      // the log-sum terms (ranknet), turning this list's value NaN (found by fuzz_surrogate).
      // With delta 0 and weight 0 every term is exactly 0, so dead lanes add nothing.
      const float delta = live ? pi - p[c] : 0.0f;
      const tauflow::pair::PairTerms r = Pair::eval(delta, t, wij, param);
      if (!kTied) {
        av[l] += r.v;
        if (kGrad) {
          ag[l] += r.g;
          colg[c] += r.g;
        }
      }
      if (kTauB) {
        aq[l] += r.q;
        if (kGrad) {
          agq[l] += r.gq;
          colq[c] += r.gq;
        }
      }
    }
  }
}

// Sum of the kLanes row partials in double, as a fixed pairwise tree (vectorises; a sequential
// chain of 16 dependent adds per quantity and row cost ~15% of a 256-column tile row).
TAUFLOW_INLINE double sum_lanes(const float* a) {
  static_assert(kLanes == 16, "the tree below assumes 16 lanes");
  double s[8];
  for (int l = 0; l < 8; ++l) s[l] = static_cast<double>(a[l]) + static_cast<double>(a[l + 8]);
  for (int l = 0; l < 4; ++l) s[l] += s[l + 4];
  for (int l = 0; l < 2; ++l) s[l] += s[l + 2];
  return s[0] + s[1];
}

// Tile (bi, bj), bi <= bj, of one list; bi == bj is a diagonal tile (only j > i).
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
void run_tile(const tauflow::detail::TileLists& L, std::size_t list, std::size_t bi, std::size_t bj,
              float param) {
  using tauflow::detail::kTile;
  const std::size_t n = L.n;
  const std::size_t base = list * n;
  const float* p = L.p + base;
  const float* y = L.y + base;
  const float* w = kWeighting == 2 ? L.w + base : nullptr;
  const std::uint32_t* tie_end = L.tie_end + base;
  const std::size_t i0 = bi * kTile, i1 = i0 + kTile < n ? i0 + kTile : n;
  const std::size_t j0 = bj * kTile, j1 = j0 + kTile < n ? j0 + kTile : n;
  const bool diagonal = bi == bj;

  alignas(64) float colg_buf[kTile + kLanes];  // + the dead lanes of a ragged row end
  alignas(64) float colq_buf[kTile + kLanes];
  for (std::size_t k = 0; k < kTile + kLanes; ++k) colg_buf[k] = colq_buf[k] = 0.0f;
  // The row ranges see the tile's columns through pointers shifted to j0, so column j is local
  // index j - j0 everywhere (colg_buf - j0 indexed by j would be an out-of-bounds pointer:
  // undefined behaviour, reported by clang's UBSan).
  float* colg = colg_buf;
  float* colq = colq_buf;
  const float* pc = p + j0;
  const float* yc = y + j0;
  const float* wc = kWeighting == 2 ? w + j0 : nullptr;
  double tile_v = 0, tile_q = 0;

  for (std::size_t i = i0; i < i1; ++i) {
    const std::size_t js = diagonal ? i + 1 : j0;
    if (js >= j1) continue;
    std::size_t jt = tie_end[i];  // first column past i's tie block
    jt = jt < js ? js : (jt > j1 ? j1 : jt);
    const float pi = p[i], yi = y[i], wi = kWeighting == 2 ? w[i] : 1.0f;
    alignas(64) float av[kLanes] = {}, ag[kLanes] = {}, aq[kLanes] = {}, agq[kLanes] = {};
    if (kTauB && kWeighting != 1 && jt > js)  // tied pairs still enter Q (|y_i - y_j| = 0 not)
      pair_row_range<Pair, kWeighting, kTauB, kGrad, true>(pi, yi, wi, pc, yc, wc, js - j0, jt - j0,
                                                           param, colg, colq, av, ag, aq, agq);
    pair_row_range<Pair, kWeighting, kTauB, kGrad, false>(pi, yi, wi, pc, yc, wc, jt - j0, j1 - j0,
                                                          param, colg, colq, av, ag, aq, agq);
    tile_v += sum_lanes(av);
    if (kTauB) tile_q += sum_lanes(aq);
    if (kGrad) {
      L.gv[base + i] += sum_lanes(ag);
      if (kTauB) L.gq[base + i] += sum_lanes(agq);
    }
  }
  if (kGrad) {
    for (std::size_t j = j0; j < j1; ++j) {
      L.gv[base + j] -= static_cast<double>(colg[j - j0]);
      if (kTauB) L.gq[base + j] -= static_cast<double>(colq[j - j0]);
    }
  }
  L.block_v[list * L.blocks + bi] += tile_v;
  if (kTauB) L.block_q[list * L.blocks + bi] += tile_q;
}

// Runs tasks [begin, end) of one round; picks the instantiation for the options.
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
void run_tasks_as(const tauflow::detail::TileLists& L, const tauflow::detail::TileTask* tasks,
                  std::size_t begin, std::size_t end, float param) {
  for (std::size_t k = begin; k < end; ++k)
    run_tile<Pair, kWeighting, kTauB, kGrad>(L, tasks[k].list, tasks[k].bi, tasks[k].bj, param);
}

template <class Pair, bool kTauB>
void run_tasks_weighting(const tauflow::detail::TileLists& L, const tauflow::detail::TileTask* t,
                         std::size_t begin, std::size_t end, float param, int weighting,
                         bool grad) {
  if (weighting == 1) {
    grad ? run_tasks_as<Pair, 1, kTauB, true>(L, t, begin, end, param)
         : run_tasks_as<Pair, 1, kTauB, false>(L, t, begin, end, param);
  } else if (weighting == 2) {
    grad ? run_tasks_as<Pair, 2, kTauB, true>(L, t, begin, end, param)
         : run_tasks_as<Pair, 2, kTauB, false>(L, t, begin, end, param);
  } else {
    grad ? run_tasks_as<Pair, 0, kTauB, true>(L, t, begin, end, param)
         : run_tasks_as<Pair, 0, kTauB, false>(L, t, begin, end, param);
  }
}

void run_tasks_impl(const tauflow::detail::TileLists& L, const tauflow::detail::TileTask* t,
                    std::size_t begin, std::size_t end, const tauflow::detail::TileConfig& c) {
  using namespace tauflow::pair;
  const bool tau_b = c.tau_b;
  switch (c.kind) {
    case tauflow::SurrogateKind::kTanh:
      tau_b ? run_tasks_weighting<CorrPair<PhiTanh>, true>(L, t, begin, end, c.param, c.weighting,
                                                           c.grad)
            : run_tasks_weighting<CorrPair<PhiTanh>, false>(L, t, begin, end, c.param, c.weighting,
                                                            c.grad);
      break;
    case tauflow::SurrogateKind::kHardtanh:
      tau_b ? run_tasks_weighting<CorrPair<PhiHardtanh>, true>(L, t, begin, end, c.param,
                                                               c.weighting, c.grad)
            : run_tasks_weighting<CorrPair<PhiHardtanh>, false>(L, t, begin, end, c.param,
                                                                c.weighting, c.grad);
      break;
    case tauflow::SurrogateKind::kLogistic:
      tau_b ? run_tasks_weighting<CorrPair<PhiLogistic>, true>(L, t, begin, end, c.param,
                                                               c.weighting, c.grad)
            : run_tasks_weighting<CorrPair<PhiLogistic>, false>(L, t, begin, end, c.param,
                                                                c.weighting, c.grad);
      break;
    case tauflow::SurrogateKind::kRanknet:
      run_tasks_weighting<RanknetPair, false>(L, t, begin, end, c.param, c.weighting, c.grad);
      break;
    case tauflow::SurrogateKind::kHinge:
      run_tasks_weighting<HingePair, false>(L, t, begin, end, c.param, c.weighting, c.grad);
      break;
  }
}
