// Exact Kendall pair counts: sort once by y (to rank it), once by x (ties broken by y rank),
// then count discordant pairs as inversions of the y ranks. See kendall_counts.h.
#include "core/kendall_counts.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "core/kendall_inversions.h"
#include "core/parallel_for.h"
#include "core/scratch_arena.h"
#include "core/sort_radix.h"

namespace tauflow::kendall {
namespace {

// Adds one tie group of size t to the pair count and the two variance sums.
inline void add_group(std::uint64_t t, std::uint64_t* pairs, double* s0, double* s1) {
  if (t < 2) return;
  *pairs += t * (t - 1) / 2;
  const double td = static_cast<double>(t);
  *s0 += td * (td - 1.0) * (td - 2.0);
  *s1 += td * (td - 1.0) * (2.0 * td + 5.0);
}

// In sortable_key order every NaN lies outside [key(-Inf), key(+Inf)].
const std::uint64_t kKeyPosInf = sortable_key(std::numeric_limits<double>::infinity());
const std::uint64_t kKeyNegInf = sortable_key(-std::numeric_limits<double>::infinity());

// scipy's "contains NaN" for one array, from the keys seen: a NaN, or both infinities (their sum
// is NaN).
struct NanFlags {
  bool nan = false, pos_inf = false, neg_inf = false;
  void see(std::uint64_t k) {
    nan |= (k > kKeyPosInf) | (k < kKeyNegInf);
    pos_inf |= k == kKeyPosInf;
    neg_inf |= k == kKeyNegInf;
  }
  void merge(const NanFlags& o) {
    nan |= o.nan;
    pos_inf |= o.pos_inf;
    neg_inf |= o.neg_inf;
  }
  bool contains_nan() const { return nan || (pos_inf && neg_inf); }
};

// The counts; with check_nan, returns false as soon as the keys are built if x or y contains NaN
// in scipy's sense (out is then unspecified).
bool counts_impl(const double* x, const double* y, std::size_t n, bool check_nan,
                 KendallCounts& out) {
  out = KendallCounts{};
  out.n = n;
  out.pairs = n < 2 ? 0 : static_cast<std::uint64_t>(n) * (n - 1) / 2;
  if (check_nan) {
    // Tiny inputs take no arena lease: scan them directly.
    if (n < 2) {
      NanFlags fx, fy;
      for (std::size_t i = 0; i < n; ++i) {
        fx.see(sortable_key(x[i]));
        fy.see(sortable_key(y[i]));
      }
      if (fx.contains_nan() || fy.contains_nan()) return false;
    }
  }
  if (n == 0) return true;
  if (n == 1) {
    out.distinct_x = out.distinct_y = 1;
    return true;
  }
  // Two record buffers of n from the process-wide arena (reused across calls: no page faults
  // after the first call); the sorts ping-pong between them.
  const ScratchLease lease = acquire_scratch(2 * n * sizeof(KeyedRecord));
  KeyedRecord* const records = lease.as<KeyedRecord>();
  struct Half {
    KeyedRecord* p;
    KeyedRecord* data() const { return p; }
    KeyedRecord& operator[](std::size_t i) const { return p[i]; }
  };
  const Half buf_a{records}, buf_b{records + n};
  constexpr std::size_t kMinPerChunk = 1 << 16;
  // The NaN test rides on this pass, which reads x and y anyway (a separate scan first was ~8 %
  // of a 1e6-row call, most of it the first read of the inputs from memory).
  std::vector<NanFlags> flags(check_nan ? 2 * chunk_count(n, kMinPerChunk) : 0);
  parallel_for(n, kMinPerChunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    if (!check_nan) {
      for (std::size_t i = b; i < e; ++i) buf_a[i] = {sortable_key(y[i]), sortable_key(x[i])};
      return;
    }
    NanFlags fx, fy;
    for (std::size_t i = b; i < e; ++i) {
      const std::uint64_t ky = sortable_key(y[i]), kx = sortable_key(x[i]);
      fx.see(kx);
      fy.see(ky);
      buf_a[i] = {ky, kx};
    }
    flags[2 * c] = fx;
    flags[2 * c + 1] = fy;
  });
  if (check_nan) {
    NanFlags fx, fy;
    for (std::size_t c = 0; c < flags.size(); c += 2) {
      fx.merge(flags[c]);
      fy.merge(flags[c + 1]);
    }
    if (fx.contains_nan() || fy.contains_nan()) return false;
  }

