// p-values for Kendall's tau with scipy 1.10.1's semantics (scipy.stats.kendalltau and
// scipy.stats.mstats.kendalltau): the exact null distribution of the number of concordant pairs
// without ties (Kendall 1970), and the tie-corrected normal approximation of S = C - D.
#pragma once
#include <cstdint>

namespace tauflow::kendall {

enum class Alternative { two_sided, less, greater };

// Standard normal CDF as cephes ndtr (scipy.special.ndtr), including its underflow to 0 when
// (x / sqrt 2)^2 exceeds log(DBL_MAX).
double normal_cdf(double x);

// p-value of a standard-normal statistic z (scipy.stats._stats_py._normtest_finish).
double normal_pvalue(double z, Alternative alternative);

// scipy.stats._mstats_basic._kendall_p_exact(n, c, alternative): P-value of c concordant pairs
// among n untied rows. Work O(n * min(c, n(n-1)/2 - c)); see kendall_exact_work.
double kendall_p_exact(std::uint64_t n, std::uint64_t c, Alternative alternative);

// Steps the exact recursion would take (0 for the closed forms); callers cap it.
double kendall_exact_work(std::uint64_t n, std::uint64_t c);

}  // namespace tauflow::kendall
