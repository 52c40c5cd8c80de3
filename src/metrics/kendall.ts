// Kendall's tau with scipy.stats.kendalltau (1.10.1) semantics, computed natively in O(n log n)
// (native/core/kendall_counts.cpp). This file validates, converts to Float64Array and turns the
// native status codes into errors; the math and the NaN policies run in C++.
import type { NativeKendallOptions, NativeKendallResult } from '../../binding.js';
import { native } from '../native.js';
import { checkOptions, type NumericArray, oneOf, rangeError, sameLength, toFloat64 } from '../validate.js';

export type KendallVariant = 'a' | 'b' | 'c';
export type KendallAlternative = 'two-sided' | 'less' | 'greater';
export type KendallMethod = 'auto' | 'exact' | 'asymptotic';
export type NanPolicy = 'propagate' | 'omit' | 'raise';

export interface KendallTauOptions {
  /** 'b' (default, tie-corrected), 'c' (Stuart's, for tables) or 'a' ((C - D) / (n(n-1)/2)) */
  variant?: KendallVariant;
  /** alternative hypothesis for the p-value; default 'two-sided' */
  alternative?: KendallAlternative;
  /**
   * 'auto' (default): exact null distribution when there are no ties and n <= 33 (or at most one
   * discordant / concordant pair), else the tie-corrected normal approximation. 'exact' with
   * ties is an error, as in scipy.
   */
  method?: KendallMethod;
  /**
   * 'propagate' (default): NaN in, NaN out. 'omit': drop rows where x or y is NaN (and, as scipy
   * does once a NaN is present, ±Infinity). 'raise': RangeError naming the first NaN.
   */
  nanPolicy?: NanPolicy;
}

export interface KendallTauResult {
  /** tau of the requested variant, in [-1, 1]; NaN for constant input, n < 2 or propagated NaN */
  statistic: number;
  /** p-value of the test of tau = 0 against `alternative` */
  pvalue: number;
  variant: KendallVariant;
  /** the p-value method used ('auto' when none was computed, e.g. for constant input) */
  method: KendallMethod;
  /**
   * rows used, after NaN omission. The counts below are exact while they stay under 2^53
   * (n up to about 1.3e8 rows); they are computed in 64-bit integers natively.
   */
  n: number;
  /** concordant pairs (NaN when NaN was propagated) */
  concordant: number;
  /** discordant pairs */
  discordant: number;
  /** pairs tied in x (including those tied in y too) */
  tiesX: number;
  /** pairs tied in y (including those tied in x too) */
  tiesY: number;
  /** pairs tied in both; concordant + discordant + tiesX + tiesY - tiesXY = n(n-1)/2 */
  tiesXY: number;
}

const KNOWN = ['variant', 'alternative', 'method', 'nanPolicy'] as const;

/** Validated, converted arguments for the native call. */
export function prepareKendall(
  fn: string,
  x: unknown,
  y: unknown,
  options: unknown,
): { x: Float64Array; y: Float64Array; options: Required<NativeKendallOptions> } {
  const o = checkOptions<KendallTauOptions>(fn, options, KNOWN);
  const opts: Required<NativeKendallOptions> = {
    variant: oneOf(fn, 'options.variant', o.variant, ['a', 'b', 'c'] as const, 'b'),
    alternative: oneOf(
      fn,
      'options.alternative',
      o.alternative,
      ['two-sided', 'less', 'greater'] as const,
      'two-sided',
    ),
    method: oneOf(fn, 'options.method', o.method, ['auto', 'exact', 'asymptotic'] as const, 'auto'),
    nanPolicy: oneOf(
      fn,
      'options.nanPolicy',
      o.nanPolicy,
      ['propagate', 'omit', 'raise'] as const,
      'propagate',
    ),
  };
  const xs = toFloat64(fn, 'x', x);
  const ys = toFloat64(fn, 'y', y);
  sameLength(fn, xs, ys);
  if (xs.length > 0xffffffff) throw rangeError(fn, 'x', 'at most 4294967295 values', x);
  return { x: xs, y: ys, options: opts };
}

