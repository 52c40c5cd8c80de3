// The losses of tauflow/tfjs: values against their formulas written out in plain JS, [n] and
// [n, 1] inputs alike, gradients that flow, and the documented edge cases.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { losses, softKendall } from '../src/tfjs/index.js';
import { lists } from './tfjs_data.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const n = 24;
const data = lists(1, n, 13);
const q = Array.from(data.target);
const p = Array.from(data.pred, (v) => v + 3); // positive, for logRatio
const yTrue = () => tf.tensor1d(q);
const yPred = () => tf.tensor1d(p);
const column = (v: number[]) => tf.tensor2d(v, [v.length, 1]);
const scalarOf = (t: tf.Tensor) => {
  expect(t.shape).toEqual([]);
  return t.dataSync()[0];
};
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('losses', () => {
  it('kendall = 1 − softKendall for correlation surrogates, the pair loss itself for ranknet/hinge', () => {
    const tau = scalarOf(softKendall(yPred(), yTrue(), { alpha: 4 }));
    expect(scalarOf(losses.kendall({ alpha: 4 })(yTrue(), yPred()))).toBeCloseTo(1 - tau, 6);
    const rank = scalarOf(softKendall(yPred(), yTrue(), { surrogate: 'ranknet', alpha: 2 }));
    expect(scalarOf(losses.kendall({ surrogate: 'ranknet', alpha: 2 })(yTrue(), yPred()))).toBeCloseTo(
      rank,
      6,
    );
    const hinge = scalarOf(softKendall(yPred(), yTrue(), { surrogate: 'hinge', margin: 0.3 }));
    expect(scalarOf(losses.kendall({ surrogate: 'hinge', margin: 0.3 })(yTrue(), yPred()))).toBeCloseTo(
      hinge,
      6,
    );
  });

  it('mse = mean squared difference', () => {
    const expected = mean(p.map((v, i) => (v - q[i]) ** 2));
    expect(scalarOf(losses.mse()(yTrue(), yPred()))).toBeCloseTo(expected, 5);
  });

  it('joint = λ·kendall + (1 − λ)·mse, default λ 0.7', () => {
    const k = scalarOf(losses.kendall({ alpha: 4 })(yTrue(), yPred()));
    const m = scalarOf(losses.mse()(yTrue(), yPred()));
    expect(scalarOf(losses.joint({ lambda: 0.25, alpha: 4 })(yTrue(), yPred()))).toBeCloseTo(
      0.25 * k + 0.75 * m,
      5,
    );
    const kDefault = scalarOf(losses.kendall()(yTrue(), yPred()));
    expect(scalarOf(losses.joint()(yTrue(), yPred()))).toBeCloseTo(0.7 * kDefault + 0.3 * m, 5);
  });

  it('logRatio = mean |log(p / q)|', () => {
    const expected = mean(p.map((v, i) => Math.abs(Math.log(v / q[i]))));
    expect(scalarOf(losses.logRatio()(yTrue(), yPred()))).toBeCloseTo(expected, 5);
  });

  it('logRatio: a non-positive value is an error naming it, or clamped with epsilon', () => {
    const bad = [...p];
    bad[5] = -0.5;
    expect(() => losses.logRatio()(yTrue(), tf.tensor1d(bad))).toThrow(
      new RangeError(
        'losses.logRatio: expected a positive number (or pass { epsilon } to clamp) for yPred[5] but received the number -0.5',
      ),
    );
    const eps = 0.01;
    const expected = mean(bad.map((v, i) => Math.abs(Math.log(Math.max(v, eps) / q[i]))));
    expect(scalarOf(losses.logRatio({ epsilon: eps })(yTrue(), tf.tensor1d(bad)))).toBeCloseTo(expected, 4);
  });

  it('softmaxKL = KL(softmax(q) ‖ softmax(p)), 0 for p = q + c', () => {
    const sm = (v: number[]) => {
      const m = Math.max(...v);
      const e = v.map((x) => Math.exp(x - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    };
    const Q = sm(q);
    const P = sm(p);
    const expected = Q.reduce((acc, qi, i) => acc + qi * Math.log(qi / P[i]), 0);
    expect(expected).toBeGreaterThan(1e-3);
    expect(scalarOf(losses.softmaxKL()(yTrue(), yPred()))).toBeCloseTo(expected, 5);
    const shifted = tf.tensor1d(q.map((v) => v + 7));
    expect(scalarOf(losses.softmaxKL()(yTrue(), shifted))).toBeCloseTo(0, 6);
  });

  it.each([
    ['kendall', losses.kendall()],
    ['mse', losses.mse()],
    ['joint', losses.joint({ lambda: 0.5 })],
    ['logRatio', losses.logRatio()],
    ['softmaxKL', losses.softmaxKL()],
  ] as const)('%s: [n, 1] inputs give the [n] value and a nonzero gradient', (_name, loss) => {
    const flat = scalarOf(loss(yTrue(), yPred()));
    expect(scalarOf(loss(column(q), column(p)))).toBeCloseTo(flat, 6);
    const g = tf.grad((x: tf.Tensor) => loss(column(q), x))(column(p));
    expect(g.shape).toEqual([n, 1]);
    expect(Math.max(...g.dataSync().map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('kendall: a batch of one sample is a zero loss with a zero gradient (a short last batch)', () => {
    const loss = losses.kendall();
    const one = tf.tensor2d([[1.5]]);
    expect(scalarOf(loss(tf.tensor2d([[2]]), one))).toBe(0);
    const g = tf.grad((x: tf.Tensor) => loss(tf.tensor2d([[2]]), x))(one);
    expect(Array.from(g.dataSync())).toEqual([0]);
  });

  it('do not leak tensors', () => {
    const before = tf.memory().numTensors;
    const t = yTrue();
    const x = yPred();
    for (const loss of [
      losses.kendall(),
      losses.mse(),
      losses.joint(),
      losses.logRatio(),
      losses.softmaxKL(),
    ]) {
      tf.dispose(tf.grad((v: tf.Tensor) => loss(t, v))(x));
      tf.dispose(loss(t, x));
    }
    tf.dispose([t, x]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
