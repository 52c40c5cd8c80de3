// softKendall against two independent oracles, for every surrogate × weighting × normalisation,
// on rank-1 and rank-2 inputs with target ties:
//   1. the naive tfjs composition (n×n broadcast, gradient by tfjs autograd) on the cpu backend;
//   2. a float64 JS reference of the formulas and its central finite difference.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { naiveSoftKendall } from '../bench/soft_kendall_naive.js';
import { kendallTau } from '../src/metrics/kendall.js';
import type { Normalization, PairWeighting, SurrogateKind } from '../src/tfjs/index.js';
import { losses, softKendall } from '../src/tfjs/index.js';
import { lists } from './tfjs_data.js';
import { exactTauB, referenceGrad, referenceValue, rows } from './tfjs_reference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** max |a − b| ≤ tol · max(1, max |b|): a scale-aware closeness for values and gradients. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  let scale = 1e-3;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  expect(worst).toBeLessThanOrEqual(tol * scale);
}

const correlations: SurrogateKind[] = ['tanh', 'hardtanh', 'logistic'];
const weightings: PairWeighting[] = ['none', 'target-diff', 'user'];
const normalizations: Normalization[] = ['tau-a', 'tau-b'];
const cases: { surrogate: SurrogateKind; weighting: PairWeighting; normalization: Normalization }[] = [];
for (const surrogate of correlations)
  for (const weighting of weightings)
    for (const normalization of normalizations) cases.push({ surrogate, weighting, normalization });
for (const surrogate of ['ranknet', 'hinge'] as SurrogateKind[])
  for (const weighting of weightings) cases.push({ surrogate, weighting, normalization: 'tau-b' });

