// Bad input to softKendall and the losses: a TypeError or RangeError whose message names the
// argument (exact messages pinned), never a crash, NaN or silent wrong answer.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cudaDeviceCount, losses, softKendall } from '../src/tfjs/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const p3 = () => tf.tensor1d([0.1, 0.5, 0.2]);
const y3 = () => tf.tensor1d([1, 3, 2]);

describe('softKendall input errors', () => {
  it.each([
    [
      'int32 predictions',
      () => softKendall(tf.tensor1d([1, 2, 3], 'int32'), y3()),
      new TypeError(
        'softKendall: expected a float32 tensor for yPred but received a int32 tensor of shape [3]',
      ),
    ],
    [
      'bool targets',
      () => softKendall(p3(), tf.tensor1d([true, false, true], 'bool')),
      new TypeError(
        'softKendall: expected a float32 tensor for yTrue but received a bool tensor of shape [3]',
      ),
    ],
    [
      'a plain array',
      () => softKendall(p3(), [1, 2, 3] as unknown as tf.Tensor),
      new TypeError('softKendall: expected a float32 tf.Tensor for yTrue but received an array of length 3'),
    ],
    [
      'rank 3',
      () => softKendall(tf.zeros([2, 2, 2]), tf.zeros([2, 2, 2])),
      new RangeError(
        'softKendall: expected a tensor of rank 1 ([n]) or 2 ([B, n]) for yPred but received a float32 tensor of shape [2,2,2]',
      ),
    ],
    [
      'rank 0',
      () => softKendall(tf.scalar(1), tf.scalar(1)),
      new RangeError(
        'softKendall: expected a tensor of rank 1 ([n]) or 2 ([B, n]) for yPred but received a float32 tensor of shape []',
      ),
    ],
    [
      'shape mismatch',
      () => softKendall(p3(), tf.tensor1d([1, 2, 3, 4])),
      new RangeError(
        'softKendall: expected a tensor of shape [3] (the shape of yPred) for yTrue but received a float32 tensor of shape [4]',
      ),
    ],
    [
      'n = 1',
      () => softKendall(tf.zeros([4, 1]), tf.zeros([4, 1])),
      new RangeError(
        'softKendall: expected at least 2 elements per list (n ≥ 2) for yPred but received a float32 tensor of shape [4,1]',
      ),
    ],
    [
      'B = 0',
      () => softKendall(tf.zeros([0, 3]), tf.zeros([0, 3])),
      new RangeError(
        'softKendall: expected at least one list (B ≥ 1) for yPred but received a float32 tensor of shape [0,3]',
      ),
    ],
    [
      'NaN in predictions',
      () => softKendall(tf.tensor1d([0.1, Number.NaN, 0.2]), y3()),
      new RangeError('softKendall: expected a finite number for yPred[1] but received NaN'),
    ],
    [
      'NaN in a batch of predictions',
      () => softKendall(tf.tensor2d([0, 1, 2, 3, 4, Number.NaN], [2, 3]), tf.zeros([2, 3])),
      new RangeError('softKendall: expected a finite number for yPred[1,2] but received NaN'),
    ],
    [
      'Infinity in targets',
      () => softKendall(p3(), tf.tensor1d([1, Number.POSITIVE_INFINITY, 2])),
      new RangeError('softKendall: expected a finite number for yTrue[1] but received the number Infinity'),
    ],
    [
      'negative user weights',
      () => softKendall(p3(), y3(), { weighting: 'user', weights: tf.tensor1d([1, -1, 1]) }),
      new RangeError(
        'softKendall: expected a finite number ≥ 0 for options.weights[1] but received the number -1',
      ),
    ],
    [
      'weights of the wrong shape',
      () => softKendall(p3(), y3(), { weighting: 'user', weights: tf.ones([2]) }),
      new RangeError(
        'softKendall: expected a tensor of shape [3] (the shape of yPred) for options.weights but received a float32 tensor of shape [2]',
      ),
    ],
  ])('%s', (_label, call, expected) => {
    expect(call).toThrow(expected);
    expect(call).toThrowError(expected.constructor as ErrorConstructor);
  });

  it('leaves the engine usable and leaks nothing after an error inside the kernel', () => {
    const y = y3();
    const bad = tf.tensor1d([0.1, Number.NaN, 0.2]);
    const good = p3();
    const before = tf.memory().numTensors;
    expect(() => tf.grad((x: tf.Tensor) => softKendall(x, y))(bad)).toThrow(/yPred\[1\]/);
    expect(tf.memory().numTensors).toBe(before);
    expect(softKendall(good, y).dataSync()[0]).toBeGreaterThan(0.5);
  });
});

