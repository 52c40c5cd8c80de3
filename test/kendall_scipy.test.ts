// kendallTau against scipy.stats.kendalltau 1.10.1: every variant x alternative x method x
// nanPolicy on the cases in test/fixtures/kendall_scipy.json, which
// `/usr/bin/python3 test/fixtures/gen_kendall.py` wrote (variant 'a' and omit + 'c' are our own
// definitions there; the generator says how each reference was made).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kendallTau, kendallTauAsync } from '../src/index.js';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';
interface FixtureResult {
  variant: 'a' | 'b' | 'c';
  alternative: 'two-sided' | 'less' | 'greater';
  method: 'auto' | 'exact' | 'asymptotic';
  nanPolicy: 'propagate' | 'omit' | 'raise';
  source: string;
  statistic?: Encoded;
  pvalue?: Encoded;
  error?: string;
}
interface FixtureCase {
  name: string;
  x: Encoded[];
  y: Encoded[];
  results: FixtureResult[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/kendall_scipy.json', import.meta.url), 'utf8'),
) as { scipy: string; cases: FixtureCase[] };

const decode = (v: Encoded): number =>
  v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;

/** |a - b| <= rel * |b| (both NaN passes; a tiny absolute floor for exact zeros). */
function expectClose(actual: number, expected: number, rel: number, what: string): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  const tol = Math.max(rel * Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe(`kendallTau vs scipy ${fixture.scipy} fixtures`, () => {
  it('covers every option combination and both error kinds', () => {
    const combos = new Set(
      fixture.cases.flatMap((c) =>
        c.results.map((r) => `${r.variant}/${r.alternative}/${r.method}/${r.nanPolicy}`),
      ),
    );
    expect(combos.size).toBe(3 * 3 * 3 * 3);
    const errors = fixture.cases.flatMap((c) => c.results.filter((r) => r.error).map((r) => r.error));
    expect(errors.some((e) => e?.includes('Ties found'))).toBe(true);
    expect(errors.some((e) => e?.includes('contains nan'))).toBe(true);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const x = c.x.map(decode);
      const y = c.y.map(decode);
      for (const r of c.results) {
        const opts = {
          variant: r.variant,
          alternative: r.alternative,
          method: r.method,
          nanPolicy: r.nanPolicy,
        };
        const what = `${c.name} ${JSON.stringify(opts)} (${r.source})`;
        if (r.error) {
          // scipy's ValueErrors: NaN under 'raise', exact with ties, omit + variant c (handled
          // above as our own definition, so never an error here).
          expect(() => kendallTau(x, y, opts), what).toThrow(RangeError);
          if (r.error.includes('Ties found'))
            expect(() => kendallTau(x, y, opts), what).toThrow(/options\.method/);
          if (r.error.includes('contains nan'))
            expect(() => kendallTau(x, y, opts), what).toThrow(/nanPolicy 'raise'/);
          continue;
        }
        const got = kendallTau(x, y, opts);
        expectClose(got.statistic, decode(r.statistic!), 1e-12, `${what} statistic`);
        expectClose(got.pvalue, decode(r.pvalue!), 1e-9, `${what} pvalue`);
        expect(got.statistic >= -1 && got.statistic <= 1).toBe(!Number.isNaN(got.statistic));
      }
    });
  }

  it('kendallTauAsync gives the same results on the fixture cases', async () => {
    for (const c of fixture.cases) {
      const x = c.x.map(decode);
      const y = c.y.map(decode);
      for (const r of c.results.filter((q) => q.variant === 'c' && q.method === 'auto')) {
        const opts = { variant: r.variant, alternative: r.alternative, nanPolicy: r.nanPolicy };
        if (r.error) {
          await expect(kendallTauAsync(x, y, opts)).rejects.toThrow(RangeError);
          continue;
        }
        const got = await kendallTauAsync(x, y, opts);
        expect(got).toEqual(kendallTau(x, y, opts));
      }
    }
  });
});
