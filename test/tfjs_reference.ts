// Float64 reference of the fused surrogate for the tests: the formulas of binding.d.ts written
// out pair by pair in plain JS, plus a central finite difference of it (the float64 gradient
// oracle). O(n²) per value, so only for small n.
import type { NativeSurrogateOptions } from '../binding.js';

export type ReferenceOptions = Omit<NativeSurrogateOptions, 'device' | 'wantGrad'>;

function phi(kind: ReferenceOptions['surrogate'], x: number): number {
  if (kind === 'tanh') return Math.tanh(x);
  if (kind === 'hardtanh') return Math.max(-1, Math.min(1, x));
  return 2 / (1 + Math.exp(-x)) - 1; // logistic: 2σ(x) − 1
}

/** Value of one list (length n) in float64. */
export function referenceValue(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | null,
  o: ReferenceOptions,
): number {
  const n = p.length;
  let num = 0;
  let den = 0;
  let ss = 0;
  let tt = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = p[i] - p[j];
      const t = Math.sign(y[i] - y[j]);
      const wij =
        o.weighting === 'none' ? 1 : o.weighting === 'target-diff' ? Math.abs(y[i] - y[j]) : w![i] * w![j];
      if (o.surrogate === 'ranknet' || o.surrogate === 'hinge') {
        if (t === 0) continue;
        const l =
          o.surrogate === 'ranknet' ? Math.log1p(Math.exp(-o.alpha * t * d)) : Math.max(0, o.margin - t * d);
        num += wij * l;
        den += 1; // a mean over ordered pairs: weights scale terms, not the count
      } else {
        const s = phi(o.surrogate, o.alpha * d);
        num += wij * s * t;
        den += wij;
        ss += wij * s * s;
        tt += wij * t * t;
      }
    }
  }
  if (o.surrogate === 'ranknet' || o.surrogate === 'hinge' || o.normalization === 'tau-a')
    return den > 0 ? num / den : Number.NaN;
  const norm = Math.sqrt(ss * tt);
  return norm > 0 ? num / norm : Number.NaN;
}

/** Central finite difference of referenceValue wrt p, in float64. */
export function referenceGrad(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | null,
  o: ReferenceOptions,
  h = 1e-6,
): Float64Array {
  const x = Float64Array.from(p);
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + h;
    const up = referenceValue(x, y, w, o);
    x[i] = keep - h;
    const down = referenceValue(x, y, w, o);
    x[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Rows of a row-major [B, n] array. */
export function rows<T extends { subarray(a: number, b: number): T }>(a: T, batch: number, n: number): T[] {
  return Array.from({ length: batch }, (_, b) => a.subarray(b * n, (b + 1) * n));
}

/** Exact Kendall tau-b by counting pairs (ties included); NaN when undefined. */
export { tauBNaive as exactTauB } from './helpers/tau_b_naive.js';
