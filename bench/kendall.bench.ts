// Benchmark: tauflow kendallTau / kendallMatrix against scipy.stats.kendalltau and a plain numpy
// sort of x, on the same data in the same run.
//
//   npx tsx bench/kendall.bench.ts            (writes the table into bench/RESULTS.md)
//   npx tsx bench/kendall.bench.ts --quick    (1e6 only, fewer repeats, no RESULTS.md)
//
// Data (seeded): x ~ N(0, 1), y = 0.6 x + 0.8 N(0, 1); and a tie-heavy case, x and y integers
// 0..99 with y = (x + U{0..39}) mod 100. Each timing is the median of several runs after one
// warm-up. The peer runs through /usr/bin/python3 when python3-scipy is installed; otherwise the
// bench says so and prints tauflow's times alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kendallMatrix, kendallTau } from '../src/index.js';
import { native } from '../src/native.js';

const quick = process.argv.includes('--quick');
const PY = '/usr/bin/python3';

function makeRng(seed: number) {
  let s = BigInt(seed);
  const next = () => {
    // 64-bit LCG (Knuth MMIX), top 53 bits as a double in [0, 1)
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
  let spare: number | null = null;
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const u = next() || 1e-300;
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal };
}

function makeData(kind: 'normal' | 'ties', n: number, seed: number) {
  const rng = makeRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'normal') {
      x[i] = rng.normal();
      y[i] = 0.6 * x[i] + 0.8 * rng.normal();
    } else {
      x[i] = Math.floor(rng.next() * 100);
      y[i] = (x[i] + Math.floor(rng.next() * 40)) % 100;
    }
  }
  return { x, y };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeIt(f: () => unknown, runs: number): number {
  f(); // warm-up
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    f();
    t.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return median(t);
}

const PEER = String.raw`
import json, sys, time, warnings
import numpy as np
from scipy import stats
warnings.simplefilter('ignore')
job = json.load(open(sys.argv[1]))
def med(f, runs):
    f()
    t = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return float(np.median(t))
out = {}
for c in job['cases']:
    x = np.fromfile(c['x'], dtype='<f8'); y = np.fromfile(c['y'], dtype='<f8')
    r = stats.kendalltau(x, y)
    out[c['name']] = {'scipy': med(lambda: stats.kendalltau(x, y), c['runs']),
                      'numpy_sort': med(lambda: np.sort(x), c['runs'] + 2),
                      'tau': float(r.statistic)}
if job.get('matrix'):
    m = job['matrix']
    cols = [np.fromfile(p, dtype='<f8') for p in m['columns']]
    def all_pairs():
        for i in range(len(cols)):
            for j in range(i + 1, len(cols)):
                stats.kendalltau(cols[i], cols[j])
    t = []
    for _ in range(m['runs']):
        t0 = time.perf_counter(); all_pairs(); t.append(time.perf_counter() - t0)
    out['matrix'] = {'scipy': float(np.median(t)), 'tau01': float(stats.kendalltau(cols[0], cols[1]).statistic)}
print(json.dumps(out))
`;

