// Maps a synthetic scene's latent difficulty to a score shaped like the real VSD scores.
// The latent difficulty is a sum of k independent U(0, 1) hardness factors, whose exact law is
// Irwin–Hall(k); its CDF turns the sum into an exactly uniform p, the normal quantile turns p into
// a standard normal z (where label noise is added without changing the law), and the real VSD
// quantile function turns Φ(z) into a score. So noise-free and noisy scores both have exactly the
// VSD distribution (range 2.455–9.628, median 3.22, 1.7% above 5) up to the quantile table's
// resolution, whatever the noise level.
import { VSD_PROBS, VSD_QUANTILES } from './vsd_quantiles.js';

/**
 * CDF of the sum of k independent U(0, 1): (1/k!) Σ_{j=0}^{⌊x⌋} (−1)^j C(k, j) (x − j)^k.
 * @example irwinHallCdf(2.5, 5) // 0.5
 */
export function irwinHallCdf(x: number, k: number): number {
  if (x <= 0) return 0;
  if (x >= k) return 1;
  // Symmetric around k/2: evaluate on the shorter side to limit cancellation.
  if (x > k / 2) return 1 - irwinHallCdf(k - x, k);
  let sum = 0;
  let binom = 1;
  for (let j = 0; j <= Math.floor(x); j++) {
    sum += (j % 2 === 0 ? 1 : -1) * binom * (x - j) ** k;
    binom = (binom * (k - j)) / (j + 1);
  }
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  return Math.min(1, Math.max(0, sum / factorial));
}

/** Standard normal CDF Φ(z), via Numerical Recipes' erfc (Chebyshev fit, |error| < 1.2e−7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const coef = [
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
    -0.82215223, 0.17087277,
  ];
  let poly = 0;
  for (let i = coef.length - 1; i >= 0; i--) poly = coef[i] + t * poly;
  const erfc = t * Math.exp(-x * x + poly);
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/**
 * Standard normal quantile Φ⁻¹(p) (P. J. Acklam's rational approximation, relative error < 1.2e−9).
 * @example normalQuantile(0.975) // ≈ 1.959964
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The real VSD quantile function: the score below which a fraction p of VSD images lie
 * (piecewise linear between the tabulated quantiles).
 * @example vsdQuantile(0.5) // 3.22, the VSD median
 */
export function vsdQuantile(p: number): number {
  if (!(p > 0)) return VSD_QUANTILES[0];
  if (p >= 1) return VSD_QUANTILES[VSD_QUANTILES.length - 1];
  let lo = 0;
  let hi = VSD_PROBS.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (VSD_PROBS[mid] <= p) lo = mid;
    else hi = mid;
  }
  const f = (p - VSD_PROBS[lo]) / (VSD_PROBS[hi] - VSD_PROBS[lo]);
  return VSD_QUANTILES[lo] + f * (VSD_QUANTILES[hi] - VSD_QUANTILES[lo]);
}

/** The latent standard-normal difficulty of a sum of k U(0, 1) hardness factors. */
export function latentFromHardnessSum(sum: number, k: number): number {
  // Clamp p away from 0 and 1 so z stays finite (|z| ≤ 6) at the corners of the factor cube.
  const p = Math.min(1 - 1e-9, Math.max(1e-9, irwinHallCdf(sum, k)));
  return normalQuantile(p);
}

/**
 * Label noise in latent units: z_noisy = (z + σ·ε) / √(1 + σ²) keeps z_noisy ~ N(0, 1), so noisy
 * scores keep the VSD shape. Kendall's tau between z and z_noisy is (2/π)·asin(1/√(1 + σ²)):
 * σ = 0.33 → ≈ 0.80 (the expected ceiling tau).
 */
export function noisyLatent(z: number, sigma: number, epsilon: number): number {
  return (z + sigma * epsilon) / Math.sqrt(1 + sigma * sigma);
}

/** The population ceiling tau that a latent noise σ implies (bivariate normal: (2/π)·asin ρ). */
export function expectedCeilingTau(sigma: number): number {
  return (2 / Math.PI) * Math.asin(1 / Math.sqrt(1 + sigma * sigma));
}

/** A latent N(0, 1) difficulty as a VSD-shaped score. */
export function scoreFromLatent(z: number): number {
  return vsdQuantile(normalCdf(z));
}
