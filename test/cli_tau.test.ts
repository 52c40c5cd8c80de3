// `tauflow tau`: in-process runs of main() for the error matrix (fast), and end-to-end runs in a
// child process: through tsx on src/cli (always), and `node bin/tauflow.js` on the compiled dist/
// (when dist/ is at least as new as src/, as after `npm ci`, whose prepare step runs build:ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from './helpers/run_cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(root, 'examples', 'ideranknet_test_predictions.csv');
let dir: string;
const f = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tauflow-cli-tau-'));
  writeFileSync(f('good.csv'), 'id,a,b,c\n1,1.5,2,9\n2,2.5,1,8\n3,3.5,4,7\n4,4.5,3,6\n5,5.5,6,5\n');
  writeFileSync(f('nonnumeric.csv'), 'a,b\n1,2\n2,3\n3,abc\n4,5\n');
  writeFileSync(f('ragged.csv'), 'a,b\n1,2\n2,3\n\n3,4,5\n4,5\n');
  writeFileSync(f('empty.csv'), '');
  writeFileSync(f('header_only.csv'), 'a,b\n');
  writeFileSync(f('nan.csv'), 'a,b\n1,2\n2,\n3,4\nNaN,5\n5,7\n6,6\n');
  writeFileSync(f('quote.csv'), 'a,b\n1,"2\n3,4\n');
  writeFileSync(f('inf.csv'), 'a,b\n1,2\n2,inf\n3,4\n4,3\n');
  writeFileSync(f('semicolon.csv'), 'a;b\n1;2\n2;1\n3;4\n4;3\n');
  mkdirSync(f('adir'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tauflow tau: good files', () => {
  it('prints statistic, p-value and n', async () => {
    const r = await run('tau', f('good.csv'), '--x', 'a', '--y', 'b');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('x = a, y = b, n = 5');
    // scipy.stats.kendalltau([1.5,2.5,3.5,4.5,5.5],[2,1,4,3,6]) -> (0.6, 0.23333333333333334) (exact)
    expect(r.out).toMatch(/kendall tau-b {2}0\.600000000 {2}p = 0\.2333 {2}\(two-sided, exact\)/);
  });
  it('--json prints one JSON object with the documented fields; columns by index', async () => {
    const r = await run('tau', f('good.csv'), '--x', '1', '--y', '2', '--all', '--json');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual([
      'file',
      'x',
      'y',
      'rows',
      'n',
      'variant',
      'alternative',
      'method',
      'nanPolicy',
      'statistic',
      'pvalue',
      'concordant',
      'discordant',
      'tiesX',
      'tiesY',
      'tiesXY',
      'spearman',
      'pearson',
    ]);
    expect(j).toMatchObject({ x: 'a', y: 'b', rows: 5, n: 5, variant: 'b', method: 'exact', concordant: 8 });
    expect(j.statistic).toBeCloseTo(0.6, 15);
    // scipy.stats.spearmanr([1.5,2.5,3.5,4.5,5.5],[2,1,4,3,6]) -> (0.7999999999999999, 0.10408803866182788)
    expect(j.spearman.statistic).toBe(0.7999999999999999);
    expect(j.spearman.pvalue).toBeCloseTo(0.10408803866182788, 15);
    expect(Object.keys(j.pearson)).toEqual(['statistic', 'pvalue']);
  });
  it('--variant, --alternative, --method and --delimiter reach the metric', async () => {
    const r = await run(
      'tau',
      f('semicolon.csv'),
      '--x',
      'a',
      '--y',
      'b',
      '--delimiter',
      ';',
      '--json',
      '--variant',
      'a',
      '--alternative',
      'greater',
      '--method',
      'asymptotic',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      variant: 'a',
      alternative: 'greater',
      method: 'asymptotic',
      n: 4,
    });
  });
  it('--matrix prints the Kendall matrix (text and JSON)', async () => {
    const t = await run('tau', f('good.csv'), '--matrix', 'a,b,c');
    expect(t.code).toBe(0);
    expect(t.out).toContain('kendall tau-b matrix, 5 rows');
    expect(t.out).toMatch(/a +1\.000000 +0\.600000 +-1\.000000/);
    const j = JSON.parse((await run('tau', f('good.csv'), '--matrix', 'a,b,c', '--json')).out);
    expect(j.columns).toEqual(['a', 'b', 'c']);
    expect(j.matrix[0][2]).toBeCloseTo(-1, 15);
    expect(j.matrix[1][0]).toBeCloseTo(0.6, 15);
    expect(j.counts[0][1]).toBe(5);
  });
  it('empty and NaN cells follow --nan-policy', async () => {
    const prop = JSON.parse((await run('tau', f('nan.csv'), '--x', 'a', '--y', 'b', '--json', '--all')).out);
    expect(prop.statistic).toBeNull(); // NaN in JSON
    expect(prop.spearman.statistic).toBeNull();
    expect(prop.n).toBe(6);
    const omit = JSON.parse(
      (await run('tau', f('nan.csv'), '--x', 'a', '--y', 'b', '--json', '--all', '--nan-policy', 'omit')).out,
    );
    expect(omit.n).toBe(4);
    // scipy.stats.kendalltau([1,3,5,6],[2,4,7,6]) -> 0.6666666666666669
    expect(omit.statistic).toBeCloseTo(2 / 3, 14);
    const text = await run('tau', f('nan.csv'), '--x', 'a', '--y', 'b', '--nan-policy', 'omit');
    expect(text.out).toContain('n = 4 (2 rows with empty/NaN cells omitted)');
    const mprop = JSON.parse((await run('tau', f('nan.csv'), '--matrix', 'a,b', '--json')).out);
    expect(mprop.matrix).toEqual([
      [null, null],
      [null, null],
    ]);
    const momit = JSON.parse(
      (await run('tau', f('nan.csv'), '--matrix', 'a,b', '--json', '--nan-policy', 'omit')).out,
    );
    expect(momit.matrix[0][1]).toBeCloseTo(2 / 3, 14);
    expect(momit.counts[0][1]).toBe(4);
    const raise = await run('tau', f('nan.csv'), '--x', 'a', '--y', 'b', '--nan-policy', 'raise');
    expect(raise.code).toBe(2);
    expect(raise.err).toBe(
      `tauflow: ${f('nan.csv')}, row 2 (line 3): column "b" is empty or NaN (--nan-policy raise)\n`,
    );
  });
});

