// Horizontal flip augmentation: each image of a batch is mirrored left–right with probability p,
// drawn from a seeded stream. Search difficulty does not depend on left and right, so the score
// stays as it is.
import { numberIn, rangeError } from '../../validate.js';
import { createRng, type Rng } from '../rng.js';
import type { ImageBatch } from './types.js';

/**
 * Mirror one HWC RGB image left–right into `out` (may not alias `src`).
 * @example flipImage(pixels, 32) // a new Float32Array, columns reversed
 */
export function flipImage(
  src: Float32Array,
  size: number,
  out = new Float32Array(src.length),
  srcOffset = 0,
  outOffset = 0,
): Float32Array {
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      const s = srcOffset + (row + x) * 3;
      const d = outOffset + (row + size - 1 - x) * 3;
      out[d] = src[s];
      out[d + 1] = src[s + 1];
      out[d + 2] = src[s + 2];
    }
  }
  return out;
}

export interface FlipResult extends ImageBatch {
  /** which images were flipped */
  flipped: boolean[];
}

/**
 * Flip each image of a batch horizontally with probability `probability` (default 0.5). Returns a
 * new batch; the input is not changed. `rng` is a seed or a stream (pass the trainer's per-epoch
 * stream so every batch gets fresh draws).
 * @example const aug = randomFlip(batch, 32, createRng(epochSeed)); aug.flipped // [true, false, …]
 */
export function randomFlip(
  batch: ImageBatch,
  size: number,
  rng: Rng | number,
  probability = 0.5,
): FlipResult {
  const fn = 'randomFlip';
  numberIn(fn, 'probability', probability, 0, 1, 0.5);
  const px = size * size * 3;
  if (!Number.isInteger(size) || size < 1 || batch.images.length !== batch.count * px)
    throw rangeError(
      fn,
      'size',
      `the side of the batch's images (${batch.images.length} values for ${batch.count} images)`,
      size,
    );
  const r = typeof rng === 'number' ? createRng(rng) : rng;
  const images = new Float32Array(batch.images.length);
  const flipped: boolean[] = [];
  for (let k = 0; k < batch.count; k++) {
    const f = r.next() < probability;
    flipped.push(f);
    if (f) flipImage(batch.images, size, images, k * px, k * px);
    else images.set(batch.images.subarray(k * px, (k + 1) * px), k * px);
  }
  return { images, scores: batch.scores.slice(), names: batch.names.slice(), count: batch.count, flipped };
}
