// spearman(): Spearman's rank correlation with scipy.stats.spearmanr's numbers.
import { native } from '../native.js';
import type { NumericArray } from '../validate.js';
import {
  type CorrelationOptions,
  type CorrelationResult,
  prepareCorrelation,
} from './correlation_options.js';

/**
 * Spearman's rank correlation coefficient and its p-value, as `scipy.stats.spearmanr` (1.10).
 *
 * r_s is the Pearson correlation of the average ranks (ties share the mean of their positions);
 * the p-value uses t = r_s √((n − 2) / ((1 + r_s)(1 − r_s))) against Student's t with n − 2
 * degrees of freedom (accurate for large n, as scipy warns). Ranking runs natively (a parallel
 * radix sort) and the rank sums are exact integers, so r_s is bit-identical to scipy's for
 * n up to ~3e5 and within a few ulps beyond.
 *
 * Edge cases as scipy: n ≤ 1 → NaN; a constant x or y → NaN (scipy also warns); n = 2 → r_s = ±1
 * (as 0.9999999999999999, like numpy.corrcoef) with p NaN. Where scipy is inconsistent we pick
 * one rule: ±Infinity are ordinary (extreme) values whatever the NaN policy; 'omit' drops the
 * pairs with a NaN and then applies the same rules (n ≤ 1 or constant → NaN; scipy's
 * masked-array path gives r = 0, p = 1 for constant data or throws for n = 1); 'raise' throws
 * for a NaN even when the other input is constant.
 *
 * @param x - number[] or any numeric typed array
 * @param y - same length as x
 * @param options - `alternative`: 'two-sided' (default) | 'less' | 'greater';
 *   `nanPolicy`: 'propagate' (default) | 'omit' | 'raise'
 * @throws TypeError for non-numeric input or unknown options; RangeError for a length mismatch,
 *   a bad option value, or NaN with nanPolicy 'raise'
 * @example
 * import { spearman } from 'tauflow';
 * spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
 * // → { statistic: 0.8207826816681233, pvalue: 0.08858700531354388 }  (scipy's p: 0.08858700531354381)
 * spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7], { alternative: 'greater' }).pvalue;
 * // → 0.04429350265677194  (scipy: 0.044293502656771906)
 */
export function spearman(x: NumericArray, y: NumericArray, options?: CorrelationOptions): CorrelationResult {
  const prepared = prepareCorrelation('spearman', x, y, options);
  if (!prepared) return { statistic: NaN, pvalue: NaN };
  return native().spearman(prepared.x, prepared.y, prepared.alternative);
}
