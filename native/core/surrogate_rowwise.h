// The row-wise pair loop of the fused surrogate: element i owns its gradient g_i and visits every
// j (i == j adds exactly zero, see pair_functions.h), so no two rows share an accumulator. This is
// the CUDA kernel's order (native/cuda/surrogate.cu: one thread per row, columns staged through
// shared memory kRowTile at a time, split into column chunks across blocks) and the CPU mirror of
// it (surrogate_cpu_rowwise.cpp), which lets the CPU tests check the GPU's arithmetic and indexing.
// Each unordered pair is evaluated twice, so the value sums V and Q are halved at the end.
//
// Per row: float sums over one column tile (kRowTile terms), added to double per tile; per column
// chunk one RowPartial; chunks are added in chunk order. Fixed orders throughout.
#pragma once

#include <cstddef>

#include "core/pair_functions.h"

namespace tauflow::rowwise {

// Rows per CUDA block and columns per shared-memory tile.
constexpr int kRowTile = 256;
// Aim for about this many blocks in the CUDA grid (B * row tiles * column chunks), enough to fill
// a large GPU several times over; the chunk count depends only on (B, n), so results do too.
constexpr std::size_t kTargetBlocks = 2048;
constexpr std::size_t kMaxChunks = 64;

// Number of column chunks for B lists of length n (each chunk a whole number of tiles).
inline std::size_t column_chunks(std::size_t batch, std::size_t n) {
  const std::size_t tiles = (n + kRowTile - 1) / kRowTile;
  const std::size_t rows_blocks = tiles * batch;
  std::size_t c = (kTargetBlocks + rows_blocks - 1) / rows_blocks;
  if (c > kMaxChunks) c = kMaxChunks;
  if (c > tiles) c = tiles;
  return c < 1 ? 1 : c;
}

// Columns [begin, end) of chunk c of `chunks` over n columns, in whole tiles.
TAUFLOW_HD inline void chunk_range(std::size_t n, std::size_t chunks, std::size_t c,
                                   std::size_t& begin, std::size_t& end) {
  const std::size_t tiles = (n + kRowTile - 1) / kRowTile;
  begin = (tiles * c / chunks) * kRowTile;
  end = (tiles * (c + 1) / chunks) * kRowTile;
  if (end > n) end = n;
  if (begin > n) begin = n;
}

// The partial sums of one row over one column chunk.
struct RowPartial {
  double v, g, q, gq;
};

// Adds row i's terms against `count` columns (p, y, w point at the first of them; w only for
// user weights) to acc: the float sums of one tile, then one double add each.
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
TAUFLOW_HD TAUFLOW_INLINE void row_tile(float pi, float yi, float wi, const float* p,
                                        const float* y, const float* w, int count, float param,
                                        RowPartial& acc) {
  float v = 0.0f, g = 0.0f, q = 0.0f, gq = 0.0f;
  for (int k = 0; k < count; ++k) {
    const float t = pair::target_sign(yi, y[k]);
    const float wij = pair::pair_weight<kWeighting>(yi, y[k], wi, kWeighting == 2 ? w[k] : 0.0f);
    const pair::PairTerms r = Pair::eval(pi - p[k], t, wij, param);
    v += r.v;
    if (kGrad) g += r.g;
    if (kTauB) {
      q += r.q;
      if (kGrad) gq += r.gq;
    }
  }
  acc.v += v;
  acc.g += g;
  acc.q += q;
  acc.gq += gq;
}

}  // namespace tauflow::rowwise
