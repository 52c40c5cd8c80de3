// tauflow's wasm training kernels against the pure-JS cpu backend (tfjs' reference): the kernel on
// its own across shapes, strides and paddings, and whole-model gradients of a training step.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../src/train/backend.js';
import { buildResNet, type ModelName } from '../src/train/models/resnet.js';

beforeAll(async () => {
  await chooseBackend('wasm'); // registers the kernels
});

/** Max |a − b| / (max |b| + 1e-6): a scale-free error. */
function relError(a: Float32Array | number[], b: Float32Array | number[]): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / (scale + 1e-6);
}

/** Uniform values in [-1, 1) from a small LCG, so inputs exist before any backend starts. */
function seeded(shape: number[], seed: number): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

async function onBackend<T>(name: 'cpu' | 'wasm', fn: () => T): Promise<T> {
  await tf.setBackend(name);
  return fn();
}

/** The forward conv's output shape (dy's shape), computed on the cpu backend. */
function convOutShape(
  x: number[],
  filterShape: [number, number, number, number],
  stride: number,
  pad: 'same' | 'valid' | number,
): Promise<number[]> {
  return onBackend('cpu', () =>
    tf.tidy(
      () =>
        tf.conv2d(
          tf.zeros(x as [number, number, number, number]) as tf.Tensor4D,
          tf.zeros(filterShape) as tf.Tensor4D,
          stride,
          pad,
        ).shape,
    ),
  );
}

describe('Conv2DBackpropFilter (wasm) matches cpu', () => {
  const cases = [
    // [N, H, W, Cin], [kh, kw], Cout, stride, pad
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 1, pad: 'same' },
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 2, pad: 'same' },
    { x: [1, 9, 7, 2], k: 3, cout: 5, stride: 2, pad: 'same' },
    { x: [3, 7, 7, 4], k: 1, cout: 8, stride: 2, pad: 'same' },
    { x: [2, 10, 10, 3], k: 7, cout: 6, stride: 2, pad: 'valid' },
    { x: [2, 11, 11, 3], k: 3, cout: 2, stride: 3, pad: 'valid' },
    { x: [2, 6, 6, 3], k: 3, cout: 2, stride: 1, pad: 1 },
  ] as const;
  for (const c of cases) {
    it(`x ${c.x.join('×')}, ${c.k}×${c.k}, stride ${c.stride}, pad ${c.pad}`, async () => {
      const filterShape: [number, number, number, number] = [c.k, c.k, c.x[3], c.cout];
      const xValues = seeded([...c.x], 1);
      // dy has the forward conv's output shape, whatever the backend.
      const outShape = await convOutShape([...c.x], filterShape, c.stride, c.pad);
      const dyValues = seeded(outShape, 2);
      const attrs = {
        strides: c.stride,
        pad: c.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: undefined,
        filterShape,
      };
      const run = () =>
        tf.tidy(() => {
          const x = tf.tensor(xValues, [...c.x]);
          const dy = tf.tensor(dyValues, outShape);
          const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor;
          return { shape: out.shape, values: out.dataSync() as Float32Array };
        });
      const cpu = await onBackend('cpu', run);
      const before = await onBackend('wasm', () => tf.memory().numTensors);
      const wasm = await onBackend('wasm', run);
      expect(wasm.shape).toEqual(filterShape);
      expect(cpu.shape).toEqual(filterShape);
      expect(relError(wasm.values, cpu.values)).toBeLessThan(1e-5);
      // Temporaries are freed: no tensors and no backend buffers left behind.
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('rejects NCHW data with a clear message', async () => {
    await tf.setBackend('wasm');
    const x = tf.zeros([1, 4, 4, 1]);
    const dy = tf.zeros([1, 4, 4, 1]);
    expect(() =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NCHW',
        filterShape: [3, 3, 1, 1],
      } as never),
    ).toThrow(/only NHWC/);
    tf.dispose([x, dy]);
  });
});

