// The CPU surrogate tiles for the baseline instruction set of the target (x86-64: SSE2).
#include <cstddef>
#include <cstdint>

#include "core/pair_functions.h"
#include "core/surrogate_tile_types.h"

namespace {
#include "core/surrogate_tiles.h"
}  // namespace

namespace tauflow::detail {
void run_tasks_baseline(const TileLists& lists, const TileTask* tasks, std::size_t begin,
                        std::size_t end, const TileConfig& config) {
  run_tasks_impl(lists, tasks, begin, end, config);
}
}  // namespace tauflow::detail
