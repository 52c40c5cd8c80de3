// Benchmark: tauflow kendallTau / kendallMatrix against scipy.stats.kendalltau and a plain numpy
// sort of x, on the same data in the same run.
//
//   npx tsx bench/kendall.bench.ts            (writes the table into bench/RESULTS.md)
//   npx tsx bench/kendall.bench.ts --quick    (1e6 only, fewer repeats, no RESULTS.md)
//
// Data (seeded): x ~ N(0, 1), y = 0.6 x + 0.8 N(0, 1); and a tie-heavy case, x and y integers
// 0..99 with y = (x + U{0..39}) mod 100. Two timing patterns, both medians after a warm-up:
//   interleaved   tauflow and the peer alternate run by run (each tauflow call follows ~0.3-6 s
//                 in which only python ran);
//   back to back  each side runs its calls in a row (tauflow's second core is already awake).
// On these 2-vCPU guests the two differ for tauflow at 1e6: after its threads sat idle, a
// two-thread memory-bound call runs ~1.5-2x slower for its first tens of ms, whereas one thread
// does not (bench/kendall_idle_latency.ts measures this); scipy is single-threaded and the same
// either way. The peer runs through /usr/bin/python3 when python3-scipy is installed; otherwise
// the bench says so and prints tauflow's times alone.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { kendallMatrix, kendallTau } from '../src/index.js';
import { native } from '../src/native.js';
import { makeData, makeRng } from './paired_data.js';

const quick = process.argv.includes('--quick');
const PY = '/usr/bin/python3';

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Timing {
  wall: number;
  cpu: number;
}

/** One timed call: wall seconds and this process's CPU seconds (all threads). */
function timeOnce(f: () => unknown): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  f();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

// The peer: a long-lived python process that loads the same data and, on each command line,
// times one call and answers with one JSON line. tauflow and the peer take turns run by run, so
// both see the same (shared, busy) machine.
const PEER = `
import json, sys, time, warnings
import numpy as np
from scipy import stats
warnings.simplefilter('ignore')
job = json.load(open(sys.argv[1]))
cases = [(np.fromfile(c['x'], dtype='<f8'), np.fromfile(c['y'], dtype='<f8')) for c in job['cases']]
cols = [np.fromfile(p, dtype='<f8') for p in job['matrix']]
def all_pairs():
    for i in range(len(cols)):
        for j in range(i + 1, len(cols)):
            stats.kendalltau(cols[i], cols[j])
print(json.dumps({'ready': True}), flush=True)
for line in sys.stdin:
    what, _, arg = line.strip().partition(' ')
    if what == 'quit':
        break
    if what == 'scipy_row':
        # k calls back to back after one warm-up: median wall and CPU seconds
        i, k = map(int, arg.split())
        x, y = cases[i]
        stats.kendalltau(x, y)
        walls, cpus = [], []
        for _ in range(k):
            c0 = time.process_time(); t0 = time.perf_counter(); stats.kendalltau(x, y)
            walls.append(time.perf_counter() - t0); cpus.append(time.process_time() - c0)
        print(json.dumps({'wall': float(np.median(walls)), 'cpu': float(np.median(cpus))}), flush=True)
        continue
    if what == 'scipy':
        x, y = cases[int(arg)]; f = lambda: stats.kendalltau(x, y)
    elif what == 'sort':
        x = cases[int(arg)][0]; f = lambda: np.sort(x)
    else:
        f = all_pairs
    c0 = time.process_time(); t0 = time.perf_counter(); r = f()
    wall = time.perf_counter() - t0; cpu = time.process_time() - c0
    out = {'wall': wall, 'cpu': cpu}
    if what == 'scipy':
        out['tau'] = float(r.statistic)
    elif what == 'matrix':
        out['tau'] = float(stats.kendalltau(cols[0], cols[1]).statistic)
    print(json.dumps(out), flush=True)
`;

function hasScipy(): boolean {
  const r = spawnSync(PY, ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

class Peer {
  private lines: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  private readonly child: ChildProcessWithoutNullStreams;
  constructor(script: string, job: string) {
    this.child = spawn(PY, [script, job]);
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(line);
      } else this.lines.push(line);
    });
    this.child.stderr.on('data', (d) => process.stderr.write(d));
  }
  private next(): Promise<string> {
    const l = this.lines.shift();
    if (l !== undefined) return Promise.resolve(l);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
  async ready(): Promise<void> {
    await this.next();
  }
  async run(cmd: string): Promise<Timing & { tau?: number }> {
    this.child.stdin.write(`${cmd}\n`);
    return JSON.parse(await this.next());
  }
  close(): void {
    this.child.stdin.write('quit\n');
    this.child.stdin.end();
  }
}

