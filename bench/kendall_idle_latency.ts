// Why kendallTau at n = 1e6 is slower inside kendall.bench.ts than back to back: times the same
// call back to back, after 300 ms idle, and after a python/numpy run (what the bench's turn-taking
// with scipy does). Run: npx tsx bench/kendall_idle_latency.ts
import { execSync } from 'node:child_process';
import { kendallTau } from '../src/index.js';

const n = 1_000_000;
let s = 12345;
const rnd = () => {
  s = (s * 1103515245 + 12345) >>> 0;
  return (s + 0.5) / 2 ** 32;
};
const normal = () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
const x = new Float64Array(n),
  y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  x[i] = normal();
  y[i] = 0.6 * x[i] + 0.8 * normal();
}
function med(f: () => void, gap: () => void, k = 7) {
  const t: number[] = [];
  for (let i = 0; i < k; i++) {
    gap();
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[k >> 1].toFixed(1);
}
kendallTau(x, y);
console.log(
  'back to back:',
  med(
    () => kendallTau(x, y),
    () => {},
  ),
  'ms',
);
console.log(
  'after 300 ms idle:',
  med(
    () => kendallTau(x, y),
    () => {
      execSync('sleep 0.3');
    },
  ),
  'ms',
);
console.log(
  'after a python numpy sort 1e6:',
  med(
    () => kendallTau(x, y),
    () => {
      execSync(
        `/usr/bin/python3 -c "import numpy as np; a=np.random.randn(1000000); [np.sort(a) for _ in range(3)]"`,
      );
    },
  ),
  'ms',
);
