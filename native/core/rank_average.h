// Average ranks (scipy.stats.rankdata(method='average')): 1-based ranks where tied values share
// the mean of the positions they occupy, so every rank is a multiple of 1/2. The sort behind it
// is sort_radix.h's stable radix sort on order-preserving 64-bit keys. Results do not depend on
// the thread count.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/sort_radix.h"

namespace tauflow {

// Maps a double to an unsigned key with the same order: -0.0 and +0.0 share a key (they compare
// equal), and every NaN maps to the largest key (sorted last, all tied), so the order is total
// and a sort can never misbehave on NaN.
inline std::uint64_t order_key(double v) {
  const std::uint64_t k = sortable_key(v);
  return v != v ? ~std::uint64_t{0} : k;
}

// ranks[i] = average 1-based rank of x[i] among x[0..n). NaN values are ranked last, tied with
// each other (callers that give NaN another meaning filter it out first).
void average_ranks(const double* x, std::size_t n, double* ranks);

}  // namespace tauflow
