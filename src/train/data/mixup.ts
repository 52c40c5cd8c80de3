// mixup (Zhang et al., ICLR 2018) for regression: each image is blended with a partner drawn by a
// random permutation of the batch, x = λ·x_i + (1 − λ)·x_j, and so is its score,
// y = λ·y_i + (1 − λ)·y_j, with λ ~ Beta(α, α) drawn per sample from a seeded stream. Small α keeps
// most λ near 0 or 1 (mild mixing); α = 1 mixes uniformly.
import { numberIn, rangeError } from '../../validate.js';
import { createRng, type Rng } from '../rng.js';
import type { ImageBatch } from './types.js';

export interface MixupResult extends ImageBatch {
  /** λ of each output sample (the weight of the sample at the same position) */
  lambdas: Float32Array;
  /** the partner index j of each sample i */
  partners: Int32Array;
}

/**
 * Mix a batch with a shuffled copy of itself. Returns a new batch (names become "a+b").
 * @example const mixed = mixup(batch, 0.2, createRng(seed)); mixed.lambdas[0] // in [0, 1]
 */
export function mixup(batch: ImageBatch, alpha: number, rng: Rng | number): MixupResult {
  const fn = 'mixup';
  if (alpha === undefined) throw rangeError(fn, 'alpha', 'a number in (0, 100]', alpha);
  numberIn(fn, 'alpha', alpha, Number.MIN_VALUE, 100, 0.2);
  const n = batch.count;
  if (n === 0 || batch.images.length % n !== 0)
    throw rangeError(fn, 'batch', 'a non-empty batch whose images divide evenly by count', batch.count);
  const px = batch.images.length / n;
  const r = typeof rng === 'number' ? createRng(rng) : rng;
  const partners = Int32Array.from(r.permutation(n));
  const lambdas = new Float32Array(n);
  const images = new Float32Array(batch.images.length);
  const scores = new Float32Array(n);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const j = partners[i];
    const lam = r.beta(alpha, alpha);
    lambdas[i] = lam;
    const a = i * px;
    const b = j * px;
    for (let p = 0; p < px; p++) images[a + p] = lam * batch.images[a + p] + (1 - lam) * batch.images[b + p];
    scores[i] = lam * batch.scores[i] + (1 - lam) * batch.scores[j];
    names.push(i === j ? batch.names[i] : `${batch.names[i]}+${batch.names[j]}`);
  }
  return { images, scores, names, count: n, lambdas, partners };
}
