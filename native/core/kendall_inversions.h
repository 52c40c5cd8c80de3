// Counting inversions — pairs i < j with r[i] > r[j] — of a sequence of dense ranks in [0, R).
// These are the discordant pairs of Kendall's tau once the rows are in x order (ties in x broken
// by ascending y rank, so they contribute none).
//
// Method: a stable partition on the rank range instead of a merge sort. Split [lo, hi) at mid;
// every element >= mid that precedes an element < mid is one inversion, counted in one linear
// pass while the elements < mid are packed to the front (in place) and those >= mid to the back
// (via scratch), both in their original order. Then recurse on the two halves. Depth is
// log2(R), so tie-heavy data (R = 100) takes 7 passes instead of log2(n); once a part fits in
// cache all deeper passes stay there. Integer sums in a fixed order: deterministic.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/thread_pool.h"

namespace tauflow::kendall {

// Brute force for tiny parts: k(k-1)/2 comparisons, no writes.
inline std::uint64_t inversions_small(const std::uint32_t* a, std::size_t n) {
  std::uint64_t inv = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const std::uint32_t v = a[i];
    for (std::size_t j = 0; j < i; ++j) inv += a[j] > v;
  }
  return inv;
}

// Stable partition of a[0, n) by (value >= split), returning inversions across the split and
// setting *n_low to the count of values < split. scratch holds n elements.
inline std::uint64_t partition_count(std::uint32_t* a, std::uint32_t* scratch, std::size_t n,
                                     std::uint32_t split, std::size_t* n_low) {
  std::uint64_t inv = 0;
  std::uint64_t highs = 0;
  std::size_t lo = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t v = a[i];
    const std::uint64_t high = v >= split;
    inv += highs & (high - 1);  // adds `highs` when v is low (high - 1 is all ones), else 0
    highs += high;
    a[lo] = v;  // lo <= i: never overwrites an unread element
    scratch[highs - high] = v;
    lo += 1 - high;
  }
  std::memcpy(a + lo, scratch, (n - lo) * sizeof(std::uint32_t));
  *n_low = lo;
  return inv;
}

// The same partition with `parts` threads, from a into out (a is left as it was): each thread
// counts its part's lows, highs and inner inversions, then scatters its lows and highs to offsets
// known from the counts of the parts before it. Crossings between parts are lows of part p after
// the highs of parts < p. Integer sums: the same result for any `parts`.
inline std::uint64_t partition_count_parallel(const std::uint32_t* a, std::uint32_t* out,
                                              std::size_t n, std::uint32_t split, unsigned parts,
                                              std::size_t* n_low) {
  std::vector<std::size_t> bound(parts + 1), lows(parts), low_at(parts), high_at(parts);
  std::vector<std::uint64_t> inner(parts);
  for (unsigned p = 0; p <= parts; ++p) bound[p] = n * p / parts;
  auto run = [&](auto&& body) {
    run_parallel(parts, [&](std::size_t p) { body(static_cast<unsigned>(p)); });
  };
  run([&](unsigned p) {
    std::uint64_t inv = 0, highs = 0;
    for (std::size_t i = bound[p]; i < bound[p + 1]; ++i) {
      const std::uint64_t high = a[i] >= split;
      inv += highs & (high - 1);
      highs += high;
    }
    inner[p] = inv;
    lows[p] = bound[p + 1] - bound[p] - highs;
  });
  std::size_t total_low = 0;
  for (unsigned p = 0; p < parts; ++p) total_low += lows[p];
  std::uint64_t inv = 0;
  std::size_t low_run = 0, high_run = 0;
  for (unsigned p = 0; p < parts; ++p) {
    inv += inner[p] + static_cast<std::uint64_t>(lows[p]) * high_run;
    low_at[p] = low_run;
    high_at[p] = total_low + high_run;
    low_run += lows[p];
    high_run += bound[p + 1] - bound[p] - lows[p];
  }
  run([&](unsigned p) {
    std::size_t lo = low_at[p], hi = high_at[p];
    for (std::size_t i = bound[p]; i < bound[p + 1]; ++i) {
      const std::uint32_t v = a[i];
      const bool high = v >= split;
      out[high ? hi : lo] = v;
      hi += high;
      lo += !high;
    }
  });
  *n_low = total_low;
  return inv;
}

// Inversions of a[0, n) whose values lie in [lo, hi). Reorders a and scratch (contents unspecified
// afterwards). `spare_threads` more threads may be used: for the partition pass and the two
// halves of the top levels.
inline std::uint64_t count_inversions(std::uint32_t* a, std::uint32_t* scratch, std::size_t n,
                                      std::uint32_t lo, std::uint32_t hi, unsigned spare_threads,
                                      std::uint32_t first_split = 0) {
  if (n < 2 || hi - lo < 2) return 0;
  if (n <= 24) return inversions_small(a, n);
  const std::uint32_t mid =
      (first_split > lo && first_split < hi) ? first_split : lo + (hi - lo) / 2;
  std::size_t n_low = 0;
  if (spare_threads > 0 && n >= (std::size_t{1} << 15)) {
    // This level's pass on all threads, its result in scratch; then the halves in parallel
    // with the buffers' roles swapped.
    const std::uint64_t inv =
        partition_count_parallel(a, scratch, n, mid, spare_threads + 1, &n_low);
    const unsigned rest = spare_threads - 1;
    std::uint64_t inv_low = 0, inv_high = 0;
    run_parallel(2, [&](std::size_t half) {
      if (half == 0)
        inv_low = count_inversions(scratch, a, n_low, lo, mid, rest - rest / 2);
      else
        inv_high = count_inversions(scratch + n_low, a + n_low, n - n_low, mid, hi, rest / 2);
    });
    return inv + inv_low + inv_high;
  }
  std::uint64_t inv = partition_count(a, scratch, n, mid, &n_low);
  inv += count_inversions(a, scratch, n_low, lo, mid, 0);
  inv += count_inversions(a + n_low, scratch + n_low, n - n_low, mid, hi, 0);
  return inv;
}

}  // namespace tauflow::kendall
