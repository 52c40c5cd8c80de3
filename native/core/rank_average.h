// Average ranks (scipy.stats.rankdata(method='average')): 1-based ranks where tied values share
// the mean of the positions they occupy, so every rank is a multiple of 1/2. The sort behind it
// is a stable MSD radix sort on order-preserving 64-bit keys: one parallel histogram and scatter
// pass into buckets of the key range, then the buckets finished in parallel (recursively, by
// insertion sort when small). Results do not depend on the thread count.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tauflow {

// Maps a double to an unsigned key with the same order: -0.0 and +0.0 share a key (they compare
// equal), and every NaN maps to the largest key (sorted last, all tied), so the order is total
// and a sort can never misbehave on NaN.
std::uint64_t order_key(double v);

// ranks[i] = average 1-based rank of x[i] among x[0..n). NaN values are ranked last, tied with
// each other (callers that give NaN another meaning filter it out first).
void average_ranks(const double* x, std::size_t n, double* ranks);

}  // namespace tauflow
