// Options and result shared by spearman() and pearson(): scipy's `alternative` and `nan_policy`.
import { checkOptions, type NumericArray, oneOf, sameLength, toFloat64 } from '../validate.js';
import { NAN_POLICIES, type NanPolicy, pairsAfterNanPolicy } from './nan_policy.js';

export type Alternative = 'two-sided' | 'less' | 'greater';
export const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'less', 'greater'];

export interface CorrelationOptions {
  /** Alternative hypothesis: 'two-sided' (default), 'less' (negative correlation), 'greater'. */
  alternative?: Alternative;
  /** 'propagate' (default): NaN in, NaN out; 'omit': drop pairs with a NaN; 'raise': RangeError. */
  nanPolicy?: NanPolicy;
}

export interface CorrelationResult {
  /** The correlation coefficient, in [-1, 1]; NaN when undefined (constant input, NaN input). */
  statistic: number;
  /** p-value for the null hypothesis of no correlation under `alternative`. */
  pvalue: number;
}

/** Validates (x, y, options) and applies the NaN policy; null means "the answer is NaN". */
export function prepareCorrelation(
  fn: string,
  x: unknown,
  y: unknown,
  options: unknown,
  opts: { finite?: boolean; minPairs?: number } = {},
): { x: Float64Array; y: Float64Array; alternative: Alternative } | null {
  const o = checkOptions<CorrelationOptions>(fn, options, ['alternative', 'nanPolicy']);
  const alternative = oneOf(fn, 'options.alternative', o.alternative, ALTERNATIVES, 'two-sided');
  const nanPolicy = oneOf(fn, 'options.nanPolicy', o.nanPolicy, NAN_POLICIES, 'propagate');
  const fx = toFloat64(fn, 'x', x as NumericArray, opts);
  const fy = toFloat64(fn, 'y', y as NumericArray, opts);
  sameLength(fn, fx, fy);
  if (opts.minPairs !== undefined && fx.length < opts.minPairs)
    throw tooFewPairs(fn, opts.minPairs, fx.length);
  const pairs = pairsAfterNanPolicy(fn, fx, fy, nanPolicy);
  if (pairs && opts.minPairs !== undefined && pairs.x.length < opts.minPairs)
    throw tooFewPairs(fn, opts.minPairs, pairs.x.length, ' (after omitting pairs with NaN)');
  return pairs && { ...pairs, alternative };
}

function tooFewPairs(fn: string, min: number, got: number, note = ''): RangeError {
  return new RangeError(`${fn}: expected at least ${min} pairs${note} for x and y but received ${got}`);
}
