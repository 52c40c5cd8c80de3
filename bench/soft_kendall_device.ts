// Measures where softKendall's device 'auto' should switch from the CPU pass to CUDA: times the
// fused forward+backward (native().surrogate, the call the tfjs kernel makes) with device 'cpu'
// and 'cuda' over a grid of sizes, and prints the smallest pair count from which CUDA wins at
// every larger size — the value for AUTO_CUDA_MIN_PAIRS in src/tfjs/device_choice.ts.
//   npx tsx bench/soft_kendall_device.ts     (bench/gpu.sh runs it on a GPU machine)
// Without a usable CUDA device it says so and exits 0 (nothing to measure).
import { native } from '../src/native.js';
import { AUTO_CUDA_MIN_PAIRS, cudaDeviceCount } from '../src/tfjs/device_choice.js';

const grid = [
  { batch: 1, n: 256 },
  { batch: 1, n: 512 },
  { batch: 1, n: 1024 },
  { batch: 1, n: 2048 },
  { batch: 1, n: 4096 },
  { batch: 1, n: 8192 },
  { batch: 1, n: 16384 },
  { batch: 1, n: 65536 },
  { batch: 1, n: 262144 },
  { batch: 64, n: 128 },
  { batch: 256, n: 256 },
];

function time(device: 'cpu' | 'cuda', batch: number, n: number, pred: Float32Array, target: Float32Array) {
  const options = {
    surrogate: 'tanh',
    alpha: 10,
    margin: 1,
    weighting: 'none',
    normalization: 'tau-b',
    device,
    wantGrad: true,
  } as const;
  native().surrogate(pred, target, null, batch, n, options); // warm-up (context, allocations)
  const times: number[] = [];
  const deadline = performance.now() + 2000;
  do {
    const t = performance.now();
    native().surrogate(pred, target, null, batch, n, options);
    times.push(performance.now() - t);
  } while (times.length < 3 || (performance.now() < deadline && times.length < 50));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

if (cudaDeviceCount() === 0) {
  console.log('soft_kendall_device: skipped — no usable CUDA device (nothing to measure here).');
} else {
  const dev = native().buildInfo().cuda.devices[0];
  console.log(`# fused fwd+bwd, CPU (${native().buildInfo().threads} threads) vs CUDA (${dev?.name ?? '?'})`);
  console.log('| B × n | pairs | cpu ms | cuda ms | cuda G pairs/s | faster |');
  console.log('|---|---|---|---|---|---|');
  const rows: { pairs: number; cudaWins: boolean }[] = [];
  for (const { batch, n } of grid) {
    const size = batch * n;
    const pred = new Float32Array(size);
    const target = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      target[i] = Math.round(Math.sin(i * 12.9898) * 437.5) / 10;
      pred[i] = target[i] * 0.01 + Math.cos(i * 78.233);
    }
    const pairs = (batch * n * (n - 1)) / 2;
    // the CPU at n = 262,144 takes minutes: extrapolate it from n = 65,536 instead of running it
    const cpu = n > 65536 ? Number.NaN : time('cpu', batch, n, pred, target);
    const cuda = time('cuda', batch, n, pred, target);
    const cudaWins = Number.isNaN(cpu) || cuda < cpu;
    rows.push({ pairs, cudaWins });
    console.log(
      `| ${batch} × ${n} | ${pairs.toExponential(2)} | ${Number.isNaN(cpu) ? '(skipped)' : cpu.toFixed(2)} | ${cuda.toFixed(2)} | ${(pairs / cuda / 1e6).toFixed(1)} | ${cudaWins ? 'cuda' : 'cpu'} |`,
    );
  }
  rows.sort((a, b) => a.pairs - b.pairs);
  let crossover: number | undefined;
  for (let i = rows.length - 1; i >= 0 && rows[i].cudaWins; i--) crossover = rows[i].pairs;
  console.log(
    `\nCUDA wins from ${crossover === undefined ? '(never in this grid)' : `${crossover.toExponential(2)} pairs`} upward; ` +
      `AUTO_CUDA_MIN_PAIRS is now ${AUTO_CUDA_MIN_PAIRS} (${AUTO_CUDA_MIN_PAIRS.toExponential(2)}).`,
  );
}