function hasScipy(): boolean {
  const r = spawnSync(PY, ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

interface Row {
  name: string;
  ours: number;
  scipy?: number;
  sort?: number;
  tauOurs: number;
  tauScipy?: number;
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tauflow-kendall-bench-'));
  const scipy = hasScipy();
  if (!scipy) console.log(`scipy not found for ${PY}: skipping the scipy / numpy peer (apt-get install python3-scipy)`);
  try {
    const sizes = quick ? [1e6] : [1e6, 1e7];
    const cases: { name: string; x: Float64Array; y: Float64Array; runs: number }[] = [];
    for (const n of sizes) {
      for (const kind of ['normal', 'ties'] as const) {
        const { x, y } = makeData(kind, n, n + (kind === 'ties' ? 1 : 0));
        const runs = n >= 1e7 ? 3 : quick ? 3 : 7;
        cases.push({ name: `${kind === 'normal' ? 'normal, correlated' : 'ties (ints 0..99)'} n=${n.toExponential(0)}`, x, y, runs });
      }
    }
    const rows: Row[] = [];
    for (const c of cases) {
      const ours = timeIt(() => kendallTau(c.x, c.y), c.runs);
      rows.push({ name: c.name, ours, tauOurs: kendallTau(c.x, c.y).statistic });
      console.log(`tauflow ${c.name}: ${(ours * 1e3).toFixed(1)} ms`);
    }
    // kendallMatrix: 20 columns x 1e5 rows, column k = x + k-dependent noise (half of them tie-heavy).
    const mRows = 100_000;
    const mCols = 20;
    const rng = makeRng(99);
    const base = Float64Array.from({ length: mRows }, () => rng.normal());
    const columns = Array.from({ length: mCols }, (_, k) =>
      Float64Array.from(base, (v) => (k % 2 ? Math.round(4 * (v + rng.normal())) : v + (k / 5) * rng.normal())),
    );
    const matrixRuns = quick ? 2 : 3;
    const oursMatrix = timeIt(() => kendallMatrix(columns), matrixRuns);
    const tauMatrix01 = kendallMatrix(columns).values[1];
    console.log(`tauflow kendallMatrix ${mCols}x${mRows}: ${(oursMatrix * 1e3).toFixed(1)} ms`);

    let matrixScipy: number | undefined;
    let matrixTauScipy: number | undefined;
    if (scipy) {
      const job = {
        cases: cases.map((c, i) => {
          const px = join(dir, `x${i}.f64`);
          const py = join(dir, `y${i}.f64`);
          writeFileSync(px, c.x);
          writeFileSync(py, c.y);
          return { name: c.name, x: px, y: py, runs: c.runs };
        }),
        matrix: {
          columns: columns.map((col, k) => {
            const p = join(dir, `c${k}.f64`);
            writeFileSync(p, col);
            return p;
          }),
          runs: quick ? 1 : 2,
        },
      };
      writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
      writeFileSync(join(dir, 'peer.py'), PEER);
      console.log('running scipy.stats.kendalltau and numpy.sort (this takes a while) ...');
      const r = spawnSync(PY, [join(dir, 'peer.py'), join(dir, 'job.json')], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`peer failed: ${r.stderr}`);
      const peer = JSON.parse(r.stdout) as Record<string, { scipy: number; numpy_sort: number; tau: number; tau01: number }>;
      for (const row of rows) {
        row.scipy = peer[row.name].scipy;
        row.sort = peer[row.name].numpy_sort;
        row.tauScipy = peer[row.name].tau;
      }
      matrixScipy = peer.matrix.scipy;
      matrixTauScipy = peer.matrix.tau01;
    }

    const ms = (s?: number) => (s === undefined ? '—' : `${(s * 1e3).toFixed(s < 1 ? 1 : 0)} ms`);
    const ratio = (a?: number, b?: number) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
    const lines = [
      '| case | tauflow kendallTau | scipy.stats.kendalltau | numpy sort of x | speed-up vs scipy | tauflow / numpy sort | tau-b (tauflow / scipy) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${ms(r.ours)} | ${ms(r.scipy)} | ${ms(r.sort)} | ${ratio(r.scipy, r.ours)} | ${ratio(r.ours, r.sort)} | ${r.tauOurs.toFixed(12)} / ${r.tauScipy?.toFixed(12) ?? '—'} |`,
      ),
      `| kendallMatrix ${mCols} cols × ${mRows.toExponential(0)} rows (190 pairs) | ${ms(oursMatrix)} | ${ms(matrixScipy)} (once per pair) | — | ${ratio(matrixScipy, oursMatrix)} | — | [0,1]: ${tauMatrix01.toFixed(12)} / ${matrixTauScipy?.toFixed(12) ?? '—'} |`,
    ];
    const table = lines.join('\n');
    const threads = native().buildInfo().threads;
    const env = `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), tauflow threads ${threads}, Node ${process.version}, load average at the end ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' / ')}`;
    console.log(`\n${table}\n\n${env}`);
    if (!quick) {
      const path = new URL('./RESULTS.md', import.meta.url);
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = '# Benchmark results\n';
      }
      const section = [
        '## Kendall tau',
        '',
        'Command: `npx tsx bench/kendall.bench.ts` (medians of 3–7 runs after a warm-up; the peers',
        'run through /usr/bin/python3 with scipy 1.10.1 / numpy on the same data in the same run).',
        '',
        table,
        '',
        env,
        '',
      ].join('\n');
      const re = /## Kendall tau\n[\s\S]*?(?=\n## |$)/;
      text = re.test(text) ? text.replace(re, section.trimEnd()) : `${text.trimEnd()}\n\n${section}`;
      writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
      console.log('\nwrote bench/RESULTS.md (## Kendall tau)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
