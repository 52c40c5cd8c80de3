// The CPU mirror of the CUDA surrogate kernel (native/cuda/surrogate.cu): same chunks, same tiles,
// same per-row accumulation through rowwise::row_tile, in plain loops. See surrogate_rowwise.h.
#include <cstdint>
#include <vector>

#include "core/parallel_for.h"
#include "core/surrogate_cpu.h"
#include "core/surrogate_normalize.h"
#include "core/surrogate_rowwise.h"

namespace tauflow {
namespace {

using rowwise::kRowTile;
using rowwise::RowPartial;

struct RowwiseJob {
  const float* p;
  const float* y;
  const float* w;
  std::size_t batch, n, chunks;
  float param;
  std::vector<RowPartial>* partial;  // [B][chunks][n], like the kernel's partial buffer
};

// One "block": list b, row tile rt, column chunk c; each row of the tile is one "thread".
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
void rowwise_block(const RowwiseJob& job, std::size_t b, std::size_t rt, std::size_t c) {
  const std::size_t n = job.n, base = b * n;
  std::size_t c0, c1;
  rowwise::chunk_range(n, job.chunks, c, c0, c1);
  for (std::size_t i = rt * kRowTile; i < n && i < (rt + 1) * kRowTile; ++i) {
    RowPartial acc{0, 0, 0, 0};
    const float wi = kWeighting == 2 ? job.w[base + i] : 0.0f;
    for (std::size_t j = c0; j < c1; j += kRowTile) {
      const int count = static_cast<int>(c1 - j < std::size_t{kRowTile} ? c1 - j : kRowTile);
      rowwise::row_tile<Pair, kWeighting, kTauB, kGrad>(
          job.p[base + i], job.y[base + i], wi, job.p + base + j, job.y + base + j,
          kWeighting == 2 ? job.w + base + j : nullptr, count, job.param, acc);
    }
    (*job.partial)[(b * job.chunks + c) * n + i] = acc;
  }
}

template <class Pair, int kWeighting, bool kTauB, bool kGrad>
void rowwise_all(const RowwiseJob& job) {
  const std::size_t row_tiles = (job.n + kRowTile - 1) / kRowTile;
  const std::size_t blocks = job.batch * row_tiles * job.chunks;
  parallel_for(blocks, 1, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t c = k % job.chunks, rt = (k / job.chunks) % row_tiles;
      rowwise_block<Pair, kWeighting, kTauB, kGrad>(job, k / (job.chunks * row_tiles), rt, c);
    }
  });
}

template <class Pair, bool kTauB>
void rowwise_weighting(const RowwiseJob& job, int weighting, bool grad) {
  if (weighting == 1)
    grad ? rowwise_all<Pair, 1, kTauB, true>(job) : rowwise_all<Pair, 1, kTauB, false>(job);
  else if (weighting == 2)
    grad ? rowwise_all<Pair, 2, kTauB, true>(job) : rowwise_all<Pair, 2, kTauB, false>(job);
  else
    grad ? rowwise_all<Pair, 0, kTauB, true>(job) : rowwise_all<Pair, 0, kTauB, false>(job);
}

}  // namespace

void surrogate_cpu_rowwise(const float* pred, const float* target, const float* weights,
                           std::size_t batch, std::size_t n, const SurrogateOptions& options,
                           double* value, float* grad) {
  check_surrogate_inputs(target, weights, batch, n, options);
  if (batch == 0) return;
  const ListsPrep prep = prepare_lists(pred, target, weights, batch, n, options);
  const std::size_t chunks = rowwise::column_chunks(batch, n);
  std::vector<RowPartial> partial(batch * chunks * n);
  // Non-finite lists are NaN anyway: evaluate them on zeros, as the tiled path does.
  std::vector<float> p(pred, pred + batch * n);
  for (std::size_t b = 0; b < batch; ++b)
    if (!prep.finite[b])
      for (std::size_t k = 0; k < n; ++k) p[b * n + k] = 0.0f;

  RowwiseJob job{
      p.data(),
      target,
      weights,
      batch,
      n,
      chunks,
      static_cast<float>(options.kind == SurrogateKind::kHinge ? options.margin : options.alpha),
      &partial};
  const int weighting = options.weighting == PairWeighting::kTargetDiff
                            ? 1
                            : (options.weighting == PairWeighting::kUser ? 2 : 0);
  const bool tau_b = is_correlation(options.kind) && options.normalization == Normalization::kTauB;
  const bool g = options.want_grad;
  using namespace pair;
  switch (options.kind) {
    case SurrogateKind::kTanh:
      tau_b ? rowwise_weighting<CorrPair<PhiTanh>, true>(job, weighting, g)
            : rowwise_weighting<CorrPair<PhiTanh>, false>(job, weighting, g);
      break;
    case SurrogateKind::kHardtanh:
      tau_b ? rowwise_weighting<CorrPair<PhiHardtanh>, true>(job, weighting, g)
            : rowwise_weighting<CorrPair<PhiHardtanh>, false>(job, weighting, g);
      break;
    case SurrogateKind::kLogistic:
      tau_b ? rowwise_weighting<CorrPair<PhiLogistic>, true>(job, weighting, g)
            : rowwise_weighting<CorrPair<PhiLogistic>, false>(job, weighting, g);
      break;
    case SurrogateKind::kRanknet:
      rowwise_weighting<RanknetPair, false>(job, weighting, g);
      break;
    case SurrogateKind::kHinge:
      rowwise_weighting<HingePair, false>(job, weighting, g);
      break;
  }

  // Reduce over chunks per row (chunk order), then over rows (row order); halve V and Q, since
  // every unordered pair was seen from both ends.
  for (std::size_t b = 0; b < batch; ++b) {
    double v_sum = 0, q_sum = 0;
    std::vector<RowPartial> rows(n, RowPartial{0, 0, 0, 0});
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t c = 0; c < chunks; ++c) {
        const RowPartial& r = partial[(b * chunks + c) * n + i];
        rows[i].v += r.v;
        rows[i].g += r.g;
        rows[i].q += r.q;
        rows[i].gq += r.gq;
      }
      v_sum += rows[i].v;
      q_sum += rows[i].q;
    }
    const ListScale s = finalize_list(options.kind, options.normalization, 0.5 * v_sum, 0.5 * q_sum,
                                      prep.denominators[b], prep.finite[b]);
    value[b] = s.value;
    if (!g) continue;
    for (std::size_t i = 0; i < n; ++i)
      grad[b * n + i] = static_cast<float>(s.gv_scale * rows[i].g + s.gq_scale * rows[i].gq);
  }
}

}  // namespace tauflow
