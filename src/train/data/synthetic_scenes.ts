// Synthetic visual-search scenes: one target (a red disk) among distractors on a grey background,
// drawn in pure TypeScript into a Float32Array (HWC, RGB, [0, 1]). A scene's difficulty follows
// what makes human search slow (Treisman & Gelade 1980; Duncan & Humphreys 1989; Wolfe 1994;
// Rosenholtz et al. 2007), one independent U(0, 1) "hardness" per factor:
//   distractors  — more items to inspect (set size);
//   similarity   — distractors look like the target: their hue moves from cyan (pop-out) toward
//                  the target's red, and a growing share are red squares that share the target's
//                  colour but not its shape (conjunction search);
//   targetSize   — every item, target included, gets smaller;
//   clutter      — coloured block noise in the background (feature congestion);
//   contrast     — items fade toward the background grey.
// The noise-free score is the VSD-shaped image of the hardness sum (see score_shape.ts); the score
// adds label noise in latent units. Each factor moves a global image statistic (item count and
// area, colour mix, background energy, item contrast), so a small CNN can learn it from pixels.
import { deriveSeed, Rng } from '../rng.js';
import { latentFromHardnessSum, noisyLatent, scoreFromLatent } from './score_shape.js';

export const HARDNESS_FACTORS = ['distractors', 'similarity', 'targetSize', 'clutter', 'contrast'] as const;
export type HardnessFactor = (typeof HARDNESS_FACTORS)[number];
export type Hardness = Record<HardnessFactor, number>;

export interface SceneOptions {
  /** image side in pixels (≥ 16) */
  size: number;
  /** label noise σ in latent standard-normal units; 0 = scores equal noise-free scores */
  noise: number;
  /** items are placed one per cell of a grid×grid layout; default max(3, round(size / 8)) */
  grid?: number;
  /** pin some factors' hardness (each in [0, 1]) instead of drawing them, e.g. for studies */
  fixed?: Partial<Hardness>;
}

/** Everything that determines a scene, without its pixels (cheap: no drawing). */
export interface SceneSpec {
  /** the scene's own seed (derived from the data set seed and the index) */
  seed: number;
  hardness: Hardness;
  grid: number;
  distractors: number;
  /** distractors that are red squares (same colour as the target, other shape) */
  conjunctionDistractors: number;
  /** hue distance in degrees between the target's red and the other distractors (30–180) */
  hueOffset: number;
  /** item radius as a fraction of the grid cell */
  radiusFraction: number;
  /** item contrast against the background, 0.3–1 */
  contrast: number;
  /** peak-to-peak amplitude of the background block noise, 0–0.36 */
  clutter: number;
  /** latent N(0, 1) difficulty and its noisy version */
  latent: number;
  noisyLatent: number;
  noiseFreeScore: number;
  score: number;
}

/** Default grid for a size: cells of about 8 px, at least 3×3. */
export function defaultGrid(size: number): number {
  return Math.max(3, Math.round(size / 8));
}

/**
 * The description of scene `index` in a data set seeded with `seed` (no drawing). A scene depends
 * only on (seed, index, options), not on how many scenes are generated.
 * @example
 * const s = sceneSpec(1, 0, { size: 32, noise: 0.33 });
 * s.score, s.noiseFreeScore, s.distractors
 */
export function sceneSpec(seed: number, index: number, options: SceneOptions): SceneSpec {
  const sceneSeed = deriveSeed(seed, index);
  const rng = new Rng(sceneSeed);
  const hardness = {} as Hardness;
  for (const f of HARDNESS_FACTORS) {
    const u = rng.next(); // always drawn, so pinning one factor leaves the others unchanged
    hardness[f] = options.fixed?.[f] ?? u;
  }
  const epsilon = rng.normal();
  const grid = options.grid ?? defaultGrid(options.size);
  const maxDistractors = grid * grid - 1;
  const distractors = 1 + Math.round(hardness.distractors * (maxDistractors - 1));
  const conjunctionDistractors = Math.round(0.6 * hardness.similarity * distractors);
  let sum = 0;
  for (const f of HARDNESS_FACTORS) sum += hardness[f];
  const latent = latentFromHardnessSum(sum, HARDNESS_FACTORS.length);
  const noisy = options.noise > 0 ? noisyLatent(latent, options.noise, epsilon) : latent;
  return {
    seed: sceneSeed,
    hardness,
    grid,
    distractors,
    conjunctionDistractors,
    hueOffset: 180 - 150 * hardness.similarity,
    radiusFraction: 0.42 - 0.2 * hardness.targetSize,
    contrast: 1 - 0.7 * hardness.contrast,
    clutter: 0.36 * hardness.clutter,
    latent,
    noisyLatent: noisy,
    noiseFreeScore: scoreFromLatent(latent),
    score: scoreFromLatent(noisy),
  };
}