describe('tauflow tau: bad files and flags -> one line on stderr, exit code 2', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'missing file',
      () => ['tau', f('nope.csv'), '--x', 'a', '--y', 'b'],
      /^tauflow: cannot read .*nope\.csv: no such file$/,
    ],
    [
      'a directory',
      () => ['tau', f('adir'), '--x', 'a', '--y', 'b'],
      /^tauflow: cannot read .*adir: not a regular file$/,
    ],
    [
      'missing column',
      () => ['tau', f('good.csv'), '--x', 'a', '--y', 'zz'],
      /^tauflow: .*good\.csv: no column "zz" \(columns: id, a, b, c\)$/,
    ],
    [
      'index out of range',
      () => ['tau', f('good.csv'), '--x', '0', '--y', '7'],
      /^tauflow: .*good\.csv: column index 7 is out of range \(the header has 4 columns: id, a, b, c\)$/,
    ],
    [
      'non-numeric cell',
      () => ['tau', f('nonnumeric.csv'), '--x', 'a', '--y', 'b'],
      /^tauflow: .*nonnumeric\.csv, row 3 \(line 4\): column "b" holds "abc", not a number$/,
    ],
    [
      'ragged row',
      () => ['tau', f('ragged.csv'), '--x', 'a', '--y', 'b'],
      /^tauflow: .*ragged\.csv, row 3 \(line 5\): 3 fields but the header has 2$/,
    ],
    [
      'empty file',
      () => ['tau', f('empty.csv'), '--x', 'a', '--y', 'b'],
      /^tauflow: .*empty\.csv is empty \(expected a header row\)$/,
    ],
    [
      'unclosed quote',
      () => ['tau', f('quote.csv'), '--x', 'a', '--y', 'b'],
      /^tauflow: .*quote\.csv: Quote Not Closed: .*line 3$/,
    ],
    [
      'infinite cell with --pearson',
      () => ['tau', f('inf.csv'), '--x', 'a', '--y', 'b', '--pearson'],
      /^tauflow: .*inf\.csv, row 2 \(line 3\): column "b" is infinite \(Pearson needs finite values\)$/,
    ],
    [
      'no --x/--y',
      () => ['tau', f('good.csv')],
      /^tauflow: tau: expected --x COL and --y COL \(or --matrix COL,COL,\.\.\.\)$/,
    ],
    [
      '--x with --matrix',
      () => ['tau', f('good.csv'), '--x', 'a', '--matrix', 'a,b'],
      /^tauflow: tau: use either --x\/--y or --matrix, not both$/,
    ],
    [
      '--matrix with one column',
      () => ['tau', f('good.csv'), '--matrix', 'a'],
      /^tauflow: tau: --matrix expects at least two comma-separated columns but received "a"$/,
    ],
    [
      'bad --variant',
      () => ['tau', f('good.csv'), '--x', 'a', '--y', 'b', '--variant', 'z'],
      /^error: option '--variant <v>' argument 'z' is invalid\. Allowed choices are b, c, a\.$/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await run(...args());
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }
  it('a header with no data rows gives NaN (n = 0), not a crash', async () => {
    const r = await run('tau', f('header_only.csv'), '--x', 'a', '--y', 'b', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 0, n: 0, statistic: null });
  });
});

