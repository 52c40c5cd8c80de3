// Kendall tau for every pair of columns, pairwise complete like pandas
// DataFrame.corr(method='kendall'); each column is sorted once natively and the m(m-1)/2 pairs
// are spread over threads (native/core/kendall_matrix.cpp).
import { native } from '../native.js';
import { checkOptions, integerIn, oneOf, rangeError, toFloat64, typeError } from '../validate.js';
import type { KendallAlternative, KendallMethod, KendallVariant } from './kendall.js';

export interface KendallMatrixOptions {
  /** 'b' (default, what pandas computes), 'c' or 'a' */
  variant?: KendallVariant;
  /** alternative hypothesis for the p-values; default 'two-sided' */
  alternative?: KendallAlternative;
  /** p-value method, as in kendallTau; 'exact' gives NaN p-values for pairs with ties */
  method?: KendallMethod;
  /** fewest pairwise-complete rows for a value (else NaN); default 1, as pandas */
  minPeriods?: number;
}

export interface KendallMatrixResult {
  /** number of columns */
  m: number;
  /** rows per column */
  rows: number;
  /** m*m tau values, row-major, symmetric; 1 on the diagonal (NaN if a column has < minPeriods finite values) */
  values: Float64Array;
  /** m*m p-values, row-major; NaN on the diagonal */
  pvalues: Float64Array;
  /** m*m rows used by each pair (both values finite); the diagonal holds each column's finite count */
  counts: Float64Array;
}

const KNOWN = ['variant', 'alternative', 'method', 'minPeriods'] as const;

/**
 * Kendall tau between every pair of columns (all of one length), using for each pair the rows
 * where both values are finite — what pandas DataFrame.corr(method='kendall') returns, plus
 * p-values and pair counts. Columns: number[] or numeric typed arrays.
 *
 * @example
 * ```ts
 * import { kendallMatrix } from 'tauflow';
 * const { values } = kendallMatrix([
 *   [1, 2, 3, 4],
 *   [1, 3, 2, 4],
 *   [4, 3, NaN, 1],
 * ]);
 * values[0 * 3 + 1]; // tau-b(col0, col1) =  0.666…
 * values[0 * 3 + 2]; // tau-b over rows 0, 1, 3 = -1
 * ```
 */
export function kendallMatrix(columns: unknown[], options?: KendallMatrixOptions): KendallMatrixResult {
  const fn = 'kendallMatrix';
  const o = checkOptions<KendallMatrixOptions>(fn, options, KNOWN);
  const variant = oneOf(fn, 'options.variant', o.variant, ['a', 'b', 'c'] as const, 'b');
  const alternative = oneOf(
    fn,
    'options.alternative',
    o.alternative,
    ['two-sided', 'less', 'greater'] as const,
    'two-sided',
  );
  const method = oneOf(fn, 'options.method', o.method, ['auto', 'exact', 'asymptotic'] as const, 'auto');
  const minPeriods = integerIn(fn, 'options.minPeriods', o.minPeriods, 0, Number.MAX_SAFE_INTEGER, 1);
  if (!Array.isArray(columns)) throw typeError(fn, 'columns', 'an array of columns', columns);
  const cols = columns.map((c, k) => toFloat64(fn, `columns[${k}]`, c));
  const rows = cols.length ? cols[0].length : 0;
  cols.forEach((c, k) => {
    if (c.length !== rows)
      throw rangeError(fn, `columns[${k}]`, `a column of length ${rows} (as columns[0])`, columns[k]);
  });
  const r = native().kendallMatrix(cols, { variant, alternative, method }, minPeriods);
  return { m: cols.length, rows, values: r.values, pvalues: r.pvalues, counts: r.counts };
}