/** Turns a native result into the public one, throwing for the error statuses. */
export function finishKendall(
  fn: string,
  r: NativeKendallResult,
  options: Required<NativeKendallOptions>,
): KendallTauResult {
  if (r.status === 'nan-found') {
    const arg = r.nanArg === 0 ? 'x' : 'y';
    if (r.nanIndex >= 0)
      throw rangeError(fn, `${arg}[${r.nanIndex}]`, "a number other than NaN (nanPolicy 'raise')", NaN);
    throw rangeError(
      fn,
      arg,
      "values without NaN (nanPolicy 'raise'; like scipy 1.10, which tests the sum for NaN, " +
        '+Infinity together with -Infinity counts as NaN)',
      NaN,
    );
  }
  if (r.status === 'exact-with-ties')
    throw rangeError(
      fn,
      'options.method',
      "'auto' or 'asymptotic' when x or y has ties (the exact null distribution assumes none)",
      'exact',
    );
  if (r.status === 'exact-too-large')
    throw rangeError(
      fn,
      'options.method',
      `'auto' or 'asymptotic' for n = ${r.n} (the exact distribution would take n * min(C, D) > 2e9 steps)`,
      'exact',
    );
  // Counts are unknown when NaN was propagated (n >= 2 but nothing counted).
  const known = r.counted || r.n < 2;
  const count = (v: number) => (known ? v : Number.NaN);
  return {
    statistic: r.statistic,
    pvalue: r.pvalue,
    variant: options.variant,
    method: r.method,
    n: r.n,
    concordant: count(r.concordant),
    discordant: count(r.discordant),
    tiesX: count(r.tiesX),
    tiesY: count(r.tiesY),
    tiesXY: count(r.tiesXY),
  };
}

/**
 * Kendall's rank correlation tau between x and y, exact in O(n log n), with
 * scipy.stats.kendalltau's semantics (scipy 1.10.1) and camelCase options.
 *
 *   tau_a = (C - D) / (n(n-1)/2)
 *   tau_b = (C - D) / sqrt((P - T_x)(P - T_y))      P = n(n-1)/2, T = pairs tied in x / in y
 *   tau_c = 2 (C - D) / (n^2 (m - 1) / m)           m = min(#distinct x, #distinct y)
 *
 * x and y: number[] or any numeric typed array (BigInt arrays are converted to numbers), of
 * the same length. ±Infinity are ordinary values. Constant input, n < 2 and (with nanPolicy
 * 'propagate') NaN give a NaN statistic and p-value, as scipy does. Large inputs use all threads.
 *
 * @example
 * ```ts
 * import { kendallTau } from 'tauflow';
 * const r = kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
 * r.statistic; // -0.4714045207910316   (scipy: -0.47140452079103173)
 * r.pvalue;    //  0.2827454599327746   (tie-corrected normal approximation)
 * kendallTau([1, 2, 3, 4], [1, 3, 2, 4], { alternative: 'greater' }).pvalue; // 0.16666… (exact)
 * ```
 */
export function kendallTau(x: NumericArray, y: NumericArray, options?: KendallTauOptions): KendallTauResult {
  const a = prepareKendall('kendallTau', x, y, options);
  return finishKendall('kendallTau', native().kendallTau(a.x, a.y, a.options), a.options);
}

/**
 * kendallTau computed on a libuv worker thread: the event loop keeps running while the sort and
 * count proceed. Inputs are copied before the promise is returned, so they may be changed
 * afterwards. Invalid arguments reject the promise with the same errors kendallTau throws.
 *
 * @example
 * ```ts
 * import { kendallTauAsync } from 'tauflow';
 * const { statistic, pvalue } = await kendallTauAsync(predictions, targets, { variant: 'c' });
 * ```
 */
export async function kendallTauAsync(
  x: NumericArray,
  y: NumericArray,
  options?: KendallTauOptions,
): Promise<KendallTauResult> {
  const a = prepareKendall('kendallTauAsync', x, y, options);
  const r = await native().kendallTauAsync(a.x, a.y, a.options);
  return finishKendall('kendallTauAsync', r, a.options);
}
