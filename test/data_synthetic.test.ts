import { describe, expect, it } from 'vitest';
import { ceilingTau } from '../src/train/data/ceiling_tau.js';
import {
  expectedCeilingTau,
  irwinHallCdf,
  normalCdf,
  normalQuantile,
  vsdQuantile,
} from '../src/train/data/score_shape.js';
import { splitFromLabels, splitIndices } from '../src/train/data/splits.js';
import { loadSynthetic, syntheticScenes } from '../src/train/data/synthetic_loader.js';
import { HARDNESS_FACTORS, renderScene, sceneSpec } from '../src/train/data/synthetic_scenes.js';
import { createRng, deriveSeed } from '../src/train/rng.js';
import { tauBNaive } from './helpers/tau_b_naive.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

describe('rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 3));
  });

  it('draws uniforms, normals and betas with the right moments', () => {
    const r = createRng(3);
    const n = 20000;
    const u = Array.from({ length: n }, () => r.next());
    const z = Array.from({ length: n }, () => r.normal());
    const b = Array.from({ length: n }, () => r.beta(0.4, 0.4));
    expect(mean(u)).toBeCloseTo(0.5, 1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(mean(z.map((v) => v * v))).toBeCloseTo(1, 1);
    // Beta(a, a): mean 1/2, variance 1/(4(2a+1)) = 0.1389 for a = 0.4
    expect(mean(b)).toBeCloseTo(0.5, 1);
    expect(mean(b.map((v) => (v - 0.5) ** 2))).toBeCloseTo(1 / (4 * 1.8), 2);
  });

  it('rejects a bad seed with a message naming it', () => {
    expect(() => createRng(-1)).toThrow('createRng: expected an integer in [0, 9007199254740991] for seed');
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});

describe('score shape', () => {
  it('maps the latent difficulty through exact distribution functions', () => {
    expect(irwinHallCdf(2.5, 5)).toBeCloseTo(0.5, 12);
    expect(irwinHallCdf(0.5, 1)).toBeCloseTo(0.5, 12);
    // Irwin–Hall(2) is triangular: F(0.5) = 0.125
    expect(irwinHallCdf(0.5, 2)).toBeCloseTo(0.125, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(vsdQuantile(0.5)).toBeCloseTo(3.22, 6);
    expect(vsdQuantile(0)).toBeCloseTo(2.455035, 6);
    expect(vsdQuantile(1)).toBeCloseTo(9.6275, 6);
  });
});

describe('synthetic scenes', () => {
  it('same seed → the same pixels and scores; another seed → different ones', async () => {
    const a = loadSynthetic({ count: 40, size: 24, seed: 11 });
    const b = loadSynthetic({ count: 40, size: 24, seed: 11 });
    const c = loadSynthetic({ count: 40, size: 24, seed: 12 });
    const ba = await a.train.batch([0, 3, 5]);
    const bb = await b.train.batch([0, 3, 5]);
    const bc = await c.train.batch([0, 3, 5]);
    expect(ba.images.length).toBe(3 * 24 * 24 * 3);
    expect(Buffer.from(bb.images.buffer).equals(Buffer.from(ba.images.buffer))).toBe(true);
    expect(Array.from(bb.scores)).toEqual(Array.from(ba.scores));
    expect(bb.names).toEqual(ba.names);
    expect(Buffer.from(bc.images.buffer).equals(Buffer.from(ba.images.buffer))).toBe(false);
    expect(c.train.samples.map((s) => s.score)).not.toEqual(a.train.samples.map((s) => s.score));
    // drawn scenes are cached: a second read, and a set that never caches, give the same pixels
    expect((await a.train.batch([0, 3, 5])).images).toEqual(ba.images);
    const uncached = loadSynthetic({ count: 40, size: 24, seed: 11, cacheMB: 0 });
    expect((await uncached.train.batch([0, 3, 5])).images).toEqual(ba.images);
  });

  it('a scene does not depend on how many are generated', () => {
    const small = syntheticScenes({ count: 20, seed: 4 });
    const large = syntheticScenes({ count: 300, seed: 4 });
    expect(large.samples[7]).toEqual(small.samples[7]);
    expect(large.batchSync([7]).images).toEqual(small.batchSync([7]).images);
  });

  it('draws pixels in [0, 1] and puts the target where it says', () => {
    const spec = sceneSpec(2, 5, { size: 32, noise: 0.33, fixed: { contrast: 0 } });
    const { pixels, target } = renderScene(spec, 32);
    expect(pixels.length).toBe(32 * 32 * 3);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    // full contrast: the target's centre pixel is red
    const p = (Math.floor(target.y) * 32 + Math.floor(target.x)) * 3;
    expect(pixels[p]).toBeGreaterThan(0.9);
    expect(pixels[p + 1]).toBeLessThan(0.1);
  });

  it('scores have the VSD shape: range, median ≈ 3.22, a long right tail (~1.7% above 5)', () => {
    const all = syntheticScenes({ count: 6000, seed: 9 });
    for (const scores of [all.samples.map((s) => s.score), Array.from(all.noiseFreeScores)]) {
      expect(Math.min(...scores)).toBeGreaterThanOrEqual(2.455);
      expect(Math.max(...scores)).toBeLessThanOrEqual(9.628);
      expect(median(scores)).toBeGreaterThan(3.17);
      expect(median(scores)).toBeLessThan(3.27);
      const above5 = scores.filter((s) => s > 5).length / scores.length;
      expect(above5).toBeGreaterThan(0.009);
      expect(above5).toBeLessThan(0.027);
      // right-skewed: the mean exceeds the median, the upper tail is longer than the lower
      expect(mean(scores)).toBeGreaterThan(median(scores));
      const s = [...scores].sort((a, b) => a - b);
      expect(s[Math.floor(0.99 * s.length)] - s[Math.floor(0.5 * s.length)]).toBeGreaterThan(
        2 * (s[Math.floor(0.5 * s.length)] - s[Math.floor(0.01 * s.length)]),
      );
    }
  });

  it('reports a ceiling tau in a sane range, near the one the noise implies', () => {
    const data = loadSynthetic({ count: 4000, seed: 1 });
    expect(data.ceilingTau).toBeGreaterThan(0.7);
    expect(data.ceilingTau).toBeLessThan(0.9);
    expect(Math.abs(data.ceilingTau! - expectedCeilingTau(0.33))).toBeLessThan(0.05);
    expect(loadSynthetic({ count: 400, noise: 0 }).ceilingTau).toBe(1);
    expect(loadSynthetic({ count: 2000, noise: 1 }).ceilingTau).toBeLessThan(data.ceilingTau!);
  });

  it('each factor makes scenes harder: pinning it high raises the mean score', () => {
    for (const f of HARDNESS_FACTORS) {
      const easy = syntheticScenes({ count: 300, seed: 5, fixed: { [f]: 0.1 } });
      const hard = syntheticScenes({ count: 300, seed: 5, fixed: { [f]: 0.9 } });
      expect(mean(hard.noiseFreeScores), f).toBeGreaterThan(mean(easy.noiseFreeScores) + 0.1);
    }
    // and the factor shows in the scene: more distractors are drawn
    const few = syntheticScenes({ count: 50, seed: 5, fixed: { distractors: 0 } });
    const many = syntheticScenes({ count: 50, seed: 5, fixed: { distractors: 1 } });
    expect(few.specs.every((s) => s.distractors === 1)).toBe(true);
    expect(many.specs.every((s) => s.distractors === 15)).toBe(true);
  });

  it('checks its options', () => {
    expect(() => loadSynthetic({ count: 5 })).toThrow(
      'loadSynthetic: expected an integer in [12, 10000000] for count',
    );
    expect(() => loadSynthetic({ size: 'big' as never })).toThrow(TypeError);
    expect(() => loadSynthetic({ colour: 1 } as never)).toThrow('unknown option "colour"');
    expect(() => loadSynthetic({ fixed: { shape: 1 } as never })).toThrow('unknown factor "shape"');
    expect(() => loadSynthetic({ fixed: { clutter: 2 } })).toThrow('fixed.clutter');
  });
});

describe('splits', () => {
  it('seeded 2:1:1, disjoint and complete, reproducible', () => {
    const a = splitIndices(1001, 3);
    expect([a.train.length, a.val.length, a.test.length]).toEqual([501, 250, 250]);
    const all = [...a.train, ...a.val, ...a.test].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    expect(splitIndices(1001, 3)).toEqual(a);
    expect(splitIndices(1001, 4).test).not.toEqual(a.test);
  });

  it('groups given labels', () => {
    expect(splitFromLabels(['train', 'test', 'val', 'train'])).toEqual({
      train: [0, 3],
      val: [2],
      test: [1],
    });
  });
});

describe('ceilingTau (native exact tau-b)', () => {
  it('matches hand-computed values and the O(n²) definition, ties included', () => {
    expect(ceilingTau([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 12);
    // scipy.stats.kendalltau([1,1,2,3],[1,2,2,3]).statistic = 0.8 (2 ties, tau-b)
    expect(ceilingTau([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(0.8, 12);
    expect(ceilingTau([1, 1], [1, 2])).toBeNaN();
    const d = loadSynthetic({ count: 800, seed: 2 });
    const noisy = d.test.samples.map((s) => s.score);
    expect(d.ceilingTau).toBeCloseTo(tauBNaive(d.test.noiseFreeScores, noisy), 12);
    const rounded = noisy.map((v) => Math.round(v * 4) / 4); // heavy ties
    expect(ceilingTau(d.test.noiseFreeScores, rounded)).toBeCloseTo(
      tauBNaive(d.test.noiseFreeScores, rounded),
      12,
    );
  });
});
