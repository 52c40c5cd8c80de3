// Exact Kendall pair counts: sort once by y (to rank it), once by x (ties broken by y rank),
// then count discordant pairs as inversions of the y ranks. See kendall_counts.h.
#include "core/kendall_counts.h"

#include <algorithm>
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

}  // namespace

KendallCounts kendall_counts(const double* x, const double* y, std::size_t n) {
  KendallCounts out;
  out.n = n;
  out.pairs = n < 2 ? 0 : static_cast<std::uint64_t>(n) * (n - 1) / 2;
  if (n == 0) return out;
  if (n == 1) {
    out.distinct_x = out.distinct_y = 1;
    return out;
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
  parallel_for(n, kMinPerChunk, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) buf_a[i] = {sortable_key(y[i]), sortable_key(x[i])};
  });

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
  return out;
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
