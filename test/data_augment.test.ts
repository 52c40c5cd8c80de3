import { describe, expect, it } from 'vitest';
import { flipImage, randomFlip } from '../src/train/data/augment_flip.js';
import { mixup } from '../src/train/data/mixup.js';
import { syntheticScenes } from '../src/train/data/synthetic_loader.js';
import { binWeights, upsampleOrder } from '../src/train/data/upsample.js';
import { createRng } from '../src/train/rng.js';

const scenes = syntheticScenes({ count: 64, size: 16, seed: 2 });
const batch = scenes.batchSync(Array.from({ length: 64 }, (_, i) => i));
const PX = 16 * 16 * 3;

describe('horizontal flip', () => {
  it('mirrors columns, and twice is the identity', () => {
    const img = batch.images.slice(0, PX);
    const f = flipImage(img, 16);
    for (const [y, x] of [
      [0, 0],
      [3, 7],
      [15, 15],
    ])
      for (let c = 0; c < 3; c++) expect(f[(y * 16 + (15 - x)) * 3 + c]).toBe(img[(y * 16 + x) * 3 + c]);
    expect(flipImage(f, 16)).toEqual(img);
  });

  it('flips about half the images, seeded, scores unchanged, input untouched', () => {
    const before = batch.images.slice();
    const a = randomFlip(batch, 16, 7);
    const b = randomFlip(batch, 16, createRng(7));
    expect(b.images).toEqual(a.images);
    expect(b.flipped).toEqual(a.flipped);
    expect(randomFlip(batch, 16, 8).flipped).not.toEqual(a.flipped);
    const nFlipped = a.flipped.filter(Boolean).length;
    expect(nFlipped).toBeGreaterThan(16);
    expect(nFlipped).toBeLessThan(48);
    expect(a.scores).toEqual(batch.scores);
    expect(batch.images).toEqual(before);
    for (let k = 0; k < 64; k++) {
      const got = a.images.subarray(k * PX, (k + 1) * PX);
      const src = batch.images.slice(k * PX, (k + 1) * PX);
      expect(got).toEqual(a.flipped[k] ? flipImage(src, 16) : src);
    }
    expect(randomFlip(batch, 16, 1, 0).flipped.every((f) => !f)).toBe(true);
    expect(randomFlip(batch, 16, 1, 1).flipped.every((f) => f)).toBe(true);
    expect(() => randomFlip(batch, 16, 1, 2)).toThrow(
      'randomFlip: expected a number in [0, 1] for probability',
    );
    expect(() => randomFlip(batch, 15, 1)).toThrow(RangeError);
  });
});

describe('mixup', () => {
  it('mixes images and scores with the same λ, each mixed score between its two', () => {
    const m = mixup(batch, 0.4, 3);
    for (let i = 0; i < 64; i++) {
      const j = m.partners[i];
      const lam = m.lambdas[i];
      expect(lam).toBeGreaterThanOrEqual(0);
      expect(lam).toBeLessThanOrEqual(1);
      const lo = Math.min(batch.scores[i], batch.scores[j]);
      const hi = Math.max(batch.scores[i], batch.scores[j]);
      expect(m.scores[i]).toBeGreaterThanOrEqual(lo - 1e-5);
      expect(m.scores[i]).toBeLessThanOrEqual(hi + 1e-5);
      expect(m.scores[i]).toBeCloseTo(lam * batch.scores[i] + (1 - lam) * batch.scores[j], 5);
      const p = i * PX + 100;
      expect(m.images[p]).toBeCloseTo(lam * batch.images[p] + (1 - lam) * batch.images[j * PX + 100], 5);
    }
    expect([...m.partners].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(mixup(batch, 0.4, 3).images).toEqual(m.images);
  });

  it('λ ~ Beta(α, α): small α keeps λ near 0 or 1, α = 1 spreads it', () => {
    const big = syntheticScenes({ count: 16, size: 16, seed: 1 }).batchSync(
      Array.from({ length: 2000 }, (_, i) => i % 16),
    );
    const extreme = (lams: Float32Array) => lams.filter((l) => l < 0.1 || l > 0.9).length / lams.length;
    const small = mixup(big, 0.1, 5).lambdas;
    const one = mixup(big, 1, 5).lambdas;
    expect(extreme(small)).toBeGreaterThan(0.6); // Beta(0.1, 0.1): P(λ<0.1 or λ>0.9) ≈ 0.76
    expect(Math.abs(extreme(one) - 0.2)).toBeLessThan(0.04); // uniform: 0.2
    const mean = one.reduce((a, b) => a + b, 0) / one.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(() => mixup(big, 0, 1)).toThrow('mixup: expected a number in');
  });
});

describe('up-sampling of rare score bins', () => {
  it('an up-sampled epoch has a flatter bin histogram, within the cap', () => {
    const scores = syntheticScenes({ count: 4000, seed: 3 }).samples.map((s) => s.score);
    const { bin, counts } = binWeights(scores, 10, 20);
    const order = upsampleOrder(scores, 11, { bins: 10, cap: 20 });
    expect(order.length).toBe(4000);
    const epoch = new Array(10).fill(0);
    for (const i of order) epoch[bin[i]]++;
    // fraction of the epoch in the upper half of the score range (the rare tail)
    const tail = (h: number[]) => h.slice(3).reduce((a, b) => a + b, 0) / h.reduce((a, b) => a + b, 0);
    expect(tail(epoch)).toBeGreaterThan(3 * tail(counts));
    // flatter: the normalised entropy of the histogram grows
    const entropy = (h: number[]) => {
      const t = h.reduce((a, b) => a + b, 0);
      return -h.filter((c) => c > 0).reduce((a, c) => a + (c / t) * Math.log(c / t), 0);
    };
    expect(entropy(epoch)).toBeGreaterThan(entropy(counts) + 0.3);
    // the cap: no bin's per-sample rate exceeds cap × the fullest bin's rate (with sampling slack)
    const fullest = counts.indexOf(Math.max(...counts));
    for (let b = 0; b < 10; b++)
      if (counts[b] >= 20)
        expect(epoch[b] / counts[b]).toBeLessThan(20 * 1.5 * (epoch[fullest] / counts[fullest]));
    expect(upsampleOrder(scores, 11, { bins: 10, cap: 20 })).toEqual(order);
    expect(upsampleOrder(scores, 12, { bins: 10, cap: 20 })).not.toEqual(order);
  });

  it('cap 1 samples uniformly; options are checked', () => {
    const scores = [1, 1, 1, 1, 5];
    const order = upsampleOrder(scores, 1, { cap: 1, length: 5000 });
    expect(order.filter((i) => i === 4).length / 5000).toBeCloseTo(0.2, 1);
    const boosted = upsampleOrder(scores, 1, { cap: 100, length: 5000 });
    expect(boosted.filter((i) => i === 4).length / 5000).toBeCloseTo(0.5, 1);
    expect(() => upsampleOrder(scores, 1, { bins: 0 })).toThrow(
      'upsampleOrder: expected an integer in [1, 100000] for bins',
    );
    expect(() => upsampleOrder('x' as never, 1)).toThrow(TypeError);
    expect(() => upsampleOrder(scores, 1, { bin: 3 } as never)).toThrow('unknown option "bin"');
  });
});
