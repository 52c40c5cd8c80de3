// Stable radix sort of 16-byte records by their 64-bit key, parallel over thread_count()
// threads, plus the order-preserving map from a double to such a key.
//
// Why this shape: on these machines a pass over 1e7 records costs ~75 ms of memory traffic
// whatever the digit width, so the number of passes over the whole array decides the time.
// The sort is MSD first: one parallel scatter splits the array into buckets of about equal
// record counts (adjacent values of a 16-bit digit merged, see radix_sort_records), so skewed
// keys such as normal doubles still leave buckets that fit in cache; a bucket that is still too
// big takes one more scatter (sort_into / sort_inplace). Each bucket is then finished in cache by
// small_sort_into: one scatter into a thread-local buffer and an insertion pass. Digits on which
// all keys of a range agree are skipped, so narrow keys (small integers) cost fewer passes.
//
// Stability and determinism: every scatter walks its input in order (per-chunk offsets laid out
// digit-major then chunk-major), so equal keys keep their input order; chunk bounds and bucket
// assignment depend only on n and the data, never on timing. The result does not depend on the
// thread count.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "core/parallel_for.h"

namespace tauflow {

struct KeyedRecord {
  std::uint64_t key;
  std::uint64_t payload;
};

// Maps a double to an unsigned key with the same order: flip all bits of negatives, only the sign
// bit of positives. -0.0 is mapped like +0.0 because the two compare equal (v + 0.0 turns -0.0
// into +0.0 and leaves every other value as is). Branch-free: signs of real data are random, and
// a mispredicted branch per value cost ~15% of a 1e6-row Kendall tau. NaN is not ordered
// (callers remove it first).
inline std::uint64_t sortable_key(double v) {
  v += 0.0;
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  const std::uint64_t mask =
      static_cast<std::uint64_t>(static_cast<std::int64_t>(bits) >> 63) | (std::uint64_t{1} << 63);
  return bits ^ mask;
}

namespace radix_detail {

constexpr int kBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kBits;
// A bucket this small is finished in cache (16 B records: 1 MiB).
constexpr std::size_t kCacheRecords = std::size_t{1} << 16;
constexpr std::size_t kInsertionMax = 48;
constexpr std::size_t kMinPerChunk = std::size_t{1} << 16;
// Widest digit of small_sort_into (its counters: 64 KiB of stack, in L2).
constexpr int kSmallBits = 14;
// Largest range small_sort_into sorts in its thread-local buffer (256 KiB per thread that sorts).
constexpr std::size_t kLocalRecords = std::size_t{1} << 14;
// The top-level histogram's window (see radix_sort_records), and the widest window used to
// cover all varying bits of narrow keys (2^18 counters per chunk: 1 MiB).
constexpr int kFineBits = 16;
constexpr int kCoverBits = 18;

inline int highest_bit(std::uint64_t v) { return 63 - __builtin_clzll(v); }

inline std::uint64_t varying_bits(const KeyedRecord* a, std::size_t n) {
  std::uint64_t acc = 0;
  const std::uint64_t first = a[0].key;
  for (std::size_t i = 1; i < n; ++i) acc |= a[i].key ^ first;
  return acc;
}

// Stable. Records already in place (the common case after a digit scatter) cost one compare.
inline void insertion_sort(KeyedRecord* a, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    if (a[i - 1].key <= a[i].key) continue;
    const KeyedRecord v = a[i];
    std::size_t j = i;
    do {
      a[j] = a[j - 1];
      --j;
    } while (j > 0 && a[j - 1].key > v.key);
    a[j] = v;
  }
}

// LSD over the varying digits, ping-ponging between a and b; the sorted records end in `a`.
// Digit counts do not depend on the order of the records, so one read pass histograms every
// digit up front; small ranges use 8-bit digits so the per-pass bucket overhead stays below the
// record count.
template <int Bits>
inline void lsd_digits(KeyedRecord* a, KeyedRecord* b, std::size_t n, std::uint64_t varying) {
  constexpr std::size_t kB = std::size_t{1} << Bits;
  constexpr int kMaxPasses = (64 + Bits - 1) / Bits;
  int shifts[kMaxPasses];
  int passes = 0;
  for (int shift = 0; shift < 64; shift += Bits)
    if ((varying >> shift) & (kB - 1)) shifts[passes++] = shift;
  std::uint32_t count[kMaxPasses][kB];
  std::memset(count, 0, sizeof(std::uint32_t) * kB * passes);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t k = a[i].key;
    for (int p = 0; p < passes; ++p) ++count[p][(k >> shifts[p]) & (kB - 1)];
  }
  KeyedRecord* src = a;
  KeyedRecord* dst = b;
  for (int p = 0; p < passes; ++p) {
    std::uint32_t* pos = count[p];
    std::uint32_t run = 0;
    for (std::size_t d = 0; d < kB; ++d) {
      const std::uint32_t c = pos[d];
      pos[d] = run;
      run += c;
    }
    const int shift = shifts[p];
    for (std::size_t i = 0; i < n; ++i) dst[pos[(src[i].key >> shift) & (kB - 1)]++] = src[i];
    std::swap(src, dst);
  }
  if (src != a) std::memcpy(a, src, n * sizeof(KeyedRecord));
}