// ---- child processes --------------------------------------------------------------------------
const ANCHORS = { tauB: 0.447925015, tauC: 0.447393542, spearman: 0.628333573, pearson: 0.454492116 };

function spawnCli(argv: string[], via: 'tsx' | 'bin') {
  const args =
    via === 'bin'
      ? [join(root, 'bin', 'tauflow.js'), ...argv]
      : [
          '--import',
          'tsx',
          '-e',
          "import('./src/cli/main.ts').then((m) => m.main(process.argv)).then((c) => { process.exitCode = c; })",
          'tauflow',
          ...argv,
        ];
  return spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}
let distFresh = false;
try {
  distFresh = statSync(join(root, 'dist', 'cli', 'main.js')).mtimeMs >= newestMtime(join(root, 'src'));
} catch {
  distFresh = false;
}

for (const via of ['tsx', 'bin'] as const) {
  const suite = via === 'bin' && !distFresh ? describe.skip : describe;
  const title =
    via === 'bin'
      ? `node bin/tauflow.js (compiled dist/${distFresh ? '' : ' is missing or older than src/: run npm run build:ts'})`
      : 'node --import tsx src/cli/main.ts';
  suite(`end to end: ${title}`, () => {
    it('the README command on the shipped example gives the anchors (text)', () => {
      const r = spawnCli(
        ['tau', 'examples/ideranknet_test_predictions.csv', '--x', 'target', '--y', 'prediction', '--all'],
        via,
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'examples/ideranknet_test_predictions.csv: x = target, y = prediction, n = 2885',
      );
      expect(r.stdout).toContain('kendall tau-b  0.447925015  p = 4.918e-284  (two-sided, asymptotic)');
      expect(r.stdout).toContain('spearman     0.628333573  p = 9.499e-317');
      expect(r.stdout).toMatch(/pearson {6}0\.45449211[56] {2}p = 4\.581e-147/);
    });
    it('--json on the example: tau-b, tau-c, Spearman, Pearson to 1e-9 of the anchors', () => {
      const b = spawnCli(['tau', EXAMPLE, '--x', 'target', '--y', 'prediction', '--json', '--all'], via);
      const c = spawnCli(['tau', EXAMPLE, '--x', '0', '--y', '1', '--json', '--variant', 'c'], via);
      expect(b.status, b.stderr).toBe(0);
      expect(c.status, c.stderr).toBe(0);
      const jb = JSON.parse(b.stdout);
      const jc = JSON.parse(c.stdout);
      expect(jb.n).toBe(2885);
      expect(Math.abs(jb.statistic - ANCHORS.tauB)).toBeLessThan(1e-9);
      expect(Math.abs(jc.statistic - ANCHORS.tauC)).toBeLessThan(1e-9);
      expect(Math.abs(jb.spearman.statistic - ANCHORS.spearman)).toBeLessThan(1e-9);
      expect(Math.abs(jb.pearson.statistic - ANCHORS.pearson)).toBeLessThan(1e-9);
    });
    it('a bad file exits with code 2 and one line naming the row', () => {
      const r = spawnCli(['tau', f('nonnumeric.csv'), '--x', 'a', '--y', 'b'], via);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `tauflow: ${f('nonnumeric.csv')}, row 3 (line 4): column "b" holds "abc", not a number\n`,
      );
    });
  });
}
