// The op on the backends it is registered for: the same numbers on 'cpu' and 'wasm' (wasm loads
// its .wasm from node_modules, offline), no tensor leak over 1000 forward+backward steps, and a
// tiny tfjs-layers model trained with losses.kendall on wasm improves its exact tau.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { losses, metrics, softKendall } from '../src/tfjs/index.js';
import { lists, rng } from './tfjs_data.js';

let previous: string;
beforeAll(async () => {
  await tf.ready();
  previous = tf.getBackend();
});
afterAll(async () => {
  await tf.setBackend(previous);
});

/** value and gradient of softKendall on the active backend, as plain arrays. */
function run(backend: string, options: Parameters<typeof softKendall>[2]) {
  const data = lists(4, 25, 21);
  const yPred = tf.tensor2d(data.pred, [4, 25]);
  const yTrue = tf.tensor2d(data.target, [4, 25]);
  const { value, grad } = tf.valueAndGrad((p: tf.Tensor) => tf.sum(softKendall(p, yTrue, options)))(yPred);
  const perList = softKendall(yPred, yTrue, options);
  const out = {
    backend,
    perList: Array.from(perList.dataSync()),
    total: value.dataSync()[0],
    grad: Array.from(grad.dataSync()),
  };
  tf.dispose([yPred, yTrue, value, grad, perList]);
  return out;
}

describe('cpu and wasm backends', () => {
  it('wasm initialises offline in Node', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
  });

  it.each([
    { surrogate: 'tanh' as const },
    { surrogate: 'hardtanh' as const, normalization: 'tau-a' as const, weighting: 'target-diff' as const },
    { surrogate: 'ranknet' as const, alpha: 2 },
    { surrogate: 'hinge' as const, margin: 0.1 },
  ])('give the same value and gradient: %o', async (options) => {
    await tf.setBackend('cpu');
    const onCpu = run('cpu', options);
    await tf.setBackend('wasm');
    const onWasm = run('wasm', options);
    expect(onWasm.backend).toBe(tf.getBackend());
    // same float32 inputs into the same native pass: identical, not merely close
    expect(onWasm.perList).toEqual(onCpu.perList);
    expect(onWasm.grad).toEqual(onCpu.grad);
    expect(onWasm.total).toBeCloseTo(onCpu.total, 6);
  });
});

describe('memory', () => {
  it.each(['cpu', 'wasm'])(
    'numTensors stays flat over 1000 forward+backward steps on %s',
    async (backend) => {
      await tf.setBackend(backend);
      const data = lists(2, 16, 9);
      const yTrue = tf.tensor2d(data.target, [2, 16]);
      const p = tf.variable(tf.tensor2d(data.pred, [2, 16]));
      const optimizer = tf.train.sgd(0.01);
      const step = () => optimizer.minimize(() => tf.mean(softKendall(p, yTrue)) as tf.Scalar);
      step(); // optimizer state, if any, is made once
      const before = tf.memory().numTensors;
      for (let i = 0; i < 1000; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([yTrue, p]);
      optimizer.dispose();
    },
  );
});

describe('training with losses.kendall on wasm', () => {
  it('improves the exact tau of a tiny dense model', async () => {
    await tf.setBackend('wasm');
    const r = rng(42);
    const N = 256;
    const F = 8;
    const features = new Float32Array(N * F);
    const scores = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      let z = 0;
      for (let f = 0; f < F; f++) {
        const x = 2 * r() - 1;
        features[i * F + f] = x;
        z += (f % 2 === 0 ? 1 : -0.5) * x + (f === 0 ? 0.8 * x * x : 0);
      }
      scores[i] = 3 + Math.exp(0.6 * z) + 0.1 * r(); // monotone in z, skewed like VSD
    }
    const x = tf.tensor2d(features, [N, F]);
    const y = tf.tensor2d(scores, [N, 1]);
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({
          units: 16,
          activation: 'relu',
          inputShape: [F],
          kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
        }),
        tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    const tau = () => {
      const pred = model.predict(x) as tf.Tensor;
      const t = metrics.kendallTau(y, pred);
      const value = t.dataSync()[0];
      tf.dispose([pred, t]);
      return value;
    };
    const before = tau();
    model.compile({
      optimizer: tf.train.adam(0.01),
      loss: losses.kendall(),
      metrics: [metrics.kendallTau],
    });
    const history = await model.fit(x, y, { epochs: 20, batchSize: 64, shuffle: false, verbose: 0 });
    const after = tau();
    const lossCurve = history.history.loss as number[];
    expect(lossCurve[lossCurve.length - 1]).toBeLessThan(lossCurve[0]);
    // the compiled metric (exact tau-b of each batch, averaged by fit) rose with it
    const tauCurve = history.history.kendallTau as number[];
    expect(tauCurve[tauCurve.length - 1]).toBeGreaterThan(tauCurve[0] + 0.2);
    expect(after).toBeGreaterThan(before + 0.2);
    expect(after).toBeGreaterThan(0.7);
    tf.dispose([x, y]);
    model.dispose();
  });
});