describe('Conv2DBackpropInput (wasm, composed; replaces the plain-loop one) matches cpu', () => {
  const cases = [
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 1, pad: 'same' },
    { x: [2, 8, 8, 3], k: 3, cout: 4, stride: 2, pad: 'same' },
    { x: [1, 9, 7, 2], k: 3, cout: 5, stride: 2, pad: 'same' },
    { x: [3, 7, 7, 4], k: 1, cout: 8, stride: 2, pad: 'same' },
    { x: [2, 10, 10, 3], k: 7, cout: 6, stride: 2, pad: 'valid' },
    { x: [2, 11, 11, 3], k: 3, cout: 2, stride: 3, pad: 'valid' },
    { x: [2, 12, 12, 3], k: 3, cout: 2, stride: 3, pad: 'valid' },
    { x: [2, 6, 6, 3], k: 3, cout: 2, stride: 1, pad: 1 },
    { x: [2, 6, 6, 3], k: 3, cout: 2, stride: 2, pad: 2 },
  ] as const;
  for (const c of cases) {
    it(`x ${c.x.join('×')}, ${c.k}×${c.k}, stride ${c.stride}, pad ${c.pad}`, async () => {
      const filterShape: [number, number, number, number] = [c.k, c.k, c.x[3], c.cout];
      const filterValues = seeded(filterShape, 4);
      const outShape = await convOutShape([...c.x], filterShape, c.stride, c.pad);
      const dyValues = seeded(outShape, 5);
      const attrs = {
        strides: c.stride,
        pad: c.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: undefined,
        inputShape: [...c.x],
      };
      const run = () =>
        tf.tidy(() => {
          const filter = tf.tensor(filterValues, filterShape);
          const dy = tf.tensor(dyValues, outShape);
          const out = tf
            .engine()
            .runKernel('Conv2DBackpropInput', { dy, filter }, attrs as never) as tf.Tensor;
          return { shape: out.shape, values: out.dataSync() as Float32Array };
        });
      const cpu = await onBackend('cpu', run);
      const before = await onBackend('wasm', () => tf.memory().numBytes);
      const wasm = await onBackend('wasm', run);
      expect(wasm.shape).toEqual([...c.x]);
      expect(cpu.shape).toEqual([...c.x]);
      expect(relError(wasm.values, cpu.values)).toBeLessThan(1e-5);
      expect(tf.memory().numBytes).toBe(before);
    });
  }
});

describe('a whole training step: gradients on wasm match cpu', () => {
  // resnet8 covers basic blocks, projection shortcuts, batch norm in training mode and global
  // pooling; the ImageNet stem's zero padding and max-pool are checked op by op below (a whole
  // resnet18 step takes ~15 s on cpu).
  const models: Array<[ModelName, number]> = [['resnet8', 16]];
  for (const [name, size] of models) {
    it(`${name} at ${size} px`, async () => {
      const images = seeded([2, size, size, 3], 3).map((v) => (v + 1) / 2);
      const targets = [3, 5];
      const gradients = (backend: 'cpu' | 'wasm') =>
        onBackend(backend, () => {
          const model = buildResNet(name, { imageSize: size, seed: 7 });
          const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
          const result = tf.tidy(() => {
            const x = tf.tensor4d(images, [2, size, size, 3]);
            const y = tf.tensor1d(targets);
            const { value, grads } = tf.variableGrads(
              () =>
                tf.losses.meanSquaredError(
                  y,
                  tf.reshape(model.apply(x, { training: true }) as tf.Tensor, [-1]),
                ) as tf.Scalar,
              vars,
            );
            return {
              loss: value.dataSync()[0],
              grads: vars.map((v) => grads[v.name].dataSync() as Float32Array),
            };
          });
          model.dispose();
          return result;
        });
      const cpu = await gradients('cpu');
      const wasm = await gradients('wasm');
      expect(Math.abs(wasm.loss - cpu.loss) / Math.abs(cpu.loss)).toBeLessThan(1e-4);
      expect(wasm.grads.length).toBe(cpu.grads.length);
      for (let i = 0; i < cpu.grads.length; i++)
        expect(relError(wasm.grads[i], cpu.grads[i])).toBeLessThan(2e-3);
    });
  }
});

