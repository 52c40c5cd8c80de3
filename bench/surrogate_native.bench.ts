// Fused surrogate, native CPU path: forward + backward time and peak RSS per size.
//   npx tsx bench/surrogate_native.bench.ts            all sizes, markdown table on stdout
//   npx tsx bench/surrogate_native.bench.ts --quick    skip n = 65,536
// Each size runs in its own child process, so its peak RSS (process.resourceUsage().maxRSS) is its
// own; "extra RSS" is that peak minus the RSS after loading the addon and creating the inputs.
// Wall time is the median of the timed repeats after one warm-up; CPU time (user + system, all
// threads) is reported too, because this machine's 2 cores are shared with other work.

import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NativeSurrogateOptions } from '../binding.js';
import { native } from '../src/native.js';
import { surrogateInputs } from './surrogate_inputs.js';

interface Case {
  batch: number;
  n: number;
  surrogate: NativeSurrogateOptions['surrogate'];
  normalization: NativeSurrogateOptions['normalization'];
  reps: number;
}

interface Row extends Case {
  wallMs: number;
  cpuMs: number;
  pairsPerSec: number;
  peakRssMiB: number;
  extraRssMiB: number;
  value: number;
}

function runOne(c: Case): Row {
  const total = c.batch * c.n;
  const { p, y } = surrogateInputs(total, 12345); // seeded: every run sees the same inputs
  const opts: NativeSurrogateOptions = {
    surrogate: c.surrogate,
    alpha: 2,
    margin: 1,
    weighting: 'none',
    normalization: c.normalization,
    device: 'cpu',
    wantGrad: true,
  };
  const b = native();
  const base = process.memoryUsage().rss;
  let value = b.surrogate(p, y, null, c.batch, c.n, opts).value[0]; // warm-up
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < c.reps; r++) {
    const t0 = performance.now();
    value = b.surrogate(p, y, null, c.batch, c.n, opts).value[0];
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, z) => a - z);
  const wallMs = walls[Math.floor(walls.length / 2)];
  const peak = process.resourceUsage().maxRSS * 1024;
  const pairs = (c.batch * c.n * (c.n - 1)) / 2;
  return {
    ...c,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000 / c.reps,
    pairsPerSec: pairs / (wallMs / 1000),
    peakRssMiB: peak / 2 ** 20,
    extraRssMiB: Math.max(0, peak - base) / 2 ** 20,
    value,
  };
}

function main() {
  const arg = process.argv.indexOf('--one');
  if (arg >= 0) {
    process.stdout.write(JSON.stringify(runOne(JSON.parse(process.argv[arg + 1]) as Case)));
    return;
  }
  const quick = process.argv.includes('--quick');
  const cases: Case[] = [];
  for (const [surrogate, normalization] of [
    ['tanh', 'tau-b'],
    ['ranknet', 'tau-a'],
  ] as const) {
    cases.push(
      { batch: 1, n: 256, surrogate, normalization, reps: 200 },
      { batch: 1, n: 1024, surrogate, normalization, reps: 50 },
      { batch: 1, n: 4096, surrogate, normalization, reps: 10 },
      { batch: 64, n: 128, surrogate, normalization, reps: 100 },
    );
    if (!quick) cases.push({ batch: 1, n: 65536, surrogate, normalization, reps: 3 });
  }
  const self = fileURLToPath(import.meta.url);
  const rows: Row[] = cases.map(
    (c) =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, self, '--one', JSON.stringify(c)], {
          encoding: 'utf8',
        }),
      ) as Row,
  );
  const threads = native().buildInfo().threads;
  console.log(
    `CPU: ${cpus()[0]?.model ?? '?'} (${cpus().length} logical), threads ${threads}, Node ${process.version}`,
  );
  console.log('');
  console.log(
    '| surrogate | B × n | fwd+bwd wall (median) | CPU time / call | pairs/s (wall) | peak RSS | extra RSS |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ms = r.wallMs < 10 ? r.wallMs.toFixed(3) : r.wallMs.toFixed(1);
    console.log(
      `| ${r.surrogate} ${r.surrogate === 'tanh' ? r.normalization : ''} | ${r.batch} × ${r.n} | ${ms} ms | ${r.cpuMs.toFixed(1)} ms | ${r.pairsPerSec.toExponential(2)} | ${r.peakRssMiB.toFixed(0)} MiB | ${r.extraRssMiB.toFixed(1)} MiB |`,
    );
  }
}

main();