/** HSV (hue in degrees, s and v in [0, 1]) to RGB in [0, 1]. */
function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  const hh = (((h % 360) + 360) % 360) / 60;
  const c = v * s;
  const x = c * (1 - Math.abs((hh % 2) - 1));
  const m = v - c;
  const [r, g, b] =
    hh < 1
      ? [c, x, 0]
      : hh < 2
        ? [x, c, 0]
        : hh < 3
          ? [0, c, x]
          : hh < 4
            ? [0, x, c]
            : hh < 5
              ? [x, 0, c]
              : [c, 0, x];
  return [r + m, g + m, b + m];
}

type Shape = 'disk' | 'square';

/** Inside test in item-centred pixel units; the square has about the disk's area. */
function inside(shape: Shape, dx: number, dy: number, r: number): boolean {
  if (shape === 'disk') return dx * dx + dy * dy <= r * r;
  const h = r * 0.886; // (2h)² = πr²
  return Math.abs(dx) <= h && Math.abs(dy) <= h;
}

/** Blend one anti-aliased item (4×4 supersampling) into the image. */
function drawItem(
  img: Float32Array,
  offset: number,
  size: number,
  cx: number,
  cy: number,
  r: number,
  shape: Shape,
  rgb: readonly number[],
): void {
  const x0 = Math.max(0, Math.floor(cx - r - 1));
  const x1 = Math.min(size - 1, Math.ceil(cx + r + 1));
  const y0 = Math.max(0, Math.floor(cy - r - 1));
  const y1 = Math.min(size - 1, Math.ceil(cy + r + 1));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++)
          if (inside(shape, x + (sx + 0.5) / 4 - cx, y + (sy + 0.5) / 4 - cy, r)) hits++;
      if (hits === 0) continue;
      const a = hits / 16;
      const p = offset + (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) img[p + ch] = (1 - a) * img[p + ch] + a * rgb[ch];
    }
  }
}

/** Where the target was drawn, for inspection and plots. */
export interface TargetLocation {
  x: number;
  y: number;
  radius: number;
}

/**
 * Draw a scene into `out` (HWC RGB float32 in [0, 1]) at `offset`, or into a new array.
 * Same spec and size → the same pixels, bit for bit.
 * @example
 * const spec = sceneSpec(1, 0, { size: 32, noise: 0.33 });
 * const pixels = renderScene(spec, 32); // Float32Array(32 * 32 * 3)
 */
export function renderScene(
  spec: SceneSpec,
  size: number,
  out?: Float32Array,
  offset = 0,
): { pixels: Float32Array; target: TargetLocation } {
  const img = out ?? new Float32Array(size * size * 3);
  const rng = new Rng(deriveSeed(spec.seed, 1));
  // Background: mid grey plus coloured block noise (clutter). The grey is fixed and the distractor
  // hue always turns the same way round the colour wheel: nuisance variation there cost
  // learnability (random-feature probe, bench/synthetic_learnability.ts: ratio 0.789 → 0.823).
  rng.next(); // (a draw kept so the layout stream is unchanged)
  const grey = 0.5;
  const block = Math.max(1, Math.round(size / 16));
  const blocks = Math.ceil(size / block);
  const noise = new Float32Array(blocks * blocks * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = spec.clutter * (rng.next() - 0.5);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = offset + (y * size + x) * 3;
      const q = ((Math.floor(y / block) * blocks + Math.floor(x / block)) * 3) | 0;
      for (let ch = 0; ch < 3; ch++) img[p + ch] = Math.min(1, Math.max(0, grey + noise[q + ch]));
    }
  }
  // Items: one per grid cell, the target in a random cell, jittered inside its cell.
  const cell = size / spec.grid;
  const radius = Math.max(0.75, spec.radiusFraction * cell);
  const jitter = Math.max(0, cell / 2 - radius - 0.5);
  const cells = rng.permutation(spec.grid * spec.grid).slice(0, spec.distractors + 1);
  const fade = (rgb: [number, number, number]) => rgb.map((v) => grey + spec.contrast * (v - grey));
  const red = fade(hsvToRgb(0, 1, 1));
  // One hue for all feature distractors: red + hueOffset (orange → yellow → green → cyan).
  rng.next();
  const other = fade(hsvToRgb(spec.hueOffset, 1, 1));
  let target: TargetLocation = { x: 0, y: 0, radius };
  cells.forEach((c, k) => {
    const cx = (c % spec.grid) * cell + cell / 2 + jitter * (2 * rng.next() - 1);
    const cy = Math.floor(c / spec.grid) * cell + cell / 2 + jitter * (2 * rng.next() - 1);
    if (k === 0) {
      drawItem(img, offset, size, cx, cy, radius, 'disk', red);
      target = { x: cx, y: cy, radius };
    } else if (k <= spec.conjunctionDistractors) {
      drawItem(img, offset, size, cx, cy, radius, 'square', red);
    } else {
      drawItem(img, offset, size, cx, cy, radius, 'disk', other);
    }
  });
  return { pixels: img, target };
}