  // 1. Sort by y; replace y by its dense rank and swap x into the key, keeping y order, so the
  //    stable sort by x that follows breaks x ties by ascending y rank.
  KeyedRecord* by_y = radix_sort_records(buf_a.data(), buf_b.data(), n);
  std::uint32_t rank = 0;
  std::uint64_t run = 1;
  std::uint32_t median_rank = 0;
  {
    std::uint64_t prev = by_y[0].key;
    by_y[0] = {by_y[0].payload, 0};
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint64_t k = by_y[i].key;
      if (k != prev) {
        add_group(run, &out.ties_y, &out.y0, &out.y1);
        run = 1;
        ++rank;
        prev = k;
      } else {
        ++run;
      }
      if (i == n / 2) median_rank = rank;
      by_y[i] = {by_y[i].payload, rank};
    }
    add_group(run, &out.ties_y, &out.y0, &out.y1);
    out.distinct_y = static_cast<std::uint64_t>(rank) + 1;
  }

  // 2. Stable sort by x; scan x runs and joint (x, y-rank) runs; lay the y ranks out in x order.
  KeyedRecord* other = by_y == buf_a.data() ? buf_b.data() : buf_a.data();
  KeyedRecord* by_x = radix_sort_records(by_y, other, n);
  KeyedRecord* free_buf = by_x == buf_a.data() ? buf_b.data() : buf_a.data();
  // The free record buffer (16n bytes) holds both rank arrays (4n bytes each).
  std::uint32_t* ranks = reinterpret_cast<std::uint32_t*>(free_buf);
  std::uint32_t* scratch = ranks + n;
  {
    std::uint64_t run_x = 1, run_xy = 1, groups_x = 1;
    double unused0 = 0, unused1 = 0;
    ranks[0] = static_cast<std::uint32_t>(by_x[0].payload);
    for (std::size_t i = 1; i < n; ++i) {
      const bool same_x = by_x[i].key == by_x[i - 1].key;
      const bool same_y = by_x[i].payload == by_x[i - 1].payload;
      ranks[i] = static_cast<std::uint32_t>(by_x[i].payload);
      if (same_x) {
        ++run_x;
      } else {
        add_group(run_x, &out.ties_x, &out.x0, &out.x1);
        run_x = 1;
        ++groups_x;
      }
      if (same_x && same_y) {
        ++run_xy;
      } else {
        add_group(run_xy, &out.ties_xy, &unused0, &unused1);
        run_xy = 1;
      }
    }
    add_group(run_x, &out.ties_x, &out.x0, &out.x1);
    add_group(run_xy, &out.ties_xy, &unused0, &unused1);
    out.distinct_x = groups_x;
  }

  // 3. Discordant pairs = inversions of the y ranks in x order. The first split is at the median
  //    rank so the two threads get about half of the rows each.
  const unsigned spare = thread_count() > 1 ? thread_count() - 1 : 0;
  out.discordant = count_inversions(ranks, scratch, n, 0,
                                    static_cast<std::uint32_t>(out.distinct_y), spare, median_rank);
  out.concordant = out.pairs - out.ties_x - out.ties_y + out.ties_xy - out.discordant;
  return true;
}

}  // namespace

KendallCounts kendall_counts(const double* x, const double* y, std::size_t n) {
  KendallCounts out;
  counts_impl(x, y, n, false, out);
  return out;
}

bool kendall_counts_if_no_nan(const double* x, const double* y, std::size_t n, KendallCounts* out) {
  return counts_impl(x, y, n, true, *out);
}

KendallCounts kendall_counts_naive(const double* x, const double* y, std::size_t n) {
  KendallCounts out;
  out.n = n;
  out.pairs = n < 2 ? 0 : static_cast<std::uint64_t>(n) * (n - 1) / 2;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool tx = x[i] == x[j];
      const bool ty = y[i] == y[j];
      out.ties_x += tx;
      out.ties_y += ty;
      out.ties_xy += tx && ty;
      if (!tx && !ty) {
        if ((x[i] < x[j]) == (y[i] < y[j]))
          ++out.concordant;
        else
          ++out.discordant;
      }
    }
  }
  // Tie groups for the variance sums and distinct counts: sort copies.
  auto groups = [&](const double* v, double* s0, double* s1, std::uint64_t* distinct) {
    std::vector<double> s(v, v + n);
    std::sort(s.begin(), s.end());
    std::uint64_t unused = 0;
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i;
      while (j < n && s[j] == s[i]) ++j;
      add_group(j - i, &unused, s0, s1);
      ++*distinct;
      i = j;
    }
  };
  groups(x, &out.x0, &out.x1, &out.distinct_x);
  groups(y, &out.y0, &out.y1, &out.distinct_y);
  return out;
}

}  // namespace tauflow::kendall
