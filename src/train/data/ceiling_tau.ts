// The ceiling tau of synthetic data: Kendall tau-b between the noise-free and the noisy scores on
// the test split — what a model that recovered the noise-free difficulty exactly would reach, the
// analogue of human agreement on VSD.
//
// TEMPORARY: an O(n²) exact tau-b until the native `kendallTau` (branch `kendall`) is merged;
// then this file calls it. n is a test split (a quarter of the scenes), so n² stays small here.

/**
 * Exact Kendall tau-b of two equally long arrays (NaN when either is constant).
 * @example ceilingTau([1, 2, 3], [1, 3, 2]) // 1/3
 */
export function ceilingTau(noiseFree: ArrayLike<number>, noisy: ArrayLike<number>): number {
  const n = noiseFree.length;
  let concordantMinusDiscordant = 0;
  let tiesX = 0; // pairs tied in x only or both: counted for the denominator
  let tiesY = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(noiseFree[i] - noiseFree[j]);
      const dy = Math.sign(noisy[i] - noisy[j]);
      pairs++;
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      concordantMinusDiscordant += dx * dy;
    }
  }
  const denom = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denom > 0 ? Math.max(-1, Math.min(1, concordantMinusDiscordant / denom)) : Number.NaN;
}
