// The real IDE RankNet test predictions (examples/ideranknet_test_predictions.csv, a copy of
// ../shared/data/ideranknet_test_predictions.csv: 2,885 rows, 1,631 distinct targets) through the
// API. Reference values from scipy 1.10.1 (/usr/bin/python3):
//   x, y = np.loadtxt(FILE, delimiter=',', skiprows=1).T
//   stats.kendalltau(x, y)                -> (0.44792501499785736, 4.917943112922506e-284)
//   stats.kendalltau(x, y, variant='c')   -> (0.447393541912352,   4.917943112922506e-284)
//   stats.spearmanr(x, y)                 -> (0.6283335729466444,  9.498756e-317)
//   stats.pearsonr(x, y)                  -> (0.45449211543822254, 4.5814924858307726e-147)
// The task's rounded anchors are tau-b 0.447925015, tau-c 0.447393542, Spearman 0.628333573,
// Pearson 0.454492116 (scipy's Pearson rounds to 0.454492115 at 9 decimals; both are within 1e-9).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kendallTau, pearson, spearman } from '../src/index.js';

const text = readFileSync(new URL('../examples/ideranknet_test_predictions.csv', import.meta.url), 'utf8');
const rows = text
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').map(Number));
const x = Float64Array.from(rows, (r) => r[0]);
const y = Float64Array.from(rows, (r) => r[1]);

describe('real data: examples/ideranknet_test_predictions.csv through the API', () => {
  it('has the 2,885 rows with ties in the targets', () => {
    expect(x.length).toBe(2885);
    expect(new Set(x).size).toBe(1631);
  });
  it('tau-b, tau-c, Spearman and Pearson match the anchors to 1e-9 and scipy to 1e-12', () => {
    const tb = kendallTau(x, y);
    const tc = kendallTau(x, y, { variant: 'c' });
    const rho = spearman(x, y);
    const r = pearson(x, y);
    expect(Math.abs(tb.statistic - 0.447925015)).toBeLessThan(1e-9);
    expect(Math.abs(tc.statistic - 0.447393542)).toBeLessThan(1e-9);
    expect(Math.abs(rho.statistic - 0.628333573)).toBeLessThan(1e-9);
    expect(Math.abs(r.statistic - 0.454492116)).toBeLessThan(1e-9);
    expect(Math.abs(rho.statistic - 0.6283335729466444)).toBeLessThan(1e-12 * 0.63);
    expect(Math.abs(r.statistic - 0.45449211543822254)).toBeLessThan(1e-12 * 0.46);
    expect(Math.abs(r.pvalue - 4.5814924858307726e-147)).toBeLessThan(1e-9 * 4.58e-147);
    // scipy's 9.498756e-317 is a denormal (7 significant digits survive)
    expect(Math.abs(rho.pvalue - 9.498756e-317)).toBeLessThan(1e-322);
  });
});