describe.each([
  { label: 'rank-1 [n]', batch: 1, n: 13, rank: 1 },
  { label: 'rank-2 [B, n]', batch: 3, n: 11, rank: 2 },
])('softKendall on $label', ({ batch, n, rank }) => {
  it.each(cases)('$surrogate / $weighting / $normalization: value and gradient', (c) => {
    const data = lists(batch, n, 7 + batch);
    const shape = rank === 1 ? [n] : [batch, n];
    const alpha = c.surrogate === 'hardtanh' ? 4 : 3;
    const margin = 0.2;
    const yPred = tf.tensor(data.pred, shape);
    const yTrue = tf.tensor(data.target, shape);
    const weights = c.weighting === 'user' ? tf.tensor(data.weights, shape) : undefined;
    const options = { ...c, alpha, margin, weights };

    const fusedValue = softKendall(yPred, yTrue, options);
    const fusedGrad = tf.grad((p: tf.Tensor) => softKendall(p, yTrue, options))(yPred);
    const naiveValue = naiveSoftKendall(yPred, yTrue, options);
    const naiveGrad = tf.grad((p: tf.Tensor) => naiveSoftKendall(p, yTrue, options))(yPred);
    expect(fusedValue.shape).toEqual(rank === 1 ? [] : [batch]);
    expect(fusedGrad.shape).toEqual(shape);

    // 1. naive tfjs composition (float32 all the way)
    expectClose(fusedValue.dataSync(), naiveValue.dataSync(), 2e-5);
    expectClose(fusedGrad.dataSync(), naiveGrad.dataSync(), 2e-4);

    // 2. float64 reference value and finite-difference gradient, list by list
    const ref = { ...c, alpha, margin };
    const w = c.weighting === 'user' ? rows(data.weights, batch, n) : null;
    const p = rows(data.pred, batch, n);
    const y = rows(data.target, batch, n);
    const refValues = p.map((_, b) => referenceValue(p[b], y[b], w?.[b] ?? null, ref));
    const refGrad = new Float64Array(batch * n);
    p.forEach((_, b) => {
      refGrad.set(referenceGrad(p[b], y[b], w?.[b] ?? null, ref), b * n);
    });
    expectClose(fusedValue.dataSync(), refValues, 1e-6);
    expectClose(fusedGrad.dataSync(), refGrad, 1e-4);

    // the gradient must not be trivially zero (it could then match anything)
    expect(Math.max(...fusedGrad.dataSync().map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([yPred, yTrue, fusedValue, fusedGrad, naiveValue, naiveGrad]);
    if (weights) weights.dispose();
  });
});

describe('softKendall hard limit', () => {
  it('equals exact tau-b for large alpha, with ties in targets and predictions', () => {
    const n = 40;
    const data = lists(1, n, 3);
    // predictions on a coarse grid: ties in yPred too
    const pred = data.pred.map((v) => Math.round(v * 10) / 10);
    const expected = exactTauB(pred, data.target);
    // the foundation's exact O(n log n) tau-b agrees with the O(n²) count
    expect(kendallTau(pred, data.target).statistic).toBeCloseTo(expected, 12);
    for (const surrogate of ['tanh', 'hardtanh', 'logistic'] as const) {
      const value = softKendall(tf.tensor1d(pred), tf.tensor1d(data.target), { surrogate, alpha: 1e6 });
      expect(value.dataSync()[0]).toBeCloseTo(expected, 6);
    }
    expect(expected).toBeGreaterThan(0.3); // a meaningful correlation, not 0 by accident
  });
});

describe('softKendall gradient plumbing', () => {
  it('scales the gradient by dy for each list of a batch', () => {
    const data = lists(2, 9, 11);
    const yTrue = tf.tensor2d(data.target, [2, 9]);
    const yPred = tf.tensor2d(data.pred, [2, 9]);
    const plain = tf
      .grad((p: tf.Tensor) => tf.sum(softKendall(p, yTrue)))(yPred)
      .arraySync() as number[][];
    const scaled = tf
      .grad((p: tf.Tensor) => tf.sum(tf.mul(softKendall(p, yTrue), tf.tensor1d([2, -3]))))(yPred)
      .arraySync() as number[][];
    for (let j = 0; j < 9; j++) {
      expect(scaled[0][j]).toBeCloseTo(2 * plain[0][j], 6);
      expect(scaled[1][j]).toBeCloseTo(-3 * plain[1][j], 6);
    }
  });

  it('gives yTrue and the user weights a zero gradient', () => {
    const data = lists(1, 8, 2);
    const yPred = tf.tensor1d(data.pred);
    const g = tf.grad((t: tf.Tensor) => softKendall(yPred, t))(tf.tensor1d(data.target));
    expect(Array.from(g.dataSync())).toEqual(new Array(8).fill(0));
    const yTrue = tf.tensor1d(data.target);
    const gw = tf.grad((w: tf.Tensor) => softKendall(yPred, yTrue, { weighting: 'user', weights: w }))(
      tf.tensor1d(data.weights),
    );
    expect(Array.from(gw.dataSync())).toEqual(new Array(8).fill(0));
  });

  it('computes the same value with and without a gradient tape', () => {
    const data = lists(1, 20, 4);
    const yPred = tf.tensor1d(data.pred);
    const yTrue = tf.tensor1d(data.target);
    const outside = softKendall(yPred, yTrue).dataSync()[0];
    const { value } = tf.valueAndGrad((p: tf.Tensor) => softKendall(p, yTrue))(yPred);
    expect(value.dataSync()[0]).toBe(outside);
  });
});

describe('softKendall on lists without a defined value', () => {
  it('is NaN with a zero gradient when all targets tie; losses.kendall then gives 1 and no gradient', () => {
    const yPred = tf.tensor1d([0.3, 0.1, 0.2, 0.5]);
    const yTrue = tf.tensor1d([2, 2, 2, 2]);
    expect(softKendall(yPred, yTrue).dataSync()[0]).toBeNaN();
    const g = tf.grad((p: tf.Tensor) => softKendall(p, yTrue))(yPred);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0]);
    const loss = losses.kendall();
    expect(loss(yTrue, yPred).dataSync()[0]).toBe(1);
    const lg = tf.grad((p: tf.Tensor) => loss(yTrue, p))(yPred);
    expect(Array.from(lg.dataSync(), Math.abs)).toEqual([0, 0, 0, 0]);
    expect(losses.kendall({ surrogate: 'hinge' })(yTrue, yPred).dataSync()[0]).toBe(0);
  });

  it('tau-b is NaN for constant predictions; tau-a is 0 there', () => {
    const yPred = tf.tensor1d([0.5, 0.5, 0.5]);
    const yTrue = tf.tensor1d([1, 2, 3]);
    expect(softKendall(yPred, yTrue).dataSync()[0]).toBeNaN();
    expect(softKendall(yPred, yTrue, { normalization: 'tau-a' }).dataSync()[0]).toBe(0);
  });
});
