// Kendall tau for every pair of m columns of length n, as pandas DataFrame.corr(method='kendall')
// computes it: for columns i != j keep the rows where both values are finite (np.isfinite), and
// if at least min_periods rows remain, tau is scipy.stats.kendalltau on them (else NaN); the
// diagonal is 1.0 when the column has at least min_periods finite values (else NaN).
//
// Each column is sorted once (dense ranks + sorted row order); a pair then walks column j's sorted
// rows, drops those missing in column i, counting-sorts them by i's rank (x ties stay in
// ascending j order) and counts inversions: no comparison sort per pair. The
// m(m-1)/2 pairs are spread over thread_count() threads; each pair's result depends only on its
// two columns, so the matrix does not depend on the thread count.
#pragma once
#include <cstddef>
#include <vector>

#include "core/kendall_tau.h"

namespace tauflow::kendall {

struct KendallMatrixResult {
  std::vector<double> values;   // m*m row-major, symmetric
  std::vector<double> pvalues;  // m*m, NaN on the diagonal
  std::vector<double> counts;   // m*m rows used per pair (pairwise complete)
};

// columns[k] points at n doubles. options.nan_policy is ignored (pairwise complete always);
// exact-with-ties or too-large exact requests give a NaN p-value for that pair.
KendallMatrixResult kendall_matrix(const double* const* columns, std::size_t m, std::size_t n,
                                   const KendallOptions& options, std::size_t min_periods);

}  // namespace tauflow::kendall
