// The ceiling tau of synthetic data: Kendall tau-b between the noise-free and the noisy scores on
// the test split — what a model that recovered the noise-free difficulty exactly would reach, the
// analogue of human agreement on VSD. Computed with the package's exact O(n log n) tau-b.
import { kendallTau } from '../../metrics/kendall.js';

/**
 * Exact Kendall tau-b of two equally long arrays (NaN when either is constant).
 * @example ceilingTau([1, 2, 3], [1, 3, 2]) // 1/3
 */
export function ceilingTau(noiseFree: ArrayLike<number>, noisy: ArrayLike<number>): number {
  // No p-value is wanted; 'asymptotic' keeps the call O(n log n) for every n.
  return kendallTau(Float64Array.from(noiseFree), Float64Array.from(noisy), { method: 'asymptotic' })
    .statistic;
}
