#include "core/rank_average.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "core/parallel_for.h"

namespace tauflow {
namespace {

constexpr int kDigitBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr int kPasses = (64 + kDigitBits - 1) / kDigitBits;  // 6 passes cover 64 bits
// Below this a comparison sort is faster than six histogram + scatter passes.
constexpr std::size_t kRadixMin = 4096;
// Per-thread chunks smaller than this cost more in thread start-up than they save.
constexpr std::size_t kMinPerChunk = 1 << 16;

// Sorts (keys, idx) by key; equal keys keep their input order (LSD radix is stable, and the
// comparison fallback breaks ties by index). On return keys/idx hold the sorted sequence.
template <class Index>
void sort_pairs(std::vector<std::uint64_t>& keys, std::vector<Index>& idx) {
  const std::size_t n = keys.size();
  if (n < kRadixMin) {
    std::vector<Index> order(idx);
    std::sort(order.begin(), order.end(),
              [&](Index a, Index b) { return keys[a] < keys[b] || (keys[a] == keys[b] && a < b); });
    std::vector<std::uint64_t> sorted(n);
    for (std::size_t k = 0; k < n; ++k) sorted[k] = keys[order[k]];
    keys.swap(sorted);
    idx.swap(order);
    return;
  }
  std::vector<std::uint64_t> keys_tmp(n);
  std::vector<Index> idx_tmp(n);
  const std::size_t chunks = chunk_count(n, kMinPerChunk);
  std::vector<std::size_t> counts(chunks * kBuckets);
  for (int pass = 0; pass < kPasses; ++pass) {
    const int shift = pass * kDigitBits;
    std::fill(counts.begin(), counts.end(), 0);
    parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
      std::size_t* cnt = &counts[c * kBuckets];
      for (std::size_t i = b; i < e; ++i) ++cnt[(keys[i] >> shift) & (kBuckets - 1)];
    });
    // A digit that every key shares moves nothing: skip the pass (common for the sign/exponent
    // bits of doubles drawn from one range).
    bool trivial = false;
    for (std::size_t d = 0; d < kBuckets && !trivial; ++d) {
      std::size_t total = 0;
      for (std::size_t c = 0; c < chunks; ++c) total += counts[c * kBuckets + d];
      trivial = total == n;
    }
    if (trivial) continue;
    // Exclusive prefix sum in (digit, chunk) order: chunk c's keys with digit d land after those
    // of chunks < c, which keeps the sort stable.
    std::size_t running = 0;
    for (std::size_t d = 0; d < kBuckets; ++d)
      for (std::size_t c = 0; c < chunks; ++c) {
        const std::size_t cnt = counts[c * kBuckets + d];
        counts[c * kBuckets + d] = running;
        running += cnt;
      }
    parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
      std::size_t* off = &counts[c * kBuckets];
      for (std::size_t i = b; i < e; ++i) {
        const std::size_t dst = off[(keys[i] >> shift) & (kBuckets - 1)]++;
        keys_tmp[dst] = keys[i];
        idx_tmp[dst] = idx[i];
      }
    });
    keys.swap(keys_tmp);
    idx.swap(idx_tmp);
  }
}

template <class Index>
void sorted_pairs(const double* x, std::size_t n, std::vector<std::uint64_t>& keys,
                  std::vector<Index>& idx) {
  keys.resize(n);
  idx.resize(n);
  parallel_for(n, kMinPerChunk, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      keys[i] = order_key(x[i]);
      idx[i] = static_cast<Index>(i);
    }
  });
  sort_pairs(keys, idx);
}

template <class Index>
void average_ranks_impl(const double* x, std::size_t n, double* ranks) {
  std::vector<std::uint64_t> keys;
  std::vector<Index> idx;
  sorted_pairs(x, n, keys, idx);
  // Each chunk handles the tie runs that start inside it (a run crossing the chunk's end is
  // finished by the chunk where it starts), so chunks write disjoint ranks.
  parallel_for(n, kMinPerChunk, [&](std::size_t, std::size_t b, std::size_t e) {
    std::size_t i = b;
    while (i > 0 && i < e && keys[i] == keys[i - 1]) ++i;
    while (i < e) {
      std::size_t j = i + 1;
      while (j < n && keys[j] == keys[i]) ++j;
      // Positions i+1 .. j (1-based) share the mean rank (i + 1 + j) / 2.
      const double r = 0.5 * (static_cast<double>(i + 1) + static_cast<double>(j));
      for (std::size_t k = i; k < j; ++k) ranks[idx[k]] = r;
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

void stable_argsort(const double* x, std::size_t n, std::uint64_t* order) {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint64_t> idx;
  sorted_pairs(x, n, keys, idx);
  std::copy(idx.begin(), idx.end(), order);
}

}  // namespace tauflow