inline void cache_sort(KeyedRecord* a, KeyedRecord* b, std::size_t n);

// Number of `bits`-wide digits of `varying` holding a varying bit (the passes an LSD sort needs).
inline int digit_passes(std::uint64_t varying, int bits) {
  int p = 0;
  for (int shift = 0; shift < 64; shift += bits)
    p += ((varying >> shift) & ((1ull << bits) - 1)) != 0;
  return p;
}

// One in-cache MSD step by the 8 bits below the highest varying bit (a -> b), each bucket sorted
// recursively in b, then copied back. For keys with many varying bits (doubles from a continuous
// distribution: ~40 bits below the ones the outer MSD pass used) this replaces 5-6 LSD passes by
// one scatter, a copy and insertion sorts of a few records.
inline void msd_in_cache(KeyedRecord* a, KeyedRecord* b, std::size_t n, std::uint64_t varying) {
  constexpr std::size_t kB = 256;
  const int top = highest_bit(varying);
  const int shift = top + 1 > 8 ? top + 1 - 8 : 0;
  std::uint32_t pos[kB + 1] = {};
  for (std::size_t i = 0; i < n; ++i) ++pos[((a[i].key >> shift) & (kB - 1)) + 1];
  for (std::size_t d = 1; d <= kB; ++d) pos[d] += pos[d - 1];
  std::uint32_t start[kB + 1];
  std::memcpy(start, pos, sizeof start);
  for (std::size_t i = 0; i < n; ++i) b[pos[(a[i].key >> shift) & (kB - 1)]++] = a[i];
  if (shift > 0)
    for (std::size_t d = 0; d < kB; ++d)
      cache_sort(b + start[d], a + start[d], start[d + 1] - start[d]);
  std::memcpy(a, b, n * sizeof(KeyedRecord));
}

// Sorts a[0, n) (n <= kCacheRecords) in place; b is scratch for n records.
inline void lsd_in_cache(KeyedRecord* a, KeyedRecord* b, std::size_t n, std::uint64_t varying) {
  if (n <= kInsertionMax) {
    insertion_sort(a, n);
    return;
  }
  const int bits = n < 8192 ? 8 : kBits;
  const int passes = digit_passes(varying, bits);
  // An MSD level costs about three passes (histogram, scatter, copy back) and leaves buckets of
  // n / 256 records: one level when that is small enough for insertion sort, two otherwise.
  const int msd_cost = n / 256 <= 2 * kInsertionMax ? 3 : 6;
  if (passes > msd_cost)
    msd_in_cache(a, b, n, varying);
  else if (bits == 8)
    lsd_digits<8>(a, b, n, varying);
  else
    lsd_digits<kBits>(a, b, n, varying);
}

inline void cache_sort(KeyedRecord* a, KeyedRecord* b, std::size_t n) {
  if (n <= kInsertionMax) {
    insertion_sort(a, n);
    return;
  }
  const std::uint64_t varying = varying_bits(a, n);
  if (varying != 0) lsd_in_cache(a, b, n, varying);
}

