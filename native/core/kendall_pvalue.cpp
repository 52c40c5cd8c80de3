// Ports of scipy 1.10.1's Kendall p-value code, operation for operation where the rounding
// matters (the cumulative sums of the exact distribution), so results agree to ~1e-15.
#include "core/kendall_pvalue.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tauflow::kendall {

double normal_cdf(double a) {
  // cephes ndtr.c
  constexpr double kSqrtHalf = 7.07106781186547524401E-1;
  constexpr double kMaxLog = 7.09782712893383996843E2;
  if (std::isnan(a)) return a;
  const double x = a * kSqrtHalf;
  const double z = std::fabs(x);
  if (z < kSqrtHalf) return 0.5 + 0.5 * std::erf(x);
  // cephes erfc returns 0 (underflow) once z^2 > MAXLOG.
  double y = (z * z > kMaxLog) ? 0.0 : 0.5 * std::erfc(z);
  if (x > 0) y = 1.0 - y;
  return y;
}

double normal_pvalue(double z, Alternative alternative) {
  switch (alternative) {
    case Alternative::less:
      return normal_cdf(z);
    case Alternative::greater:
      return normal_cdf(-z);  // norm.sf(z) = ndtr(-z)
    case Alternative::two_sided:
    default:
      return 2.0 * normal_cdf(-std::fabs(z));
  }
}

namespace {
// n! as a double (exact up to 22!, then correctly rounded per step); n < 171.
double factorial(std::uint64_t n) {
  double f = 1.0;
  for (std::uint64_t k = 2; k <= n; ++k) f *= static_cast<double>(k);
  return f;
}

// numpy's np.sum of a float64 array: pairwise summation with blocks of 8 (numpy/core/src/umath/
// loops_utils.h.src, PW_BLOCKSIZE 128). Matching it keeps the last bits the same as scipy.
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int k = 0; k < 8; ++k) r[k] = a[k];
    std::size_t i;
    for (i = 8; i < n - (n % 8); i += 8)
      for (int k = 0; k < 8; ++k) r[k] += a[i + k];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}
}  // namespace

double kendall_exact_work(std::uint64_t n, std::uint64_t c) {
  const std::uint64_t tot = n * (n - 1) / 2;
  const std::uint64_t cm = std::min(c, tot - c);
  if (n <= 2 || cm <= 1) return 0;
  return static_cast<double>(n) * static_cast<double>(cm + 1);
}

double kendall_p_exact(std::uint64_t n, std::uint64_t c, Alternative alternative) {
  const std::uint64_t tot = n * (n - 1) / 2;
  const bool in_right_tail = c >= tot - c;
  const bool alternative_greater = alternative == Alternative::greater;
  c = std::min(c, tot - c);
  double prob = 1.0;
  double p_mass_at_c = 0.0;
  if (n <= 1) {
    prob = 1.0;
    p_mass_at_c = 1.0;
  } else if (n == 2) {
    prob = 1.0;
    p_mass_at_c = 0.5;
  } else if (c == 0) {
    prob = n < 171 ? 2.0 / factorial(n) : 0.0;
    p_mass_at_c = prob / 2;
  } else if (c == 1) {
    prob = n < 172 ? 2.0 / factorial(n - 1) : 0.0;
    p_mass_at_c = n < 171 ? static_cast<double>(n - 1) / factorial(n) : 0.0;
  } else if (4 * c == n * (n - 1) && alternative == Alternative::two_sided) {
    prob = 1.0;
  } else {
    // new[k] = number (or, for n >= 171, probability) of permutations of j items with k
    // inversions, built for j = 3..n by a running sum minus the sum shifted by j.
    std::vector<double> cur(c + 1, 0.0);
    cur[0] = 1.0;
    cur[1] = 1.0;
    const bool scaled = n >= 171;
    for (std::uint64_t j = 3; j <= n; ++j) {
      double run = 0.0;
      for (std::uint64_t k = 0; k <= c; ++k) {
        run += cur[k];
        cur[k] = run;
      }
      if (scaled) {
        const double jd = static_cast<double>(j);
        for (std::uint64_t k = 0; k <= c; ++k) cur[k] /= jd;
      }
      // new[j:] -= new[:c+1-j] reads the values from before the subtraction: walk downwards.
      if (j <= c)
        for (std::uint64_t k = c; k >= j; --k) cur[k] -= cur[k - j];
    }
    const double total = pairwise_sum(cur.data(), cur.size());
    if (!scaled) {
      const double fact = factorial(n);
      prob = 2.0 * total / fact;
      p_mass_at_c = cur[c] / fact;
    } else {
      prob = total;
      p_mass_at_c = cur[c] / 2;
    }
  }
  if (alternative != Alternative::two_sided) {
    if (in_right_tail == alternative_greater)
      prob /= 2;
    else
      prob = 1 - prob / 2 + p_mass_at_c;
  }
  return std::clamp(prob, 0.0, 1.0);
}

}  // namespace tauflow::kendall
