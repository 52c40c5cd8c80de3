// How a statistic treats NaN in its inputs (scipy's nan_policy, camelCased):
//   'propagate' -> the result is NaN;  'omit' -> drop every pair with a NaN in x or y;
//   'raise' -> RangeError naming the first NaN element.
import { rangeError } from '../validate.js';

export type NanPolicy = 'propagate' | 'omit' | 'raise';
export const NAN_POLICIES: readonly NanPolicy[] = ['propagate', 'omit', 'raise'];

/**
 * Applies `policy` to paired samples. Returns the pairs to use (the inputs themselves when no
 * NaN is present, so nothing is copied), or null when the answer must be NaN ('propagate').
 */
export function pairsAfterNanPolicy(
  fn: string,
  x: Float64Array,
  y: Float64Array,
  policy: NanPolicy,
): { x: Float64Array; y: Float64Array } | null {
  let firstNan = -1;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
      firstNan = i;
      break;
    }
  }
  if (firstNan < 0) return { x, y };
  if (policy === 'propagate') return null;
  if (policy === 'raise') {
    const arg = Number.isNaN(x[firstNan]) ? 'x' : 'y';
    throw rangeError(fn, `${arg}[${firstNan}]`, "a number that is not NaN (nanPolicy is 'raise')", NaN);
  }
  let kept = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) kept++;
  const ox = new Float64Array(kept);
  const oy = new Float64Array(kept);
  for (let i = 0, k = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    ox[k] = x[i];
    oy[k] = y[i];
    k++;
  }
  return { x: ox, y: oy };
}
