// pearson(): Pearson's product-moment correlation with scipy.stats.pearsonr's numbers.
import { native } from '../native.js';
import type { NumericArray } from '../validate.js';
import {
  type CorrelationOptions,
  type CorrelationResult,
  prepareCorrelation,
} from './correlation_options.js';

/**
 * Pearson's correlation coefficient and its p-value, as `scipy.stats.pearsonr` (1.10).
 *
 * r = Σ(x − x̄)(y − ȳ) / (‖x − x̄‖ ‖y − ȳ‖), clipped to [−1, 1], with compensated sums (so r is
 * at least as accurate as scipy's). Under the null (independent normal samples) r follows a
 * Beta(n/2 − 1, n/2 − 1) distribution on [−1, 1]; the p-value is its tail, computed with a
 * regularized incomplete beta accurate to ~1e-13 even for p-values near 1e-300.
 *
 * Edge cases as scipy: n < 2 → RangeError; a constant x or y → NaN (scipy warns); n = 2 →
 * r = sign(x₁ − x₀)·sign(y₁ − y₀) with p = 1. scipy's pearsonr has no nan_policy (it throws on
 * NaN for n > 2); here 'propagate' (default) returns NaN, 'omit' drops pairs with a NaN (then
 * needs ≥ 2 pairs), 'raise' throws. ±Infinity is a RangeError (scipy throws too).
 *
 * @param x - number[] or any numeric typed array, finite or NaN
 * @param y - same length as x
 * @param options - `alternative`: 'two-sided' (default) | 'less' | 'greater';
 *   `nanPolicy`: 'propagate' (default) | 'omit' | 'raise'
 * @throws TypeError for non-numeric input or unknown options; RangeError for a length mismatch,
 *   fewer than 2 pairs, ±Infinity, a bad option value, or NaN with nanPolicy 'raise'
 * @example
 * import { pearson } from 'tauflow';
 * pearson([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2]);
 * // → { statistic: -0.8285038835884277, pvalue: 0.021280260007523366 }  (scipy's p: 0.021280260007523352)
 * pearson([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2], { alternative: 'less' }).pvalue;
 * // → 0.010640130003761683  (scipy: 0.010640130003761676)
 */
export function pearson(x: NumericArray, y: NumericArray, options?: CorrelationOptions): CorrelationResult {
  const prepared = prepareCorrelation('pearson', x, y, options, { finite: true, minPairs: 2 });
  if (!prepared) return { statistic: NaN, pvalue: NaN };
  return native().pearson(prepared.x, prepared.y, prepared.alternative);
}
