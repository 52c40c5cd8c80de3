// Checks shared by the spearman and pearson fixture tests (test/spearman.test.ts,
// test/pearson.test.ts): both compare against scipy fixture cases the same way.
import { expect } from 'vitest';
import { type Alt, type AltResult, close, type PairCase } from '../fixtures/correlations_fixture.js';

export const ALTS: Alt[] = ['two-sided', 'less', 'greater'];
// The p-value's own accuracy floor: scipy stores denormals below ~1e-308 with few digits.
export const P_ABS = 1e-300;

/**
 * The n the statistic was computed over: pairs without NaN under 'omit', all pairs otherwise.
 * @example usedLength({ x: [1, NaN], y: [2, 3], nanPolicy: 'omit', ... }) // 1
 */
export function usedLength(c: PairCase): number {
  return c.nanPolicy === 'omit'
    ? c.x.filter((v, i) => !Number.isNaN(v) && !Number.isNaN(c.y[i])).length
    : c.x.length;
}

/**
 * Asserts the p-values against scipy's: the p-value function at scipy's own statistic (pAtRef) to
 * 1e-9 relative; the full p-value too, unless a few-ulp (1e-15) change of the statistic moves it
 * by more than 1e-10 (ref.pIllConditioned), where it must only be a probability (or ~0 when
 * scipy's is 0).
 * @example expectPValues(native().pearsonPValue(ref.statistic!, usedLength(c), alt), r.pvalue, ref)
 */
export function expectPValues(pAtRef: number, pvalue: number, ref: AltResult): void {
  expect(close(pAtRef, ref.pvalue!, 1e-9, P_ABS), `p(scipy r) ${pAtRef} vs ${ref.pvalue}`).toBe(true);
  if (!ref.pIllConditioned)
    expect(close(pvalue, ref.pvalue!, 1e-9, P_ABS), `pvalue ${pvalue} vs ${ref.pvalue}`).toBe(true);
  else if (ref.pvalue === 0) expect(pvalue).toBeLessThan(P_ABS);
  else expect(pvalue >= 0 && pvalue <= 1).toBe(true);
}