// One MSD scatter of src[0, n) into dst by the digit just below the highest varying bit;
// bounds[d] .. bounds[d + 1] is bucket d afterwards. Returns the shift used.
inline int msd_scatter(const KeyedRecord* src, KeyedRecord* dst, std::size_t n,
                       std::uint64_t varying, std::vector<std::size_t>& bounds) {
  const int top = highest_bit(varying);
  const int shift = top + 1 > kBits ? top + 1 - kBits : 0;
  bounds.assign(kBuckets + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++bounds[((src[i].key >> shift) & (kBuckets - 1)) + 1];
  for (std::size_t d = 1; d <= kBuckets; ++d) bounds[d] += bounds[d - 1];
  std::vector<std::size_t> pos(bounds.begin(), bounds.end() - 1);
  for (std::size_t i = 0; i < n; ++i) dst[pos[(src[i].key >> shift) & (kBuckets - 1)]++] = src[i];
  return shift;
}

inline void sort_into(KeyedRecord* src, KeyedRecord* dst, std::size_t n);

// Sorts a[0, n) in place (result in a), scratch holds n records. Single-threaded.
inline void sort_inplace(KeyedRecord* a, KeyedRecord* scratch, std::size_t n) {
  if (n < 2) return;
  const std::uint64_t varying = varying_bits(a, n);
  if (varying == 0) return;
  if (n <= kCacheRecords) {
    lsd_in_cache(a, scratch, n, varying);
    return;
  }
  std::vector<std::size_t> bounds;
  const int shift = msd_scatter(a, scratch, n, varying, bounds);
  if (shift == 0) {
    std::memcpy(a, scratch, n * sizeof(KeyedRecord));
    return;
  }
  for (std::size_t d = 0; d < kBuckets; ++d)
    sort_into(scratch + bounds[d], a + bounds[d], bounds[d + 1] - bounds[d]);
}

// Sorts src[0, n) (n <= kCacheRecords, varying != 0) into dst; src is scratch afterwards. One
// scatter by a digit just below the highest varying bit, with about as many digits as records,
// then one insertion pass over all of dst: records only move within their digit's run, so that
// pass costs about n steps and no per-bucket call. Runs longer than kInsertionMax (clustered
// keys) are sorted first, in place, so the insertion pass never goes quadratic (cache_sort never
// comes back here, so the thread-local buffer is not reused while in use).
inline void small_sort_into(KeyedRecord* src, KeyedRecord* dst, std::size_t n,
                            std::uint64_t varying) {
  if (n <= kInsertionMax) {
    std::memcpy(dst, src, n * sizeof(KeyedRecord));
    insertion_sort(dst, n);
    return;
  }
  const int top = highest_bit(varying);
  const int want = std::min(std::max(highest_bit(n) + 1, 4), kSmallBits);
  const int bits = std::min(want, top + 1);
  const int shift = top + 1 - bits;
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  std::uint32_t pos[(1 << kSmallBits) + 1];
  std::memset(pos, 0, sizeof(std::uint32_t) * ((std::size_t{1} << bits) + 1));
  for (std::size_t i = 0; i < n; ++i) ++pos[((src[i].key >> shift) & mask) + 1];
  bool long_runs = false;
  for (std::size_t d = 1; d <= mask + 1; ++d) {
    long_runs |= pos[d] > kInsertionMax;
    pos[d] += pos[d - 1];
  }
  // Scattering into dst directly writes cache lines in random order, each fetched from memory
  // first; a thread-local buffer that stays in L1/L2 and one sequential copy out is ~30 % faster.
  thread_local std::unique_ptr<KeyedRecord[]> local;
  KeyedRecord* out = dst;
  if (n <= kLocalRecords) {
    if (!local) local.reset(new KeyedRecord[kLocalRecords]);
    out = local.get();
  }
  for (std::size_t i = 0; i < n; ++i) out[pos[(src[i].key >> shift) & mask]++] = src[i];
  if (shift != 0) {  // shift == 0: the digit held every varying bit, out is sorted
    if (long_runs) {
      // pos[d] is now the end of run d; src is free to serve as scratch.
      std::size_t begin = 0;
      for (std::size_t d = 0; d <= mask; ++d) {
        if (pos[d] - begin > kInsertionMax) cache_sort(out + begin, src + begin, pos[d] - begin);
        begin = pos[d];
      }
    }
    insertion_sort(out, n);
  }
  if (out != dst) std::memcpy(dst, out, n * sizeof(KeyedRecord));
}

// Sorts src[0, n) into dst (src is scratch afterwards). Single-threaded. Big buckets never take
// an extra copy: the two functions alternate which buffer receives the scatter.
inline void sort_into(KeyedRecord* src, KeyedRecord* dst, std::size_t n) {
  if (n == 0) return;
  const std::uint64_t varying = n > 1 ? varying_bits(src, n) : 0;
  if (varying == 0) {
    std::memcpy(dst, src, n * sizeof(KeyedRecord));
    return;
  }
  if (n <= kCacheRecords) {
    small_sort_into(src, dst, n, varying);
    return;
  }
  std::vector<std::size_t> bounds;
  const int shift = msd_scatter(src, dst, n, varying, bounds);
  if (shift == 0) return;
  for (std::size_t d = 0; d < kBuckets; ++d)
    sort_inplace(dst + bounds[d], src + bounds[d], bounds[d + 1] - bounds[d]);
}

}  // namespace radix_detail