describe('other gradients the models need exist on wasm and match cpu', () => {
  const x = seeded([2, 9, 9, 4], 5);
  const cases: Array<[string, (t: tf.Tensor4D) => tf.Tensor]> = [
    ['max-pool 3×3/2 (MaxPoolGrad)', (t) => tf.maxPool(t, 3, 2, 'valid')],
    ['avg-pool 2×2/2 (AvgPoolGrad)', (t) => tf.avgPool(t, 2, 2, 'same')],
    [
      'zero padding',
      (t) =>
        tf.pad(t, [
          [0, 0],
          [3, 3],
          [3, 3],
          [0, 0],
        ]),
    ],
    [
      'batch norm with batch moments',
      (t) => {
        const { mean, variance } = tf.moments(t, [0, 1, 2]);
        return tf.batchNorm(t, mean, variance, tf.fill([4], 0.1), tf.fill([4], 1.5), 1e-3);
      },
    ],
    ['global average pooling', (t) => tf.mean(t, [1, 2])],
  ];
  for (const [label, op] of cases) {
    it(label, async () => {
      const weights = seeded([1, 1, 1, 4], 6);
      const grad = (backend: 'cpu' | 'wasm') =>
        onBackend(backend, () =>
          tf.tidy(() => {
            const w = tf.tensor(weights, [1, 1, 1, 4]);
            const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.square(op(t as tf.Tensor4D)), tf.mean(w))))(
              tf.tensor4d(x, [2, 9, 9, 4]),
            );
            return g.dataSync() as Float32Array;
          }),
        );
      const cpu = await grad('cpu');
      const wasm = await grad('wasm');
      // Batch-norm gradients cancel by construction (they sum to ~0 per channel), so float32
      // summation order shows at ~1e-4 there.
      expect(relError(wasm, cpu)).toBeLessThan(label.startsWith('batch norm') ? 2e-4 : 1e-5);
    });
  }
});

describe("tauflow's FusedBatchNorm gradient (no Tile)", () => {
  it('equals the gradient of the unfused composition (x − mean)·rsqrt(var + ε)·scale + offset', async () => {
    const x = seeded([2, 5, 5, 3], 8);
    const dyValues = seeded([2, 5, 5, 3], 9);
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      const [fused, unfused] = tf.tidy(() => {
        const scale = tf.tensor1d([0.5, 1.5, -2]);
        const offset = tf.tensor1d([0.1, 0.2, 0.3]);
        const dy = tf.tensor4d(dyValues, [2, 5, 5, 3]);
        const withMoments =
          (f: (t: tf.Tensor4D, m: tf.Tensor, v: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => {
            const { mean, variance } = tf.moments(t, [0, 1, 2]);
            return tf.sum(tf.mul(f(t as tf.Tensor4D, mean, variance), dy));
          };
        const f1 = (t: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
          withMoments((u, m, v) => tf.batchNorm(u, m, v, o as tf.Tensor1D, s as tf.Tensor1D, 1e-3))(t);
        const f2 = (t: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
          withMoments((u, m, v) => tf.add(tf.mul(tf.mul(tf.sub(u, m), tf.rsqrt(tf.add(v, 1e-3))), s), o))(t);
        const xT = tf.tensor4d(x, [2, 5, 5, 3]);
        const g1 = tf
          .grads(f1)([xT, scale, offset])
          .map((g) => g.dataSync() as Float32Array);
        const g2 = tf
          .grads(f2)([xT, scale, offset])
          .map((g) => g.dataSync() as Float32Array);
        return [g1, g2];
      });
      for (let i = 0; i < 3; i++) expect(relError(fused[i], unfused[i])).toBeLessThan(1e-4);
    }
  });
});
