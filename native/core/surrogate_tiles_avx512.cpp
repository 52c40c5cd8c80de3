// The CPU surrogate tiles compiled for AVX-512 (x86-64-v4), 512-bit vectors. Standard and shared
// headers come before the target pragma, so nothing with external linkage is compiled for this
// instruction set; the tile templates (included after it, in an anonymous namespace) are. Without
// GCC on x86-64 this file forwards to the baseline tiles.
#include <cstddef>
#include <cstdint>

#include "core/pair_functions.h"
#include "core/surrogate_tile_types.h"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define TAUFLOW_TILES_MULTI_ISA 1
#pragma GCC push_options
#pragma GCC target( \
    "avx512f,avx512vl,avx512bw,avx512dq,avx2,fma,bmi,bmi2,f16c,popcnt,prefer-vector-width=512")
namespace {
#include "core/surrogate_tiles.h"
}  // namespace
#pragma GCC pop_options
#endif

namespace tauflow::detail {
void run_tasks_avx512(const TileLists& lists, const TileTask* tasks, std::size_t begin,
                      std::size_t end, const TileConfig& config) {
#ifdef TAUFLOW_TILES_MULTI_ISA
  run_tasks_impl(lists, tasks, begin, end, config);
#else
  run_tasks_baseline(lists, tasks, begin, end, config);
#endif
}
}  // namespace tauflow::detail
