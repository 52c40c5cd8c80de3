// averageRanks(): scipy.stats.rankdata(x, method='average'), computed natively.
import { native } from '../native.js';
import { type NumericArray, rangeError, toFloat64 } from '../validate.js';

/**
 * 1-based ranks of `x` where tied values share the mean of the positions they occupy, as
 * `scipy.stats.rankdata(x)` (method 'average'). Sorting is a parallel, stable radix sort in C++.
 * ±Infinity rank first/last; NaN has no rank and is a RangeError.
 *
 * @example
 * import { averageRanks } from 'tauflow';
 * averageRanks([10, 20, 20, 5]); // → Float64Array [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: NumericArray): Float64Array {
  const fx = toFloat64('averageRanks', 'x', x);
  for (let i = 0; i < fx.length; i++)
    if (Number.isNaN(fx[i])) throw rangeError('averageRanks', `x[${i}]`, 'a number that is not NaN', NaN);
  return native().averageRanks(fx);
}