describe('softKendall option errors', () => {
  it.each([
    [
      { surrogate: 'sigmoid' },
      new RangeError(
        `softKendall: expected one of 'tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge' for options.surrogate but received the string "sigmoid"`,
      ),
    ],
    [
      { weighting: 'pairs' },
      new RangeError(
        `softKendall: expected one of 'none', 'target-diff', 'user' for options.weighting but received the string "pairs"`,
      ),
    ],
    [
      { normalization: 'tau-c' },
      new RangeError(
        `softKendall: expected one of 'tau-a', 'tau-b' for options.normalization but received the string "tau-c"`,
      ),
    ],
    [
      { device: 'gpu' },
      new RangeError(
        `softKendall: expected one of 'auto', 'cpu', 'cuda' for options.device but received the string "gpu"`,
      ),
    ],
    [
      { alpah: 3 },
      new TypeError(
        'softKendall: unknown option "alpah" (known options: surrogate, alpha, margin, weighting, weights, normalization, device)',
      ),
    ],
    [
      { alpha: 0 },
      new RangeError('softKendall: expected a finite number > 0 for options.alpha but received the number 0'),
    ],
    [
      { alpha: '10' },
      new TypeError('softKendall: expected a number for options.alpha but received the string "10"'),
    ],
    [
      { alpha: Number.NaN },
      new RangeError('softKendall: expected a finite number > 0 for options.alpha but received NaN'),
    ],
    [
      { margin: -1 },
      new RangeError(
        'softKendall: expected a finite number ≥ 0 for options.margin but received the number -1',
      ),
    ],
    [
      { weighting: 'user' },
      new TypeError(
        "softKendall: expected a float32 tensor (weighting is 'user') for options.weights but received undefined",
      ),
    ],
    [
      { weights: 'w' },
      new TypeError(
        "softKendall: options.weights is only used with weighting 'user' but weighting is 'none'",
      ),
    ],
    ['fast', new TypeError('softKendall: expected an object for options but received the string "fast"')],
  ])('%o', (options, expected) => {
    expect(() => softKendall(p3(), y3(), options as never)).toThrow(expected);
  });

  it.runIf(cudaDeviceCount() === 0)("device 'cuda' without a usable device says so", () => {
    expect(() => softKendall(p3(), y3(), { device: 'cuda' })).toThrow(
      new RangeError(
        `softKendall: expected 'auto' or 'cpu' (no CUDA device is usable: tauflow was built without CUDA, or no GPU/driver was found) for options.device but received the string "cuda"`,
      ),
    );
  });
});

describe('loss errors', () => {
  it.each([
    [
      () => losses.kendall({ weighting: 'user', weights: tf.ones([3]) } as never),
      new RangeError(
        `losses.kendall: expected 'none' or 'target-diff' (a loss gets no per-sample weights) for options.weighting but received the string "user"`,
      ),
    ],
    [
      () => losses.kendall({ surrogate: 'exp' as never }),
      new RangeError(
        `losses.kendall: expected one of 'tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge' for options.surrogate but received the string "exp"`,
      ),
    ],
    [
      () => losses.joint({ lambda: 1.5 }),
      new RangeError(
        'losses.joint: expected a number in [0, 1] for options.lambda but received the number 1.5',
      ),
    ],
    [
      () => losses.joint({ lamda: 0.5 } as never),
      new TypeError(
        'losses.joint: unknown option "lamda" (known options: surrogate, alpha, margin, weighting, weights, normalization, device, lambda)',
      ),
    ],
    [
      () => losses.logRatio({ epsilon: 0 }),
      new RangeError(
        'losses.logRatio: expected a finite number > 0 for options.epsilon but received the number 0',
      ),
    ],
    [
      () => losses.mse()(tf.zeros([4, 2]), tf.zeros([4, 2])),
      new RangeError(
        'losses.mse: expected a tensor of shape [n] or [n, 1] for yTrue but received a float32 tensor of shape [4,2]',
      ),
    ],
    [
      () => losses.kendall()(tf.zeros([4, 1]), tf.zeros([5, 1])),
      new RangeError(
        'losses.kendall: expected yTrue and yPred with the same number of samples but received a float32 tensor of shape [4,1] and a float32 tensor of shape [5,1]',
      ),
    ],
    [
      () => losses.softmaxKL()(tf.zeros([3], 'int32'), tf.zeros([3])),
      new TypeError(
        'losses.softmaxKL: expected a float32 tensor for yTrue but received a int32 tensor of shape [3]',
      ),
    ],
    [
      () => losses.kendall()(tf.zeros([3]), tf.tensor1d([1, Number.NaN, 2])),
      new RangeError('softKendall: expected a finite number for yPred[1] but received NaN'),
    ],
  ])('%#', (call, expected) => {
    expect(call).toThrow(expected);
  });
});
