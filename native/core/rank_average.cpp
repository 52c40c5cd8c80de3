// Why this file keeps its own radix sort instead of sort_radix.h's radix_sort_records (the
// duplicate the dedupe pass looked at): swapping it in was tried (KeyedRecord{order_key(x[i]), i},
// radix_sort_records, then the same tie-run loop) and gave bit-identical ranks on normal,
// 100-value-tie and NaN-with-ties data, but cost speed: single-thread CPU time, best of 5, on
// this shared 2-core machine went from 35.9 to 41.8 ms (n = 1e6, normal) and from 500 to 574 ms
// (n = 1e7, normal); tie-heavy data was ~5-15% slower too. The sort here computes the keys inside
// its own histogram and scatter passes straight from x and needs no n-record scratch buffer,
// whereas radix_sort_records needs a separate pass to build the records plus 16n bytes of
// scratch (page faults on first touch). Revisit if sort_radix.h grows an entry point that sorts
// straight from doubles (keys by order_key, which unlike sortable_key gives every NaN one key).
#include "core/rank_average.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "core/parallel_for.h"

namespace tauflow {
namespace {

// Below this many items a bucket is finished by insertion sort.
constexpr std::size_t kInsertionMax = 48;
// Per-thread chunks smaller than this cost more in thread start-up than they save.
constexpr std::size_t kMinPerChunk = 1 << 16;

template <class Index>
struct Item {
  std::uint64_t key;
  Index idx;
};

int bit_width(std::uint64_t v) {
  int w = 0;
  while (v) {
    ++w;
    v >>= 1;
  }
  return w;
}

// Bucket bits for m items: about log2(m) - 2 (a few items per bucket), between 8 and 16 so the
// histogram stays in L1/L2.
int bucket_bits(std::size_t m) {
  const int b = bit_width(m) - 2;
  return b < 8 ? 8 : (b > 16 ? 16 : b);
}

template <class Index>
void insertion_sort(Item<Index>* a, std::size_t m) {
  for (std::size_t i = 1; i < m; ++i) {
    const Item<Index> v = a[i];
    std::size_t j = i;
    // Strictly greater: equal keys keep their order (stable).
    while (j > 0 && a[j - 1].key > v.key) {
      a[j] = a[j - 1];
      --j;
    }
    a[j] = v;
  }
}

// Stable MSD radix sort of a[0, m) by key, serial. Each level buckets the keys by their offset
// from the range's minimum, so the key range shrinks by at least 2^8 per level (at most 8 levels)
// and equal keys, already in input order, are never reordered.
template <class Index>
void msd_sort(Item<Index>* a, std::size_t m, std::vector<Item<Index>>& tmp) {
  if (m <= kInsertionMax) {
    insertion_sort(a, m);
    return;
  }
  std::uint64_t lo = a[0].key, hi = a[0].key;
  for (std::size_t i = 1; i < m; ++i) {
    lo = std::min(lo, a[i].key);
    hi = std::max(hi, a[i].key);
  }
  if (lo == hi) return;  // all tied: input (index) order is the stable order
  const int bits = bucket_bits(m);
  const int width = bit_width(hi - lo);
  const int shift = width > bits ? width - bits : 0;
  const std::size_t buckets = static_cast<std::size_t>(((hi - lo) >> shift) + 1);
  std::vector<std::size_t> start(buckets + 1, 0);
  for (std::size_t i = 0; i < m; ++i) ++start[((a[i].key - lo) >> shift) + 1];
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  if (tmp.size() < m) tmp.resize(m);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < m; ++i) tmp[next[(a[i].key - lo) >> shift]++] = a[i];
  std::copy(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(m), a);
  if (shift == 0) return;  // each bucket holds a single key value
  for (std::size_t b = 0; b < buckets; ++b)
    if (start[b + 1] - start[b] > 1) msd_sort(a + start[b], start[b + 1] - start[b], tmp);
}

// The (key, index) items of x sorted stably by key: one parallel histogram pass and one parallel
// scatter pass into buckets of the key range, then each bucket finished in parallel.
template <class Index>
std::vector<Item<Index>> sorted_items(const double* x, std::size_t n) {
  std::vector<Item<Index>> items(n);
  if (n == 0) return items;
  const std::size_t chunks = chunk_count(n, kMinPerChunk);
  std::vector<std::uint64_t> lo(chunks, ~std::uint64_t{0}), hi(chunks, 0);
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const std::uint64_t k = order_key(x[i]);
      lo[c] = std::min(lo[c], k);
      hi[c] = std::max(hi[c], k);
    }
  });
  const std::uint64_t kmin = *std::min_element(lo.begin(), lo.end());
  const std::uint64_t kmax = *std::max_element(hi.begin(), hi.end());
  const int bits = bucket_bits(n);
  const int width = bit_width(kmax - kmin);
  const int shift = width > bits ? width - bits : 0;
  const std::size_t buckets = static_cast<std::size_t>(((kmax - kmin) >> shift) + 1);
  auto bucket_of = [&](double v) {
    return static_cast<std::size_t>((order_key(v) - kmin) >> shift);
  };

  // Per-chunk counts, then offsets in (bucket, chunk) order: stable across chunks.
  std::vector<std::size_t> counts(chunks * buckets, 0);
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::size_t* cnt = &counts[c * buckets];
    for (std::size_t i = b; i < e; ++i) ++cnt[bucket_of(x[i])];
  });
  std::vector<std::size_t> start(buckets + 1, 0);
  std::size_t running = 0;
  for (std::size_t d = 0; d < buckets; ++d) {
    start[d] = running;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t cnt = counts[c * buckets + d];
      counts[c * buckets + d] = running;
      running += cnt;
    }
  }
  start[buckets] = running;
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::size_t* off = &counts[c * buckets];
    for (std::size_t i = b; i < e; ++i) {
      const std::uint64_t k = order_key(x[i]);
      items[off[(k - kmin) >> shift]++] = {k, static_cast<Index>(i)};
    }
  });
  if (shift == 0) return items;  // one key value per bucket: already sorted
  // Finish the buckets; chunks of buckets run in parallel, each with its own scratch.
  parallel_for(buckets, 64, [&](std::size_t, std::size_t b0, std::size_t b1) {
    std::vector<Item<Index>> tmp;
    for (std::size_t d = b0; d < b1; ++d)
      if (start[d + 1] - start[d] > 1)
        msd_sort(items.data() + start[d], start[d + 1] - start[d], tmp);
  });
  return items;
}

template <class Index>
void average_ranks_impl(const double* x, std::size_t n, double* ranks) {
  const std::vector<Item<Index>> items = sorted_items<Index>(x, n);
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
      for (std::size_t k = i; k < j; ++k) ranks[items[k].idx] = r;
      i = j;
    }
  });
}

}  // namespace

std::uint64_t order_key(double v) {
  if (v != v) return std::numeric_limits<std::uint64_t>::max();
  if (v == 0) v = 0.0;  // -0.0 == +0.0
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  // Negative: flip all bits (larger magnitude sorts first); positive: set the sign bit.
  return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
}

void average_ranks(const double* x, std::size_t n, double* ranks) {
  if (n <= std::numeric_limits<std::uint32_t>::max())
    average_ranks_impl<std::uint32_t>(x, n, ranks);
  else
    average_ranks_impl<std::uint64_t>(x, n, ranks);
}

}  // namespace tauflow
