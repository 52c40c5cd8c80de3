// A small seeded PRNG shared by the data side (scenes, splits, augmentation) and the trainer
// (shuffles, init). xoshiro128** (Blackman & Vigna) on 32-bit integers — JS does 32-bit integer
// math exactly with Math.imul and >>> — seeded through splitmix32 so that any integer seed, even
// 0 or 1, gives a well-mixed state. Same seed → same stream on every platform and Node version.

import { integerIn, rangeError } from '../validate.js';

/** splitmix32 step: a bijective 32-bit mixer; used to expand seeds and to derive sub-seeds. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Derive an independent seed from a base seed and a list of integers (e.g. a scene index), so a
 * scene or an epoch has its own stream that does not depend on how many came before it.
 * @example deriveSeed(7, 42) // the seed of scene 42 in a data set seeded with 7
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mix32(seed >>> 0);
  for (const p of parts) h = mix32((h ^ mix32(p >>> 0)) >>> 0);
  return h;
}

/** A seeded random stream. Every method advances the same state, so call order matters. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Integer seeds up to 2^53 are folded into 32 bits by hashing both halves.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    let x = mix32(lo ^ mix32(hi));
    this.s0 = x = mix32(x);
    this.s1 = x = mix32(x);
    this.s2 = x = mix32(x);
    this.s3 = mix32(x);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniform integer in [0, n) without modulo bias. */
  int(n: number): number {
    if (!(n >= 1 && n <= 4294967296 && Number.isInteger(n)))
      throw rangeError('Rng.int', 'n', 'an integer in [1, 2^32]', n);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** A standard normal deviate (Marsaglia polar method; the pair's second value is kept). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        return u * m;
      }
    }
  }

  /** A Gamma(shape, 1) deviate (Marsaglia & Tsang; shape < 1 by the boost u^(1/shape)). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw rangeError('Rng.gamma', 'shape', 'a positive number', shape);
    if (shape < 1) {
      const u = this.next();
      return this.gamma(shape + 1) * (u > 0 ? u : Number.MIN_VALUE) ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Beta(a, b) deviate, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    const s = x + y;
    return s > 0 ? x / s : 0.5;
  }

  /** Shuffle an array in place (Fisher–Yates) and return it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** The integers 0..n−1 in a random order. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

/**
 * A seeded random stream.
 * @example
 * const rng = createRng(42);
 * rng.next();        // uniform in [0, 1)
 * rng.permutation(5) // e.g. [3, 0, 4, 1, 2], the same for seed 42 every time
 */
export function createRng(seed: number): Rng {
  return new Rng(integerIn('createRng', 'seed', seed, 0, Number.MAX_SAFE_INTEGER, 0));
}
