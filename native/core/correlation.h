// Spearman and Pearson correlation with scipy 1.10's numbers (scipy.stats.spearmanr /
// pearsonr): the statistic and its p-value under the null of no correlation.
//
//   Spearman: r_s = Pearson correlation of the average ranks, computed like numpy.corrcoef;
//             t = r_s sqrt((n - 2) / ((1 + r_s)(1 - r_s))), p from Student t with n - 2 dof.
//   Pearson:  r = sum (x - mx)(y - my) / (|x - mx| |y - my|), clipped to [-1, 1];
//             under the null r ~ Beta(n/2 - 1, n/2 - 1) on [-1, 1].
// Degenerate inputs follow scipy: n <= 1 -> NaN (Spearman); a constant input -> NaN;
// n == 2 -> Spearman p NaN, Pearson r = sign(dx) sign(dy) with p = 1.
// Inputs here are NaN-free (the caller applies the NaN policy); Pearson needs finite values.
#pragma once
#include <cstddef>

namespace tauflow::corr {

enum class Alternative { TwoSided, Less, Greater };

struct Result {
  double statistic;
  double pvalue;
};

Result spearman(const double* x, const double* y, std::size_t n, Alternative alternative);
Result pearson(const double* x, const double* y, std::size_t n, Alternative alternative);

// The p-value parts alone, for a statistic already computed (also used by tests to check the
// special functions at scipy's own statistic).
double spearman_pvalue(double rs, std::size_t n, Alternative alternative);
double pearson_pvalue(double r, std::size_t n, Alternative alternative);

}  // namespace tauflow::corr
