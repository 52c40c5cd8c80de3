// The one seeded generator of the test suite (mulberry32): every random test input is reproducible
// from its seed. Not part of the package.

/**
 * mulberry32: a small seeded PRNG returning uniforms in [0, 1).
 * @example const r = rng(1); const u = r(); // same u on every run
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The classic 31-bit LCG (glibc's constants) used by the older Kendall and Spearman tests: the
 * same float arithmetic as their inline copies, so the same sequence for a seed.
 * @example const r = lcg(12345); const u = r(); // in [0, 1)
 */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
