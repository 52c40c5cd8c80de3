// Reference Kendall pair counts for tests and fuzz targets, written independently of the core:
// an O(n^2) double loop (the definition) and an O(n log n) Fenwick-tree count (for n past the
// 32-bit thresholds, where n^2 is too slow). Both count unordered pairs i < j:
//   concordant   (x_i - x_j)(y_i - y_j) > 0        discordant   ... < 0
//   tied_x       x_i == x_j (whatever y does)      tied_y       y_i == y_j (whatever x does)
//   tied_xy      x_i == x_j and y_i == y_j
// so concordant + discordant + tied_x + tied_y - tied_xy == n(n-1)/2. NaN-free input only:
// callers drop NaN pairs first (the core's NaN policy is tested separately).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace tauflow_test {

struct PairCounts {
  std::uint64_t concordant = 0, discordant = 0, tied_x = 0, tied_y = 0, tied_xy = 0;
  bool operator==(const PairCounts& o) const {
    return concordant == o.concordant && discordant == o.discordant && tied_x == o.tied_x &&
           tied_y == o.tied_y && tied_xy == o.tied_xy;
  }
};

inline std::uint64_t pairs_of(std::uint64_t n) { return n < 2 ? 0 : n * (n - 1) / 2; }

template <class T>
PairCounts count_pairs_naive(const T* x, const T* y, std::size_t n) {
  PairCounts c;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool tx = x[i] == x[j], ty = y[i] == y[j];
      if (tx) ++c.tied_x;
      if (ty) ++c.tied_y;
      if (tx && ty) ++c.tied_xy;
      if (!tx && !ty) {
        if ((x[i] < x[j]) == (y[i] < y[j]))
          ++c.concordant;
        else
          ++c.discordant;
      }
    }
  return c;
}

// Sum over groups of equal values of g(g-1)/2, given values sorted so equal ones are adjacent.
template <class It, class Eq>
std::uint64_t tied_pairs_sorted(It first, It last, Eq eq) {
  std::uint64_t total = 0;
  while (first != last) {
    It run = first;
    std::uint64_t g = 0;
    while (run != last && eq(*run, *first)) ++run, ++g;
    total += pairs_of(g);
    first = run;
  }
  return total;
}

template <class T>
PairCounts count_pairs_fenwick(const T* x, const T* y, std::size_t n) {
  PairCounts c;
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  // Dense ranks of y (1-based) for the Fenwick tree.
  std::vector<std::size_t> by_y = idx;
  std::sort(by_y.begin(), by_y.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
  std::vector<std::size_t> ry(n);
  std::size_t rank = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k == 0 || y[by_y[k]] != y[by_y[k - 1]]) ++rank;
    ry[by_y[k]] = rank;
  }
  c.tied_y = tied_pairs_sorted(by_y.begin(), by_y.end(),
                               [&](std::size_t a, std::size_t b) { return y[a] == y[b]; });
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return x[a] < x[b] || (x[a] == x[b] && y[a] < y[b]);
  });
  c.tied_x = tied_pairs_sorted(idx.begin(), idx.end(),
                               [&](std::size_t a, std::size_t b) { return x[a] == x[b]; });
  c.tied_xy = tied_pairs_sorted(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return x[a] == x[b] && y[a] == y[b];
  });
  std::vector<std::uint64_t> tree(rank + 1, 0);
  auto add = [&](std::size_t r) {
    for (; r <= rank; r += r & (~r + 1)) ++tree[r];
  };
  auto prefix = [&](std::size_t r) {  // elements inserted with y rank <= r
    std::uint64_t s = 0;
    for (; r > 0; r -= r & (~r + 1)) s += tree[r];
    return s;
  };
  // Walk groups of equal x in increasing x; every earlier element has a strictly smaller x.
  std::uint64_t inserted = 0;
  for (std::size_t g = 0; g < n;) {
    std::size_t e = g;
    while (e < n && x[idx[e]] == x[idx[g]]) ++e;
    for (std::size_t k = g; k < e; ++k) {
      const std::size_t r = ry[idx[k]];
      c.concordant += prefix(r - 1);         // earlier, smaller x and smaller y
      c.discordant += inserted - prefix(r);  // earlier, smaller x and larger y
    }
    for (std::size_t k = g; k < e; ++k) add(ry[idx[k]]);
    inserted += e - g;
    g = e;
  }
  return c;
}

// Kendall tau-b from counts (scipy's formula), NaN when either side is constant.
inline double tau_b(const PairCounts& c, std::uint64_t n) {
  const double tot = static_cast<double>(pairs_of(n));
  const double con_minus_dis =
      static_cast<double>(c.concordant) - static_cast<double>(c.discordant);
  const double denom =
      std::sqrt((tot - static_cast<double>(c.tied_x)) * (tot - static_cast<double>(c.tied_y)));
  return denom > 0 ? std::clamp(con_minus_dis / denom, -1.0, 1.0) : std::nan("");
}

}  // namespace tauflow_test
