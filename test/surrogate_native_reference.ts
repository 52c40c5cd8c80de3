// O(n^2) float64 reference of the fused surrogate (the formulas in binding.d.ts and
// native/core/surrogate_normalize.h, written out pair by pair), an exact Kendall tau-b oracle,
// and a seeded random generator. Used by the native and GPU test suites; not part of the package.
import type { NativeSurrogateOptions } from '../binding.js';

export type SurrogateOptions = Omit<NativeSurrogateOptions, 'device' | 'wantGrad'>;

import { rng } from './helpers/seeded_rng.js';

export { rng };

function phi(kind: string, x: number): [number, number] {
  if (kind === 'tanh') {
    const s = Math.tanh(x);
    return [s, 1 - s * s];
  }
  if (kind === 'hardtanh') return [Math.min(1, Math.max(-1, x)), x > -1 && x < 1 ? 1 : 0];
  // logistic: 2 sigma(x) - 1, derivative 2 sigma (1 - sigma)
  const sig = 1 / (1 + Math.exp(-x));
  return [2 * sig - 1, 2 * sig * (1 - sig)];
}

function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** Value and gradient of one list, every pair i < j visited once, all in float64. */
export function referenceList(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | null,
  o: SurrogateOptions,
): { value: number; grad: Float64Array } {
  const n = p.length;
  const gv = new Float64Array(n);
  const gq = new Float64Array(n);
  let V = 0;
  let Q = 0;
  let T = 0;
  let W = 0;
  let N = 0;
  const corr = o.surrogate === 'tanh' || o.surrogate === 'hardtanh' || o.surrogate === 'logistic';
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = p[i] - p[j];
      const t = Math.sign(y[i] - y[j]);
      const wij =
        o.weighting === 'none' ? 1 : o.weighting === 'target-diff' ? Math.abs(y[i] - y[j]) : w![i] * w![j];
      W += wij;
      if (t !== 0) {
        T += wij;
        N += 1;
      }
      let g = 0;
      if (corr) {
        const [s, ds] = phi(o.surrogate, o.alpha * d);
        V += wij * t * s;
        g = wij * t * o.alpha * ds;
        Q += wij * s * s;
        const h = wij * s * o.alpha * ds;
        gq[i] += h;
        gq[j] -= h;
      } else if (t !== 0 && o.surrogate === 'ranknet') {
        const u = -o.alpha * t * d;
        V += wij * softplus(u);
        g = (-wij * o.alpha * t) / (1 + Math.exp(-u));
      } else if (t !== 0) {
        const r = o.margin - t * d;
        V += wij * Math.max(0, r);
        g = r > 0 ? -wij * t : 0;
      }
      gv[i] += g;
      gv[j] -= g;
    }
  }
  const grad = new Float64Array(n);
  if (!corr) {
    if (N === 0) return { value: Number.NaN, grad };
    for (let k = 0; k < n; k++) grad[k] = gv[k] / N;
    return { value: V / N, grad };
  }
  if (o.normalization === 'tau-a') {
    if (!(W > 0) || N === 0) return { value: Number.NaN, grad }; // all targets tied: undefined
    for (let k = 0; k < n; k++) grad[k] = gv[k] / W;
    return { value: V / W, grad };
  }
  if (!(Q * T > 0)) return { value: Number.NaN, grad };
  const den = Math.sqrt(Q * T);
  for (let k = 0; k < n; k++) grad[k] = (gv[k] - (V / Q) * gq[k]) / den;
  return { value: V / den, grad };
}

/** The same over B lists laid out row-major [B, n]. */
export function reference(
  p: Float32Array,
  y: Float32Array,
  w: Float32Array | null,
  batch: number,
  n: number,
  o: SurrogateOptions,
): { value: Float64Array; grad: Float64Array } {
  const value = new Float64Array(batch);
  const grad = new Float64Array(batch * n);
  for (let b = 0; b < batch; b++) {
    const r = referenceList(
      p.subarray(b * n, (b + 1) * n),
      y.subarray(b * n, (b + 1) * n),
      w ? w.subarray(b * n, (b + 1) * n) : null,
      o,
    );
    value[b] = r.value;
    grad.set(r.grad, b * n);
  }
  return { value, grad };
}

/** Exact Kendall tau-b by counting pairs (ties included); NaN when undefined. */
export { tauBNaive as exactTauB } from './helpers/tau_b_naive.js';

export const KINDS = ['tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge'] as const;
export const WEIGHTINGS = ['none', 'target-diff', 'user'] as const;

/**
 * B lists of n, row-major float32: targets on `levels` half-integer values from 2 (ties),
 * predictions correlated with them plus noise, positive user weights; seeded.
 * @example const { p, y, w } = makeInput(2, 100, 1); // p.length === 200
 */
export function makeInput(batch: number, n: number, seed: number, levels = 7) {
  const r = rng(seed);
  const p = new Float32Array(batch * n);
  const y = new Float32Array(batch * n);
  const w = new Float32Array(batch * n);
  for (let k = 0; k < batch * n; k++) {
    y[k] = Math.floor(r() * levels) * 0.5 + 2;
    p[k] = 0.3 * y[k] + r() - 0.5;
    w[k] = 0.25 + r();
  }
  return { p, y, w };
}
