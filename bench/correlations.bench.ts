// Benchmark: tauflow spearman / pearson against scipy.stats.spearmanr / pearsonr on the same data,
// in the same run.
//
//   npx tsx bench/correlations.bench.ts          (n = 1e6 and 1e7; prints a Markdown table)
//   npx tsx bench/correlations.bench.ts --quick  (n = 1e6 only)
//
// Data (seeded, bench/paired_data.ts): x ~ N(0, 1), y = 0.6 x + 0.8 N(0, 1); and a tie-heavy
// case, integers 0..99 with y = (x + U{0..39}) mod 100. Each time is the median of `reps` runs after one warm-up. The data
// goes to the peer as raw float64 files; the peer runs through /usr/bin/python3 when
// python3-scipy is installed, otherwise the bench says so and times tauflow alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pearson, spearman } from '../src/index.js';
import { makeData } from './paired_data.js';

const quick = process.argv.includes('--quick');
const PY = '/usr/bin/python3';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function time(f: () => unknown, reps: number): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    f();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

const PEER = `
import sys, json, time, warnings
import numpy as np
from scipy import stats
warnings.simplefilter('ignore')
x = np.fromfile(sys.argv[1]); y = np.fromfile(sys.argv[2]); reps = int(sys.argv[3])
out = {}
for name, f in (('spearman', stats.spearmanr), ('pearson', stats.pearsonr)):
    r = f(x, y); ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(x, y); ts.append((time.perf_counter() - t0) * 1e3)
    out[name] = dict(ms=sorted(ts)[len(ts) // 2], statistic=float(r[0]), pvalue=float(r[1]))
print(json.dumps(out))
`;

function peerAvailable(): boolean {
  return spawnSync(PY, ['-c', 'import scipy'], { encoding: 'utf8' }).status === 0;
}

const hasPeer = peerAvailable();
const dir = mkdtempSync(join(tmpdir(), 'tauflow-bench-corr-'));
const rows: string[] = [];
console.log(
  `# Spearman / Pearson: tauflow vs scipy ${hasPeer ? '(peer: /usr/bin/python3)' : '(scipy not installed: peer skipped)'}; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}`,
);
rows.push(
  '| data | n | tauflow spearman (ms) | scipy spearmanr (ms) | speed-up | tauflow pearson (ms) | scipy pearsonr (ms) | speed-up | max rel. diff of statistic |',
  '|---|---|---|---|---|---|---|---|---|',
);
try {
  for (const n of quick ? [1e6] : [1e6, 1e7]) {
    const reps = n >= 1e7 ? 3 : 5;
    for (const kind of ['normal', 'ties'] as const) {
      const { x, y } = makeData(kind, n, kind === 'normal' ? 1 : 2);
      const ts = time(() => spearman(x, y), reps);
      const tp = time(() => pearson(x, y), reps);
      const mine = { spearman: spearman(x, y), pearson: pearson(x, y) };
      let peer: Record<string, { ms: number; statistic: number; pvalue: number }> | null = null;
      if (hasPeer) {
        writeFileSync(join(dir, 'x.f64'), x);
        writeFileSync(join(dir, 'y.f64'), y);
        const r = spawnSync(PY, ['-c', PEER, join(dir, 'x.f64'), join(dir, 'y.f64'), String(reps)], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        if (r.status === 0) peer = JSON.parse(r.stdout);
        else console.error(r.stderr);
      }
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      const fmt = (v: number) => v.toFixed(v < 10 ? 2 : 0);
      rows.push(
        `| ${kind} | ${n.toExponential(0)} | ${fmt(ts)} | ${peer ? fmt(peer.spearman.ms) : '–'} | ${peer ? `${(peer.spearman.ms / ts).toFixed(1)}×` : '–'} | ${fmt(tp)} | ${peer ? fmt(peer.pearson.ms) : '–'} | ${peer ? `${(peer.pearson.ms / tp).toFixed(1)}×` : '–'} | ${peer ? Math.max(rel(mine.spearman.statistic, peer.spearman.statistic), rel(mine.pearson.statistic, peer.pearson.statistic)).toExponential(1) : '–'} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${rows.join('\n')}\n\nload average at the end: ${loadavg()[0].toFixed(1)}`);
