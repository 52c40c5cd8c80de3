// Up-sampling of rare scores: hard images (the VSD right tail) are few, so an epoch draws samples
// with weights inverse to the frequency of their score's histogram bin, capped so that a bin with
// a handful of images is not repeated hundreds of times. Returns the epoch's index order.
import { checkOptions, integerIn, numberIn, toFloat64 } from '../../validate.js';
import { createRng, type Rng } from '../rng.js';

export interface UpsampleOptions {
  /** equal-width histogram bins over [min, max] of the scores (default 10) */
  bins?: number;
  /** largest weight relative to the most frequent bin's (default 10): rare bins get ≤ cap× */
  cap?: number;
  /** indices in the epoch (default: as many as there are scores) */
  length?: number;
}

/** Bin of each score, and each sample's sampling weight (1 for the fullest bin, up to cap). */
export function binWeights(
  scores: ArrayLike<number>,
  bins = 10,
  cap = 10,
): { bin: Int32Array; weight: Float64Array; counts: number[] } {
  const n = scores.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, scores[i]);
    hi = Math.max(hi, scores[i]);
  }
  const width = (hi - lo) / bins || 1;
  const bin = new Int32Array(n);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    bin[i] = Math.min(bins - 1, Math.floor((scores[i] - lo) / width));
    counts[bin[i]]++;
  }
  const fullest = Math.max(...counts);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) weight[i] = Math.min(cap, fullest / counts[bin[i]]);
  return { bin, weight, counts };
}

/**
 * An epoch's index order drawn with replacement, each index with probability ∝ its bin weight.
 * @example
 * const order = upsampleOrder(train.samples.map((s) => s.score), createRng(epochSeed), { bins: 10, cap: 8 });
 * for (let i = 0; i < order.length; i += 32) await train.batch(order.slice(i, i + 32));
 */
export function upsampleOrder(
  scores: ArrayLike<number>,
  rng: Rng | number,
  options?: UpsampleOptions,
): number[] {
  const fn = 'upsampleOrder';
  const s = toFloat64(
    fn,
    'scores',
    Array.isArray(scores) || ArrayBuffer.isView(scores) ? scores : undefined,
    {
      finite: true,
    },
  );
  const o = checkOptions<UpsampleOptions>(fn, options, ['bins', 'cap', 'length']);
  const bins = integerIn(fn, 'bins', o.bins, 1, 100_000, 10);
  const cap = numberIn(fn, 'cap', o.cap, 1, Number.MAX_VALUE, 10);
  const length = integerIn(fn, 'length', o.length, 0, 2 ** 31 - 1, s.length);
  if (s.length === 0) return [];
  const { weight } = binWeights(s, bins, cap);
  const cumulative = new Float64Array(s.length);
  let total = 0;
  for (let i = 0; i < s.length; i++) cumulative[i] = total += weight[i];
  const r = typeof rng === 'number' ? createRng(rng) : rng;
  const order: number[] = [];
  for (let k = 0; k < length; k++) {
    const u = r.next() * total;
    let a = 0;
    let b = s.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cumulative[m] > u) b = m;
      else a = m + 1;
    }
    order.push(a);
  }
  return order;
}
