// The (yTrue, yPred) pair every loss takes, as tfjs-layers hands it over: [n] or [n, 1] float32.
import { reshape, type Tensor } from '@tensorflow/tfjs-core';
import { checkFloatTensor, describeTensor } from '../options.js';

/** yTrue and yPred flattened to [n], after checking dtype and shape (same n, [n] or [n, 1]). */
export function lossInputs(fn: string, yTrue: unknown, yPred: unknown): { q: Tensor; p: Tensor; n: number } {
  const t = checkFloatTensor(fn, 'yTrue', yTrue);
  const p = checkFloatTensor(fn, 'yPred', yPred);
  for (const [arg, x] of [
    ['yTrue', t],
    ['yPred', p],
  ] as const) {
    if (!(x.rank === 1 || (x.rank === 2 && x.shape[1] === 1)))
      throw new RangeError(
        `${fn}: expected a tensor of shape [n] or [n, 1] for ${arg} but received ${describeTensor(x)}`,
      );
  }
  if (t.shape[0] !== p.shape[0])
    throw new RangeError(
      `${fn}: expected yTrue and yPred with the same number of samples but received ${describeTensor(t)} and ${describeTensor(p)}`,
    );
  const n = p.shape[0];
  return { q: t.rank === 1 ? t : reshape(t, [n]), p: p.rank === 1 ? p : reshape(p, [n]), n };
}

/** A (yTrue, yPred) => scalar loss, as model.compile({ loss }) and custom loops take it. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;
