// Why kendallTau at n = 1e6 is slower inside kendall.bench.ts's interleaved runs than back to
// back: times the same call back to back, after 300 ms idle, and after a python/numpy run (what
// the bench's turn-taking with scipy does), with 1 and with 2 threads. If only the two-thread
// times grow after idle, the cost is the guest's second vCPU / memory system waking up, not
// tauflow's own start-up work (which a one-thread call pays too).
//   npx tsx bench/kendall_idle_latency.ts
import { execSync } from 'node:child_process';
import { kendallTau } from '../src/index.js';
import { native } from '../src/native.js';
import { makeData } from './paired_data.js';

const n = 1_000_000;
const { x, y } = makeData('normal', n, n);
function med(f: () => void, gap: () => void, k = 9) {
  const t: number[] = [];
  for (let i = 0; i < k; i++) {
    gap();
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[k >> 1];
}
const patterns: [string, () => void][] = [
  ['back to back', () => {}],
  ['after 300 ms idle', () => execSync('sleep 0.3')],
  [
    'after a python numpy run',
    () =>
      execSync(
        `/usr/bin/python3 -c "import numpy as np; a=np.random.randn(1000000); [np.sort(a) for _ in range(3)]"`,
      ),
  ],
];
const rows: string[] = [
  '| pattern | 1 thread | 2 threads | 2-thread speed-up |',
  '| --- | ---: | ---: | ---: |',
];
for (const [name, gap] of patterns) {
  const t: number[] = [];
  for (const threads of [1, 2]) {
    native().setThreads(threads);
    kendallTau(x, y);
    t.push(med(() => kendallTau(x, y), gap));
  }
  rows.push(`| ${name} | ${t[0].toFixed(1)} ms | ${t[1].toFixed(1)} ms | ${(t[0] / t[1]).toFixed(2)}× |`);
}
native().setThreads(0);
console.log(
  `kendallTau, n = ${n}, Float64Array, normal correlated (kendall.bench.ts's data); medians of 9\n`,
);
console.log(rows.join('\n'));
