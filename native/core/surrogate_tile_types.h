// Shared types between the CPU surrogate driver (surrogate_cpu.cpp) and its per-instruction-set
// tile kernels (surrogate_tiles_*.cpp), plus the dispatch entry points.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/surrogate_options.h"

namespace tauflow::detail {

// Tile edge: 256 columns keep a tile's column data (p, y, w, two float column sums: 5 KiB) in L1.
constexpr std::size_t kTile = 256;

// B lists of length n, each sorted by target ascending, and their accumulators. p, y and w are
// followed by kTilePadding finite elements (the tiles' last vector step may read past a row).
constexpr std::size_t kTilePadding = 16;
struct TileLists {
  std::size_t n = 0;
  std::size_t blocks = 0;                  // ceil(n / kTile)
  const float* p = nullptr;                // [B*n] predictions, sorted order
  const float* y = nullptr;                // [B*n] targets, sorted
  const float* w = nullptr;                // [B*n] user weights, sorted (weighting 'user' only)
  const std::uint32_t* tie_end = nullptr;  // [B*n] list-local end of each element's tie block
  double* gv = nullptr;                    // [B*n] dV/dp, sorted order
  double* gq = nullptr;                    // [B*n] (1/2) dQ/dp, sorted order
  double* block_v = nullptr;               // [B*blocks] V summed per row block
  double* block_q = nullptr;               // [B*blocks] Q summed per row block
};

struct TileTask {
  std::uint32_t list, bi, bj;  // bi <= bj
};

struct TileConfig {
  SurrogateKind kind;
  int weighting;  // 0 none, 1 target-diff, 2 user
  bool tau_b;
  bool grad;
  float param;  // alpha, or the hinge margin
};

// Instruction sets the tiles are compiled for; chosen at run time (TAUFLOW_SIMD overrides).
enum class SimdLevel { kBaseline, kAvx2, kAvx512 };

SimdLevel simd_level();
const char* simd_level_name(SimdLevel level);

void run_tasks_baseline(const TileLists& lists, const TileTask* tasks, std::size_t begin,
                        std::size_t end, const TileConfig& config);
void run_tasks_avx2(const TileLists& lists, const TileTask* tasks, std::size_t begin,
                    std::size_t end, const TileConfig& config);
void run_tasks_avx512(const TileLists& lists, const TileTask* tasks, std::size_t begin,
                      std::size_t end, const TileConfig& config);

}  // namespace tauflow::detail
