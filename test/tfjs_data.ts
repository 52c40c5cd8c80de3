// Seeded inputs for the tfjs tests: predictions and targets with ties, as float32 arrays.

import { rng } from './helpers/seeded_rng.js';

export { rng };

/**
 * B lists of n: targets rounded to 1 decimal in [2, 4) (so ties occur), predictions correlated
 * with them plus noise, positive user weights. Row-major float32.
 */
export function lists(batch: number, n: number, seed = 1) {
  const r = rng(seed);
  const target = new Float32Array(batch * n);
  const pred = new Float32Array(batch * n);
  const weights = new Float32Array(batch * n);
  for (let i = 0; i < batch * n; i++) {
    target[i] = Math.round((2 + 2 * r()) * 10) / 10;
    pred[i] = 0.3 * (target[i] - 3) + 0.15 * (r() - 0.5);
    weights[i] = 0.5 + r();
  }
  return { pred, target, weights };
}
