// Average ranks (scipy.stats.rankdata's 'average'): one stable radix sort of (key, row) records
// (sort_radix.h) in the scratch arena, then each run of equal keys gets the mean of its
// positions. Keys are order_key (rank_average.h): NaN ranks last, all NaNs as one value.
//
// This file used to keep its own key-range MSD sort, because sort_radix.h's was ~15 % slower
// here; since that sort sizes its buckets by count and finishes them in cache, the shared one is
// faster: average_ranks at 1e6 normal went 29.3 -> 19.4 ms on one thread, 13.4 -> 9.4 ms on two.
#include "core/rank_average.h"

#include "core/parallel_for.h"
#include "core/scratch_arena.h"
#include "core/sort_radix.h"

namespace tauflow {

void average_ranks(const double* x, std::size_t n, double* ranks) {
  if (n == 0) return;
  constexpr std::size_t kMinPerChunk = 1 << 16;
  const ScratchLease lease = acquire_scratch(2 * n * sizeof(KeyedRecord));
  KeyedRecord* const records = lease.as<KeyedRecord>();
  parallel_for(n, kMinPerChunk, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) records[i] = {order_key(x[i]), i};
  });
  const KeyedRecord* const items = radix_sort_records(records, records + n, n);
  // Each chunk handles the tie runs that start inside it (a run crossing the chunk's end is
  // finished by the chunk where it starts), so chunks write disjoint ranks.
  parallel_for(n, kMinPerChunk, [&](std::size_t, std::size_t b, std::size_t e) {
    std::size_t i = b;
    while (i > 0 && i < e && items[i].key == items[i - 1].key) ++i;
    while (i < e) {
      std::size_t j = i + 1;
      while (j < n && items[j].key == items[i].key) ++j;
      // Positions i+1 .. j (1-based) share the mean rank (i + 1 + j) / 2.
      const double r = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
      for (std::size_t k = i; k < j; ++k) ranks[items[k].payload] = r;
      i = j;
    }
  });
}

}  // namespace tauflow
