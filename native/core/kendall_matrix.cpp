// Pairwise-complete Kendall matrix (see kendall_matrix.h).
#include "core/kendall_matrix.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>

#include "core/kendall_inversions.h"
#include "core/parallel_for.h"
#include "core/sort_radix.h"

namespace tauflow::kendall {
namespace {
constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One column sorted once: its finite rows in value order and each row's dense rank.
struct SortedColumn {
  std::vector<std::uint32_t> order;  // rows with a finite value, ascending by value
  std::vector<std::uint32_t> rank;   // dense rank per row, kMissing when not finite
  std::uint32_t distinct = 0;
};

SortedColumn sort_column(const double* v, std::size_t n) {
  SortedColumn col;
  col.rank.assign(n, kMissing);
  std::unique_ptr<KeyedRecord[]> a(new KeyedRecord[n]);
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(v[i])) a[k++] = {sortable_key(v[i]), i};
  if (k == 0) return col;
  std::unique_ptr<KeyedRecord[]> b(new KeyedRecord[k]);
  const KeyedRecord* s = radix_sort_records(a.get(), b.get(), k);
  col.order.resize(k);
  std::uint32_t r = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (i > 0 && s[i].key != s[i - 1].key) ++r;
    col.order[i] = static_cast<std::uint32_t>(s[i].payload);
    col.rank[s[i].payload] = r;
  }
  col.distinct = r + 1;
  return col;
}

void add_group(std::uint64_t t, std::uint64_t* pairs, double* s0, double* s1) {
  if (t < 2) return;
  *pairs += t * (t - 1) / 2;
  const double td = static_cast<double>(t);
  *s0 += td * (td - 1.0) * (td - 2.0);
  *s1 += td * (td - 1.0) * (2.0 * td + 5.0);
}

// Per-thread buffers, reused across pairs.
struct PairScratch {
  std::vector<std::uint32_t> seq, tmp, start_x, count_y;
};

// Counts for the rows where both columns are finite. No comparison sort: walking y's sorted rows
// and placing each at the next free slot of its x rank (a counting sort by x rank) yields the
// rows in x order with x ties already in ascending y order, as the inversion count needs.
KendallCounts pair_counts(const SortedColumn& cx, const SortedColumn& cy, PairScratch& s) {
  KendallCounts out;
  s.start_x.assign(static_cast<std::size_t>(cx.distinct) + 1, 0);
  s.count_y.assign(cy.distinct, 0);
  std::size_t n = 0;
  for (std::uint32_t row : cy.order) {
    const std::uint32_t rx = cx.rank[row];
    if (rx == kMissing) continue;
    ++s.start_x[rx + 1];
    ++s.count_y[cy.rank[row]];
    ++n;
  }
  out.n = n;
  out.pairs = n < 2 ? 0 : static_cast<std::uint64_t>(n) * (n - 1) / 2;
  if (n < 2) return out;
  for (std::size_t r = 0; r < cx.distinct; ++r) {
    const std::uint32_t c = s.start_x[r + 1];
    if (c) ++out.distinct_x;
    add_group(c, &out.ties_x, &out.x0, &out.x1);
    s.start_x[r + 1] += s.start_x[r];
  }
  s.seq.resize(n);
  s.tmp.assign(s.start_x.begin(), s.start_x.end() - 1);  // next free slot per x rank
  for (std::uint32_t row : cy.order) {
    const std::uint32_t rx = cx.rank[row];
    if (rx == kMissing) continue;
    s.seq[s.tmp[rx]++] = cy.rank[row];
  }
  // Joint ties: runs of equal y rank inside each x group.
  double unused0 = 0, unused1 = 0;
  for (std::size_t r = 0; r < cx.distinct; ++r) {
    const std::size_t b = s.start_x[r], e = s.start_x[r + 1];
    std::size_t g = b;
    for (std::size_t k = b + 1; k <= e; ++k) {
      if (k == e || s.seq[k] != s.seq[g]) {
        add_group(k - g, &out.ties_xy, &unused0, &unused1);
        g = k;
      }
    }
  }
  for (std::uint32_t h : s.count_y) {
    if (h) ++out.distinct_y;
    add_group(h, &out.ties_y, &out.y0, &out.y1);
  }
  s.tmp.resize(n);
  out.discordant = count_inversions(s.seq.data(), s.tmp.data(), n, 0, cy.distinct, 0);
  out.concordant = out.pairs - out.ties_x - out.ties_y + out.ties_xy - out.discordant;
  return out;
}
}  // namespace

KendallMatrixResult kendall_matrix(const double* const* columns, std::size_t m, std::size_t n,
                                   const KendallOptions& options, std::size_t min_periods) {
  KendallMatrixResult res;
  res.values.assign(m * m, kNaN);
  res.pvalues.assign(m * m, kNaN);
  res.counts.assign(m * m, 0);
  std::vector<SortedColumn> cols(m);
  parallel_for(m, 1, [&](std::size_t, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) cols[k] = sort_column(columns[k], n);
  });
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t valid = cols[k].order.size();
    res.counts[k * m + k] = static_cast<double>(valid);
    if (valid >= min_periods) res.values[k * m + k] = 1.0;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = i + 1; j < m; ++j)
      pairs.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
  parallel_for(pairs.size(), 1, [&](std::size_t, std::size_t b, std::size_t e) {
    PairScratch scratch;
    for (std::size_t p = b; p < e; ++p) {
      const auto [i, j] = pairs[p];
      const KendallCounts c = pair_counts(cols[i], cols[j], scratch);
      res.counts[i * m + j] = res.counts[j * m + i] = static_cast<double>(c.n);
      if (c.n < min_periods) continue;
      const KendallResult r = kendall_from_counts(c, options, false);
      const double p_value = r.status == KendallStatus::ok ? r.pvalue : kNaN;
      res.values[i * m + j] = res.values[j * m + i] = r.statistic;
      res.pvalues[i * m + j] = res.pvalues[j * m + i] = p_value;
    }
  });
  return res;
}

}  // namespace tauflow::kendall
