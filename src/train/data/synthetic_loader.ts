// The embedded default data set: seeded synthetic visual-search scenes, split 2:1:1, drawn on
// demand batch by batch (a 32×32 scene draws in microseconds, so nothing is kept in memory but
// the scene descriptions).
import { checkOptions, integerIn, numberIn, rangeError, typeError } from '../../validate.js';
import { ceilingTau } from './ceiling_tau.js';
import { ImageCache } from './image_cache.js';
import { splitIndices } from './splits.js';
import {
  HARDNESS_FACTORS,
  type Hardness,
  renderScene,
  type SceneSpec,
  sceneSpec,
} from './synthetic_scenes.js';
import type { ImageBatch, LabeledImages, Sample, SplitData } from './types.js';

export interface SyntheticOptions {
  /** number of scenes in all three splits together (default 2000) */
  count?: number;
  /** image side in pixels (default 32) */
  size?: number;
  /** data set seed: scenes and split (default 1) */
  seed?: number;
  /** label noise σ in latent N(0, 1) units (default 0.33 → expected ceiling tau ≈ 0.80) */
  noise?: number;
  /** items per side of the placement grid (default max(3, round(size / 8))) */
  grid?: number;
  /** pin factors' hardness in [0, 1] (studies and tests) */
  fixed?: Partial<Hardness>;
  /** memory for drawn scenes in MB, shared by the splits (default 256; 0 draws every time) */
  cacheMB?: number;
}

const KNOWN = ['count', 'size', 'seed', 'noise', 'grid', 'fixed', 'cacheMB'] as const;
export const SYNTHETIC_DEFAULTS = { count: 2000, size: 32, seed: 1, noise: 0.33, cacheMB: 256 } as const;

/** Scene name for index i: scene_000042 (zero-padded so names sort in index order). */
export function sceneName(index: number, count: number): string {
  return `scene_${String(index).padStart(Math.max(6, String(count - 1).length), '0')}`;
}

/** A set of synthetic scenes: the LabeledImages contract plus each scene's description. */
export class SyntheticImages implements LabeledImages {
  readonly samples: readonly Sample[];
  /** the noise-free score of each sample (same order as samples) */
  readonly noiseFreeScores: Float64Array;

  constructor(
    readonly size: number,
    readonly specs: readonly SceneSpec[],
    names: readonly string[],
    /** drawn scenes, keyed by name; shared by subsets */
    private readonly cache = new ImageCache(SYNTHETIC_DEFAULTS.cacheMB * 2 ** 20),
  ) {
    this.samples = specs.map((s, i) => ({ name: names[i], score: s.score }));
    this.noiseFreeScores = Float64Array.from(specs, (s) => s.noiseFreeScore);
  }

  /** Draw the scenes at these indices into one batch, in the order given. */
  async batch(indices: readonly number[]): Promise<ImageBatch> {
    return this.batchSync(indices);
  }

  /** The synchronous form of batch() (drawing needs no I/O). */
  batchSync(indices: readonly number[]): ImageBatch {
    const px = this.size * this.size * 3;
    const images = new Float32Array(indices.length * px);
    const scores = new Float32Array(indices.length);
    const names: string[] = [];
    indices.forEach((idx, k) => {
      if (!Number.isInteger(idx) || idx < 0 || idx >= this.specs.length)
        throw rangeError(
          'SyntheticImages.batch',
          `indices[${k}]`,
          `an integer in [0, ${this.specs.length - 1}]`,
          idx,
        );
      const name = this.samples[idx].name;
      const cached = this.cache.get(name);
      if (cached) images.set(cached, k * px);
      else {
        renderScene(this.specs[idx], this.size, images, k * px);
        if (this.cache.maxBytes > 0) this.cache.set(name, images.slice(k * px, (k + 1) * px));
      }
      scores[k] = this.samples[idx].score;
      names.push(this.samples[idx].name);
    });
    return { images, scores, names, count: indices.length };
  }

