// metrics.kendallTau: the foundation's exact tau-b on a batch, as a tfjs scalar.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { kendallTau } from '../src/metrics/kendall.js';
import { metrics } from '../src/tfjs/index.js';
import { lists } from './tfjs_data.js';
import { exactTauB } from './tfjs_reference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('metrics.kendallTau', () => {
  it('is the exact tau-b of the batch, ties included, for [n] and [n, 1]', () => {
    const data = lists(1, 200, 17);
    const pred = data.pred.map((v) => Math.round(v * 20) / 20); // ties in predictions too
    const expected = exactTauB(data.target, pred);
    expect(expected).toBeGreaterThan(0.3);
    const flat = metrics.kendallTau(tf.tensor1d(data.target), tf.tensor1d(pred));
    expect(flat.shape).toEqual([]);
    expect(flat.dataSync()[0]).toBeCloseTo(expected, 6);
    const col = metrics.kendallTau(tf.tensor2d(data.target, [200, 1]), tf.tensor2d(pred, [200, 1]));
    expect(col.dataSync()[0]).toBeCloseTo(kendallTau(data.target, pred).statistic, 6);
  });

  it('is NaN for constant predictions, as scipy', () => {
    expect(metrics.kendallTau(tf.tensor1d([1, 2, 3]), tf.tensor1d([5, 5, 5])).dataSync()[0]).toBeNaN();
  });

  it('checks its inputs like the losses', () => {
    expect(() => metrics.kendallTau(tf.zeros([3, 2]), tf.zeros([3, 2]))).toThrow(
      new RangeError(
        'metrics.kendallTau: expected a tensor of shape [n] or [n, 1] for yTrue but received a float32 tensor of shape [3,2]',
      ),
    );
  });

  it('leaks no tensors', () => {
    const a = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    const b = tf.tensor2d([1, 3, 2, 4], [4, 1]);
    const before = tf.memory().numTensors;
    const m = metrics.kendallTau(a, b);
    expect(tf.memory().numTensors).toBe(before + 1);
    m.dispose();
  });
});
