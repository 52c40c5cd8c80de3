// Special functions behind the p-values of Spearman and Pearson (and any t / beta test):
// the regularized incomplete beta function I_x(a, b) with its complement, and the Student t
// cumulative distribution. Pure C++17, no dependencies.
//
// Accuracy target: ~1e-13 relative in both tails for the a, b that correlation tests produce
// (a, b from 0.5 to ~1e7), so p-values as small as 1e-300 keep their leading digits. The caller
// passes both x and y = 1 - x when it can compute y without cancellation (as TOMS 708's bratio
// does), because I_x(a, b) near x = 1 depends on y, not on the rounded x.
#pragma once

namespace tauflow {

// I_x(a, b) and 1 - I_x(a, b), each computed directly (no 1 - small cancellation in the tail).
struct BetaIncResult {
  double lower;  // I_x(a, b)       = P(X <= x) for X ~ Beta(a, b)
  double upper;  // 1 - I_x(a, b)   = P(X >  x)
};

// Regularized incomplete beta for a, b > 0 and x in [0, 1], with y = 1 - x supplied by the caller.
// Returns NaN for NaN or out-of-domain arguments.
BetaIncResult beta_inc(double a, double b, double x, double y);

// Convenience: y computed as 1 - x.
inline BetaIncResult beta_inc(double a, double b, double x) { return beta_inc(a, b, x, 1.0 - x); }

// Student t with df > 0 degrees of freedom: P(T <= t). Same values as scipy.special.stdtr(df, t)
// (cdflib's cdft, which also goes through the incomplete beta with x = df/(df+t^2)).
double student_t_cdf(double df, double t);

// ln Gamma(z) - [(z - 1/2) ln z - z + ln(2 pi)/2]: the Stirling-series remainder, for z > 0.
// Lets ln B(a, b) for large a, b be formed without subtracting huge lgamma values.
double stirling_error(double z);

}  // namespace tauflow