  /** The subset at these indices, as its own set. */
  subset(indices: readonly number[]): SyntheticImages {
    return new SyntheticImages(
      this.size,
      indices.map((i) => this.specs[i]),
      indices.map((i) => this.samples[i].name),
      this.cache,
    );
  }
}

/** Checked options with defaults filled in. */
export function resolveSyntheticOptions(
  options?: SyntheticOptions,
): Required<Omit<SyntheticOptions, 'fixed' | 'grid'>> & Pick<SyntheticOptions, 'fixed' | 'grid'> {
  const fn = 'loadSynthetic';
  const o = checkOptions<SyntheticOptions>(fn, options, KNOWN);
  const count = integerIn(fn, 'count', o.count, 12, 10_000_000, SYNTHETIC_DEFAULTS.count);
  const size = integerIn(fn, 'size', o.size, 16, 1024, SYNTHETIC_DEFAULTS.size);
  const seed = integerIn(fn, 'seed', o.seed, 0, 2 ** 32 - 1, SYNTHETIC_DEFAULTS.seed);
  const noise = numberIn(fn, 'noise', o.noise, 0, 10, SYNTHETIC_DEFAULTS.noise);
  const cacheMB = integerIn(fn, 'cacheMB', o.cacheMB, 0, 1 << 20, SYNTHETIC_DEFAULTS.cacheMB);
  const grid = o.grid === undefined ? undefined : integerIn(fn, 'grid', o.grid, 2, Math.floor(size / 4), 3);
  if (o.fixed !== undefined) {
    if (o.fixed === null || typeof o.fixed !== 'object') throw typeError(fn, 'fixed', 'an object', o.fixed);
    for (const [k, v] of Object.entries(o.fixed)) {
      if (!(HARDNESS_FACTORS as readonly string[]).includes(k))
        throw new TypeError(
          `${fn}: unknown factor "${k}" in fixed (known factors: ${HARDNESS_FACTORS.join(', ')})`,
        );
      numberIn(fn, `fixed.${k}`, v, 0, 1, 0);
    }
  }
  return { count, size, seed, noise, grid, fixed: o.fixed, cacheMB };
}

/**
 * All scenes of a synthetic data set, unsplit (for `tauflow synth` and for studies).
 * @example const all = syntheticScenes({ count: 100, size: 32, seed: 3 }); all.samples[0].score
 */
export function syntheticScenes(options?: SyntheticOptions): SyntheticImages {
  const o = resolveSyntheticOptions(options);
  const specs: SceneSpec[] = [];
  const names: string[] = [];
  for (let i = 0; i < o.count; i++) {
    specs.push(sceneSpec(o.seed, i, { size: o.size, noise: o.noise, grid: o.grid, fixed: o.fixed }));
    names.push(sceneName(i, o.count));
  }
  return new SyntheticImages(o.size, specs, names, new ImageCache(o.cacheMB * 2 ** 20));
}

/**
 * The embedded default data set: seeded synthetic scenes with a seeded 2:1:1 split and the ceiling
 * tau (tau-b of noise-free vs noisy scores on the test split).
 * @example
 * const data = loadSynthetic({ count: 2000, size: 32, seed: 1 });
 * const batch = await data.train.batch([0, 1, 2]); // images [3, 32, 32, 3], scores [3]
 * data.ceilingTau; // ≈ 0.8
 */
export function loadSynthetic(options?: SyntheticOptions): SplitData & {
  train: SyntheticImages;
  val: SyntheticImages;
  test: SyntheticImages;
} {
  const o = resolveSyntheticOptions(options);
  const all = syntheticScenes(o);
  const split = splitIndices(o.count, o.seed);
  const test = all.subset(split.test);
  return {
    train: all.subset(split.train),
    val: all.subset(split.val),
    test,
    ceilingTau: ceilingTau(
      test.noiseFreeScores,
      test.samples.map((s) => s.score),
    ),
    skipped: [],
    description: `synthetic (seed ${o.seed}, ${o.count} scenes, ${o.size} px, noise ${o.noise})`,
  };
}
