// Fused surrogate on a CUDA device: forward + backward time at n = 65,536 and 262,144 (and
// B = 64 x n = 4,096), achieved pair throughput, and that throughput against the device's FP32 peak.
//   npx tsx bench/surrogate_native_gpu.bench.ts      (or bench/gpu.sh, which also runs the GPU tests)
// Exits with a message and status 0 when no CUDA device is present.
//
// Timing is end to end as seen from JS: host prep (sorting the targets for the denominators),
// copies both ways, the four kernels and their checks. "Pairs" counts ordered pairs (i, j), i != j,
// which is what the row-wise kernel evaluates: B * n * (n - 1).
// Peak: the FP32 rate of the device (non-tensor), from a table of known parts; the FLOP count per
// pair is an estimate read off native/core/pair_functions.h (tanh + tau-b + gradient, about 60
// floating-point operations with the division counted once), so "% of peak" is indicative only.

import { cpus } from 'node:os';
import type { NativeSurrogateOptions } from '../binding.js';
import { native } from '../src/native.js';
import { surrogateInputs } from './surrogate_inputs.js';

const FLOPS_PER_PAIR = 60;
// FP32 (non-tensor) peak, TFLOP/s, by device name fragment (vendor datasheets).
const PEAK_TFLOPS: [RegExp, number][] = [
  [/H200/, 67],
  [/H100.*PCIe/, 51],
  [/H100/, 67],
  [/A100/, 19.5],
  [/L40S/, 91.6],
  [/A10\b/, 31.2],
];

function main() {
  const b = native();
  const info = b.buildInfo();
  if (b.cudaDeviceCount() === 0) {
    console.log(
      `no CUDA device: ${info.cuda.error ?? 'none found'} (compiled with CUDA: ${info.cuda.compiled})`,
    );
    return;
  }
  const dev = info.cuda.devices[0];
  const peak = PEAK_TFLOPS.find(([re]) => re.test(dev.name))?.[1];
  console.log(
    `device: ${dev.name} (cc ${dev.computeCapability}, ${dev.multiprocessors} SMs, ${(dev.totalMemory / 2 ** 30).toFixed(0)} GiB), CUDA runtime ${info.cuda.runtimeVersion}, driver ${info.cuda.driverVersion}; host ${cpus()[0]?.model}`,
  );
  console.log(
    `peak FP32: ${peak ? `${peak} TFLOP/s` : 'unknown part (no % of peak)'}; ~${FLOPS_PER_PAIR} FLOP per pair assumed`,
  );
  console.log('');
  console.log(
    '| surrogate | B × n | fwd+bwd (median) | ordered pairs/s | est. % of FP32 peak | CPU (same input) | max |GPU − CPU| value |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const cases = [
    { batch: 1, n: 65536, reps: 10, cpu: true },
    { batch: 1, n: 262144, reps: 5, cpu: false },
    { batch: 64, n: 4096, reps: 10, cpu: false },
  ];
  for (const surrogate of ['tanh', 'ranknet'] as const) {
    for (const c of cases) {
      const total = c.batch * c.n;
      const { p, y } = surrogateInputs(total, 987654321);
      const opts: NativeSurrogateOptions = {
        surrogate,
        alpha: 2,
        margin: 1,
        weighting: 'none',
        normalization: surrogate === 'tanh' ? 'tau-b' : 'tau-a',
        device: 'cuda',
        wantGrad: true,
      };
      const gpu = b.surrogate(p, y, null, c.batch, c.n, opts); // warm-up (context, module load)
      const times: number[] = [];
      for (let r = 0; r < c.reps; r++) {
        const t0 = performance.now();
        b.surrogate(p, y, null, c.batch, c.n, opts);
        times.push(performance.now() - t0);
      }
      times.sort((a, z) => a - z);
      const ms = times[Math.floor(times.length / 2)];
      const pairsPerSec = (c.batch * c.n * (c.n - 1)) / (ms / 1000);
      const pct = peak ? `${((100 * pairsPerSec * FLOPS_PER_PAIR) / (peak * 1e12)).toFixed(1)} %` : '–';
      let cpuCol = '–';
      let diff = '–';
      if (c.cpu) {
        const t0 = performance.now();
        const cpu = b.surrogate(p, y, null, c.batch, c.n, { ...opts, device: 'cpu' });
        cpuCol = `${(performance.now() - t0).toFixed(0)} ms`;
        let m = 0;
        for (let k = 0; k < c.batch; k++) m = Math.max(m, Math.abs(cpu.value[k] - gpu.value[k]));
        diff = m.toExponential(1);
      }
      console.log(
        `| ${surrogate} | ${c.batch} × ${c.n} | ${ms.toFixed(2)} ms | ${pairsPerSec.toExponential(2)} | ${pct} | ${cpuCol} | ${diff} |`,
      );
    }
  }
}

main();