interface Row {
  name: string;
  ours: Timing;
  oursRow: Timing;
  scipy?: Timing;
  scipyRow?: Timing;
  sort?: Timing;
  tauOurs: number;
  tauScipy?: number;
}

async function main() {
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'tauflow-kendall-bench-'));
  const scipy = hasScipy();
  if (!scipy)
    console.log(`scipy not found for ${PY}: skipping the scipy / numpy peer (apt-get install python3-scipy)`);
  let peer: Peer | undefined;
  try {
    const sizes = quick ? [1e6] : [1e6, 1e7];
    const cases: { name: string; x: Float64Array; y: Float64Array; runs: number }[] = [];
    for (const n of sizes) {
      for (const kind of ['normal', 'ties'] as const) {
        const { x, y } = makeData(kind, n, n + (kind === 'ties' ? 1 : 0));
        const runs = n >= 1e7 ? 3 : quick ? 3 : 7;
        cases.push({
          name: `${kind === 'normal' ? 'normal, correlated' : 'ties (ints 0..99)'} n=${n.toExponential(0)}`,
          x,
          y,
          runs,
        });
      }
    }
    // kendallMatrix: 20 columns x 1e5 rows, column k = x + k-dependent noise (odd ones tie-heavy).
    const mRows = 100_000;
    const mCols = 20;
    const rng = makeRng(99);
    const base = Float64Array.from({ length: mRows }, () => rng.normal());
    const columns = Array.from({ length: mCols }, (_, k) =>
      Float64Array.from(base, (v) =>
        k % 2 ? Math.round(4 * (v + rng.normal())) : v + (k / 5) * rng.normal(),
      ),
    );
    if (scipy) {
      const job = {
        cases: cases.map((c, i) => {
          const px = join(dir, `x${i}.f64`);
          const py = join(dir, `y${i}.f64`);
          writeFileSync(px, c.x);
          writeFileSync(py, c.y);
          return { x: px, y: py };
        }),
        matrix: columns.map((col, k) => {
          const p = join(dir, `c${k}.f64`);
          writeFileSync(p, col);
          return p;
        }),
      };
      writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
      writeFileSync(join(dir, 'peer.py'), PEER);
      peer = new Peer(join(dir, 'peer.py'), join(dir, 'job.json'));
      await peer.ready();
    }
    const medianOf = (t: Timing[]): Timing => ({
      wall: median(t.map((v) => v.wall)),
      cpu: median(t.map((v) => v.cpu)),
    });

    const rows: Row[] = [];
    for (const [i, c] of cases.entries()) {
      // one warm-up each, then alternate: tauflow, scipy, numpy sort
      timeOnce(() => kendallTau(c.x, c.y));
      const tauOurs = kendallTau(c.x, c.y).statistic;
      let tauScipy: number | undefined;
      if (peer) tauScipy = (await peer.run(`scipy ${i}`)).tau;
      if (peer) await peer.run(`sort ${i}`);
      const ours: Timing[] = [];
      const sc: Timing[] = [];
      const so: Timing[] = [];
      for (let r = 0; r < c.runs; r++) {
        ours.push(timeOnce(() => kendallTau(c.x, c.y)));
        if (peer) {
          sc.push(await peer.run(`scipy ${i}`));
          so.push(await peer.run(`sort ${i}`));
        }
      }
      // back to back: tauflow's calls in a row (one warm-up), then the peer's
      timeOnce(() => kendallTau(c.x, c.y));
      const oursRow: Timing[] = [];
      for (let r = 0; r < c.runs; r++) oursRow.push(timeOnce(() => kendallTau(c.x, c.y)));
      const row: Row = { name: c.name, ours: medianOf(ours), oursRow: medianOf(oursRow), tauOurs, tauScipy };
      if (peer) {
        row.scipy = medianOf(sc);
        row.sort = medianOf(so);
        row.scipyRow = await peer.run(`scipy_row ${i} ${c.runs}`);
      }
      rows.push(row);
      const msOf = (t?: Timing) => (t ? `${(t.wall * 1e3).toFixed(1)} ms` : '—');
      console.log(
        `${c.name}: interleaved: tauflow ${msOf(row.ours)}, scipy ${msOf(row.scipy)}, numpy sort ${msOf(row.sort)}; ` +
          `back to back: tauflow ${msOf(row.oursRow)}, scipy ${msOf(row.scipyRow)}`,
      );
    }
    const matrixRuns = quick ? 2 : 3;
    timeOnce(() => kendallMatrix(columns));
    const om: Timing[] = [];
    const sm: Timing[] = [];
    let matrixTauScipy: number | undefined;
    for (let r = 0; r < matrixRuns; r++) {
      om.push(timeOnce(() => kendallMatrix(columns)));
      if (peer && r < 2) {
        const t = await peer.run('matrix');
        sm.push(t);
        matrixTauScipy = t.tau;
      }
    }
    const oursMatrix = medianOf(om);
    const matrixScipy = peer ? medianOf(sm) : undefined;
    const tauMatrix01 = kendallMatrix(columns).values[1];

    const ms = (s?: number) => (s === undefined ? '—' : `${(s * 1e3).toFixed(s < 1 ? 1 : 0)} ms`);
    const ratio = (a?: number, b?: number) =>
      a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`;
    const lines = [
      '| case | tauflow kendallTau | scipy.stats.kendalltau | numpy sort of x | speed-up vs scipy (wall) | tauflow / numpy sort (wall) | back to back: tauflow / scipy | speed-up, back to back | CPU s: tauflow / scipy / sort | tau-b (tauflow / scipy) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${ms(r.ours.wall)} | ${ms(r.scipy?.wall)} | ${ms(r.sort?.wall)} | ${ratio(r.scipy?.wall, r.ours.wall)} | ${ratio(r.ours.wall, r.sort?.wall)} | ${ms(r.oursRow.wall)} / ${ms(r.scipyRow?.wall)} | ${ratio(r.scipyRow?.wall, r.oursRow.wall)} | ${r.ours.cpu.toFixed(3)} / ${r.scipy?.cpu.toFixed(3) ?? '—'} / ${r.sort?.cpu.toFixed(3) ?? '—'} | ${r.tauOurs.toFixed(12)} / ${r.tauScipy?.toFixed(12) ?? '—'} |`,
      ),
      `| kendallMatrix ${mCols} cols × ${mRows.toExponential(0)} rows (190 pairs; scipy once per pair) | ${ms(oursMatrix.wall)} | ${ms(matrixScipy?.wall)} | — | ${ratio(matrixScipy?.wall, oursMatrix.wall)} | — | — | — | ${oursMatrix.cpu.toFixed(3)} / ${matrixScipy?.cpu.toFixed(3) ?? '—'} / — | [0,1]: ${tauMatrix01.toFixed(12)} / ${matrixTauScipy?.toFixed(12) ?? '—'} |`,
    ];
    const table = lines.join('\n');
    const threads = native().buildInfo().threads;
    const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
    const env = `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), tauflow threads ${threads}, Node ${process.version}, load average (1 / 5 / 15 min) at the start ${load(loadAtStart)}, at the end ${load(loadavg())}`;
    console.log(`\n${table}\n\n${env}`);
    if (!quick) {
      const path = new URL('./RESULTS.md', import.meta.url);
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = '# Benchmark results\n';
      }
      // Only the block between the markers is rewritten: the reading of earlier runs under the
      // same heading stays.
      const begin = '<!-- kendall.bench.ts: begin (generated) -->';
      const end = '<!-- kendall.bench.ts: end -->';
      const block = [
        begin,
        '',
        'Command: `npx tsx bench/kendall.bench.ts`. Medians of 3 (n = 1e7) or 7 (n = 1e6) runs after a',
        'warm-up, in two patterns: interleaved (tauflow and the peer, a long-lived /usr/bin/python3 with',
        'scipy 1.10.1 / numpy on the same data, take turns run by run) and back to back (each side',
        'runs its calls in a row). Wall times are what the goals are about; CPU seconds (all threads',
        'of the process, interleaved runs) show the work done whatever the load.',
        '',
        table,
        '',
        env,
        '',
        end,
      ].join('\n');
      if (text.includes(begin) && text.includes(end)) {
        text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
      } else {
        text = `${text.trimEnd()}\n\n## Kendall tau\n\n${block}\n`;
      }
      writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
      // biome lints bench/ (markdown tables included): format what we wrote.
      spawnSync(
        process.execPath,
        [join('node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'format', '--write', 'bench/RESULTS.md'],
        {
          cwd: new URL('..', import.meta.url).pathname,
          stdio: 'ignore',
        },
      );
      console.log('\nwrote bench/RESULTS.md (## Kendall tau)');
    }
  } finally {
    peer?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