// Sorts data[0, n) by key, stably. scratch must hold n records. Returns a pointer to whichever of
// the two buffers holds the result.
inline KeyedRecord* radix_sort_records(KeyedRecord* data, KeyedRecord* scratch, std::size_t n) {
  using namespace radix_detail;
  if (n < 2) return data;
  const std::size_t chunks = chunk_count(n, kMinPerChunk);

  std::vector<std::uint64_t> diff_per_chunk(chunks, 0);
  const std::uint64_t first = data[0].key;
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::uint64_t acc = 0;
    for (std::size_t i = b; i < e; ++i) acc |= data[i].key ^ first;
    diff_per_chunk[c] = acc;
  });
  std::uint64_t varying = 0;
  for (auto d : diff_per_chunk) varying |= d;
  if (varying == 0) return data;
  if (n <= kCacheRecords) {
    lsd_in_cache(data, scratch, n, varying);
    return data;
  }

  // Top-level MSD pass, parallel. The histogram is taken over a 16-bit window just below the
  // highest varying bit, and runs of adjacent fine digits are merged into at most kBuckets
  // buckets of about n / (kBuckets / 2) records each. Merging adjacent digits keeps the buckets
  // in key order, and sizing them by count (not by bit pattern) means one scatter leaves buckets
  // that fit in cache even for skewed keys: doubles from a normal distribution put ~half of
  // their values under one or two exponents, which an 11-bit digit over sign and exponent
  // cannot split.
  //
  // When all varying bits fit in a window of at most kCoverBits (few distinct keys, e.g. small
  // integers) the window covers them: each digit is then a single key, so a bucket made of one
  // digit is sorted by the scatter alone, and when every bucket is, the sort ends there.
  const int top = highest_bit(varying);
  const int span = top + 1 - __builtin_ctzll(varying);
  const bool cover = span <= kCoverBits;
  const int fine_bits = cover ? span : kFineBits;
  const std::size_t fine_count = std::size_t{1} << fine_bits;
  const std::uint64_t fine_mask = fine_count - 1;
  const int shift = top + 1 > fine_bits ? top + 1 - fine_bits : 0;
  std::vector<std::uint32_t> fine(chunks * fine_count, 0);
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::uint32_t* cnt = fine.data() + c * fine_count;
    for (std::size_t i = b; i < e; ++i) ++cnt[(data[i].key >> shift) & fine_mask];
  });
  std::vector<std::uint16_t> bucket_of(fine_count);
  std::vector<std::size_t> counts;  // (bucket, chunk) record counts, then scatter offsets
  // With cover, a bucket of one digit holds one key; when every bucket does, the scatter sorts.
  bool one_key_each = cover;
  std::size_t buckets = 0;
  {
    const std::size_t target = std::max<std::size_t>(n / (kBuckets / 2), 1);
    std::size_t in_bucket = 0, digits_in_bucket = 0;
    for (std::size_t d = 0; d < fine_count; ++d) {
      std::size_t here = 0;
      for (std::size_t c = 0; c < chunks; ++c) here += fine[c * fine_count + d];
      if (buckets == 0 || (in_bucket > 0 && in_bucket + here > target && buckets < kBuckets)) {
        ++buckets;
        counts.resize(buckets * chunks, 0);
        in_bucket = digits_in_bucket = 0;
      }
      in_bucket += here;
      digits_in_bucket += here > 0;
      one_key_each &= digits_in_bucket <= 1;
      bucket_of[d] = static_cast<std::uint16_t>(buckets - 1);
      for (std::size_t c = 0; c < chunks; ++c)
        counts[(buckets - 1) * chunks + c] += fine[c * fine_count + d];
    }
  }
  std::vector<std::size_t> bucket_start(buckets + 1, 0);
  std::size_t running = 0;
  for (std::size_t d = 0; d < buckets; ++d) {
    bucket_start[d] = running;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t v = counts[d * chunks + c];
      counts[d * chunks + c] = running;
      running += v;
    }
  }
  bucket_start[buckets] = n;
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::vector<std::size_t> pos(buckets);
    for (std::size_t d = 0; d < buckets; ++d) pos[d] = counts[d * chunks + c];
    for (std::size_t i = b; i < e; ++i)
      scratch[pos[bucket_of[(data[i].key >> shift) & fine_mask]]++] = data[i];
  });
  if (one_key_each) return scratch;

  // Buckets (in scratch) are sorted independently into data. Threads take contiguous runs of
  // buckets holding about n / threads records each.
  const std::size_t threads = chunk_count(n, kMinPerChunk);
  std::vector<std::size_t> first_bucket(threads + 1, buckets);
  first_bucket[0] = 0;
  for (std::size_t t = 1, d = 0; t < threads; ++t) {
    const std::size_t target = n * t / threads;
    while (d < buckets && bucket_start[d + 1] <= target) ++d;
    first_bucket[t] = std::max(d, first_bucket[t - 1]);
  }
  parallel_for(threads, 1, [&](std::size_t, std::size_t tb, std::size_t te) {
    for (std::size_t t = tb; t < te; ++t) {
      for (std::size_t d = first_bucket[t]; d < first_bucket[t + 1]; ++d) {
        const std::size_t b = bucket_start[d], e = bucket_start[d + 1];
        sort_into(scratch + b, data + b, e - b);  // a one-key bucket is only copied
      }
    }
  });
  return data;
}

}  // namespace tauflow
