// Stable LSD radix sort of 16-byte records by their 64-bit key, parallel over thread_count()
// threads, plus the order-preserving map from a double to such a key.
//
// Each pass sorts by one 11-bit digit: every thread histograms its contiguous chunk, the
// per-(digit, chunk) offsets are laid out digit-major then chunk-major, and every thread scatters
// its chunk in order. That keeps the sort stable and makes the output independent of the thread
// count. Digits on which all keys agree are skipped (one histogram pre-pass finds them), so keys
// that span a narrow range (small integers, a few distinct values) cost fewer passes.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/parallel_for.h"

namespace tauflow {

struct KeyedRecord {
  std::uint64_t key;
  std::uint64_t payload;
};

// Maps a double to an unsigned key with the same order: flip all bits of negatives, only the sign
// bit of positives. -0.0 is mapped like +0.0 because the two compare equal. NaN is not ordered
// (callers remove it first).
inline std::uint64_t sortable_key(double v) {
  if (v == 0.0) v = 0.0;
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  const std::uint64_t mask = (bits >> 63) ? ~std::uint64_t{0} : (std::uint64_t{1} << 63);
  return bits ^ mask;
}

// Sorts data[0, n) by key, stably. scratch must hold n records. Returns a pointer to whichever of
// the two buffers holds the result (no copy back).
inline KeyedRecord* radix_sort_records(KeyedRecord* data, KeyedRecord* scratch, std::size_t n) {
  constexpr int kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  constexpr int kPasses = (64 + kBits - 1) / kBits;
  if (n < 2) return data;
  // Below this size thread start-up costs more than it saves.
  constexpr std::size_t kMinPerChunk = 1 << 16;
  const std::size_t chunks = chunk_count(n, kMinPerChunk);

  // Which digits vary at all: OR of (key XOR first key) over all keys.
  std::vector<std::uint64_t> diff_per_chunk(chunks, 0);
  const std::uint64_t first = data[0].key;
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::uint64_t acc = 0;
    for (std::size_t i = b; i < e; ++i) acc |= data[i].key ^ first;
    diff_per_chunk[c] = acc;
  });
  std::uint64_t varying = 0;
  for (auto d : diff_per_chunk) varying |= d;

  std::vector<std::size_t> counts(chunks * kBuckets);
  KeyedRecord* src = data;
  KeyedRecord* dst = scratch;
  for (int pass = 0; pass < kPasses; ++pass) {
    const int shift = pass * kBits;
    if (((varying >> shift) & (kBuckets - 1)) == 0) continue;
    std::fill(counts.begin(), counts.end(), 0);
    parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
      std::size_t* cnt = counts.data() + c * kBuckets;
      for (std::size_t i = b; i < e; ++i) ++cnt[(src[i].key >> shift) & (kBuckets - 1)];
    });
    // Exclusive prefix over (digit, chunk) so chunk c's records of digit d follow chunk c-1's.
    std::size_t running = 0;
    for (std::size_t d = 0; d < kBuckets; ++d) {
      for (std::size_t c = 0; c < chunks; ++c) {
        std::size_t v = counts[c * kBuckets + d];
        counts[c * kBuckets + d] = running;
        running += v;
      }
    }
    parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
      std::size_t* pos = counts.data() + c * kBuckets;
      for (std::size_t i = b; i < e; ++i)
        dst[pos[(src[i].key >> shift) & (kBuckets - 1)]++] = src[i];
    });
    std::swap(src, dst);
  }
  return src;
}

}  // namespace tauflow
